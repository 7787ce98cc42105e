import type { Finding } from "./findings";
import type { FormReading } from "./locate/reading";
import type { GradeBand } from "./profile";
import type { Plan } from "./plan";

/** Figures the engine computes; null where an input is missing or unreadable. */
export interface Computed {
  executionRate: number | null;
  executionScore: number | null;
  staffControlRate: number | null;
  buildings: { scaleControlRate: number | null; investmentControlRate: number | null }[];
  totalScore: number | null;
  grade: string | null;
}

export interface TableLocation {
  sheet: string;
  range: string;
}

/** One 绩效自评表 found in the workbook: the 部门整体 form or a 项目支出 form. */
export interface FormReport {
  kind: "department" | "project";
  /** "部门整体支出绩效自评表" or the project's 项目名称. */
  title: string;
  sheet: string;
  /** A1 range on `sheet`. */
  range: string;
  unit: string | null;
  /** The money block's total row as read, in `moneyUnit`; null where a figure is blank, unreadable or absent. */
  budget: { initial: number | null; annual: number | null; executed: number | null; moneyUnit: "万元" | "元" | null };
  computed: { executionRate: number | null; executionScore: number | null; totalScore: number | null; grade: string | null };
  /** What was recognised on the form, where, what could not be read, and where each rule came from. */
  reading: FormReading;
  /** The rule profile the form was graded under: the workbook's, or its own note's bands (reading.ruleSources says which). */
  profile: { name: string; gradeBands: GradeBand[] };
}

export interface CheckReport {
  /** Every form found, 部门整体 first, then project forms in sheet order. Findings point here by `form`. */
  forms: FormReport[];
  /** Top-level unit, tables and computed describe the 部门整体 form, else the first project form. */
  unit: string | null;
  tables: { basicData: TableLocation | null; selfEvaluation: TableLocation | null };
  computed: Computed;
  findings: Finding[];
  plan: Plan;
}

/**
 * A workbook holding no form of any kind (neither 附件1 nor a 部门整体 or 项目 自评表):
 * nothing can be checked. One test for the CLI, the reviewers' page and the add-in.
 */
export const holdsNoForm = (r: Pick<CheckReport, "tables" | "forms">): boolean => !r.tables.basicData && r.forms.length === 0;

/** Every table a check read (附件1 and each form), where an edit may change a result: what 自动核查 watches. */
export function tablesOf(r: Pick<CheckReport, "tables" | "forms">): TableLocation[] {
  const all = [r.tables.basicData, r.tables.selfEvaluation, ...r.forms.map((f) => ({ sheet: f.sheet, range: f.range }))].filter((t): t is TableLocation => t !== null);
  return all.filter((t, i) => all.findIndex((u) => u.sheet === t.sheet && u.range === t.range) === i);
}
