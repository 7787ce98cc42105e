/**
 * What the reader recognised on a form, and what it could not: the reading summary a clerk sees
 * beside a missing figure ("未能识别执行数列", "指标无分值列，按组权重核算"), and the JSON's
 * `forms[i].reading`. Cells are A1 on the form's sheet.
 */
export type FormLayout = "national" | "split" | "single-level" | "evaluation" | "money-only";

export interface ReadingBlock {
  role: "money" | "indicators" | "total";
  range: string;
  /** The header cell of each column role read ("annual": "D4"). */
  columns: Record<string, string>;
}

export interface UnreadItem {
  role: string;
  why: string;
}

/** Where one rule of the form came from. */
export interface RuleSource {
  rule: "grade-bands" | "execution-weight" | "group-weights" | "indicator-weights";
  from: "form-note" | "block-label" | "group-label" | "header-label" | "column" | "percent-column" | "profile" | "chosen-profile";
  cell: string | null;
}

export interface FormReading {
  layout: FormLayout;
  blocks: ReadingBlock[];
  unread: UnreadItem[];
  ruleSources: RuleSource[];
}

/** Chinese names of the layouts, as the pane, 「核查结果」 and the page say them. */
export const LAYOUT_NAMES: Record<FormLayout, string> = {
  national: "全国通用版式（执行率 + 绩效指标）",
  split: "预算执行与绩效指标另行分配权重",
  "single-level": "单层指标（指标名称 / 权重 / 得分）",
  evaluation: "评价指标体系（决策 / 过程 / 产出 / 效益）",
  "money-only": "只有预算资金表",
};
