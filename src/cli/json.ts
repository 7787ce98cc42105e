import type { CheckReport } from "../engine/report";

/** The CLI's JSON shape for one file (the contract outside checks use). */
export interface FileJson {
  file: string;
  forms: CheckReport["forms"];
  unit: string | null;
  tables: CheckReport["tables"];
  computed: CheckReport["computed"];
  findings: { severity: string; rule: string; sheet: string; cell: string; message: string; form: number | null }[];
  changes: { sheet: string; cell: string; before: unknown; after: unknown; formula: string | null }[];
}

export function toJson(file: string, r: CheckReport): FileJson {
  return {
    file,
    forms: r.forms,
    unit: r.unit,
    tables: r.tables,
    computed: r.computed,
    findings: r.findings.map(({ severity, rule, sheet, cell, message, form }) => ({ severity, rule, sheet, cell, message, form })),
    changes: r.plan.writes.map((w) => ({
      sheet: w.sheet,
      cell: w.cell,
      before: w.beforeFormula ? `=${w.beforeFormula}` : w.before,
      after: w.value,
      formula: w.formula === null ? null : `=${w.formula}`,
    })),
  };
}
