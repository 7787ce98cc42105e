import { a1 } from "./address";
import type { CellPos } from "./snapshot";

export type Severity = "error" | "warning" | "info";

/**
 * One thing the engine found, at one cell. `message` is what a clerk reads
 * (简体中文); `log` is the same in English for logs and issue reports.
 */
export interface Finding {
  severity: Severity;
  rule: RuleId;
  sheet: string;
  cell: string;
  row: number;
  col: number;
  message: string;
  log: string;
  /** Index into CheckReport.forms of the form this finding is about; null = the workbook as a whole. */
  form: number | null;
}

/**
 * Stable rule ids. They are part of the CLI contract (see README "Rules");
 * add new ones, never rename.
 */
export const RULES = {
  "table-missing": "One of the two attachment tables was not found",
  "value-unreadable": "A cell that should hold a number cannot be read as one",
  "value-missing": "An input a computed figure depends on is blank",
  "sum-mismatch": "A total differs from the sum of its parts (附件1 经费控制情况)",
  "breakdown-missing": "A total is filled but none of its parts are",
  "subset-exceeds": "The 其中 rows of 公用经费 add up to more than 公用经费",
  "staff-over-quota": "实际在职人数 exceeds 编制数 (控制率 over 100%, 超编)",
  "building-over-scale": "实际规模 exceeds 批复规模 (规模控制率 over 100%)",
  "building-over-investment": "实际投资 exceeds 预算投资 (投资概算控制率 over 100%)",
  "execution-over-100": "执行率 over 100%: 全年执行数 exceeds 全年预算数",
  "stated-figure-mismatch": "A figure typed in a computed cell differs from the computed one",
  "split-sum-mismatch": "A 按收入/支出性质分 split does not add up to its own total",
  "split-total-unmatched": "A split total equals none of 年初预算数, 全年预算数, 全年执行数",
  "split-basis-differs": "The income split and the expenditure split describe different figures",
  "cross-table-mismatch": "附件2 differs from 附件1 (项目支出 / 基本支出 本年决算数)",
  "score-out-of-range": "得分 below 0 or above 分值",
  "group-weight-mismatch": "A 一级指标 group's 分值 does not add up to the weight in its label",
  "indicator-weight-mismatch": "The 绩效指标 分值 do not add up to the header's weight",
  "total-weight-mismatch": "总分 分值 differs from 执行率 分值 + the indicators' 分值",
  "profile-weight-differs": "A weight on the form differs from the rule profile's (原则上) weight",
  "total-score-mismatch": "The stated 总分 得分 differs from the computed total",
  "grade-mismatch": "The stated 评价等级 is not the one for the total's band",
  "deviation-unexplained": "Points were lost and 偏差原因 is empty",
  "indicator-below-target": "实际完成值 is worse than 年度指标值 and 偏差原因 is empty",
  "indicator-actual-missing": "年度指标值 is set but 实际完成值 is blank",
  "group-label-missing": "A 一级指标 label is blank; its group was inferred from the 二级指标",
  "formula-written-as-value": "An operand is text, so the figure was written as a value, not a live formula",
  "cell-occupied": "A cell the plan would write already holds a person's entry; left untouched",
  "sheet-protected": "A sheet the plan would change is protected; nothing is written on it",
  "unit-suspect": "A figure's magnitude says 元 where its header says 万元 (flagged, never converted)",
  "narrative-mismatch": "The narrative report states a figure or grade the tables contradict",
  "narrative-inconsistent": "The narrative report's total differs from the sum of the parts it lists",
  "unit-converted": "An amount typed with its own unit (\"150万\", \"1,500,000元\") was read in that unit and converted to the header's",
  "score-missing": "分值 is set but 得分 is blank: the total cannot be computed (never counted as 0)",
  "execution-weight-mismatch": "The money row's 分值 differs from the 执行率 weight (profile or block label) and the form's weights no longer add up",
  "note-weight-mismatch": "A weight on the form (a group label, the 分值 column, the money row) differs from the weight the form's own note (说明 / 注) prints",
  "note-rules-differ": "The form's note prints grade bands or weights other than the chosen profile's; the chosen profile is applied",
  "form-unreadable": "A 绩效自评表 title stands on the sheet, but no form (money block or scored indicator table) could be read under it: the form is not checked, and the finding says so at the title",
  "form-remainder": "Rows that look like the rest of another form (an indicator table whose own label claims only part of the points, with no title, header lines or money block above it) are not checked as a form",
  "grade-pending": "The total is disputed (a score out of range, or a stated 总分 that differs): no grade is given, 【待定】",
} as const;

export type RuleId = keyof typeof RULES;

export function finding(
  severity: Severity,
  rule: RuleId,
  at: CellPos,
  message: string,
  log: string,
  form: number | null = null,
): Finding {
  return { severity, rule, sheet: at.sheet, cell: a1(at.row, at.col), row: at.row, col: at.col, message, log, form };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by sheet position, so reports read top to bottom. */
export function sortFindings(list: Finding[], sheetOrder: string[]): Finding[] {
  const idx = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return [...list].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || idx(a.sheet) - idx(b.sheet) || a.row - b.row || a.col - b.col,
  );
}
