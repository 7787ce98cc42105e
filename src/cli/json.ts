import type { CheckReport } from "../engine/report";

/** The CLI's JSON shape for one file (the contract outside checks use). */
export interface FileJson {
  file: string;
  unit: string | null;
  tables: CheckReport["tables"];
  computed: CheckReport["computed"];
  findings: { severity: string; rule: string; sheet: string; cell: string; message: string }[];
  changes: { sheet: string; cell: string; before: unknown; after: unknown; formula: string | null }[];
}

export function toJson(file: string, r: CheckReport): FileJson {
  return {
    file,
    unit: r.unit,
    tables: r.tables,
    computed: r.computed,
    findings: r.findings.map(({ severity, rule, sheet, cell, message }) => ({ severity, rule, sheet, cell, message })),
    changes: r.plan.writes.map((w) => ({
      sheet: w.sheet,
      cell: w.cell,
      before: w.beforeFormula ? `=${w.beforeFormula}` : w.before,
      after: w.value,
      formula: w.formula === null ? null : `=${w.formula}`,
    })),
  };
}
