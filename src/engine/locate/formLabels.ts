/**
 * The labels of the 绩效自评表 families, as published, in one place. Both
 * families share one grid (money block, goals, indicators, total); only the
 * words differ. Every test runs on canonical label keys (labels.ts: width
 * folded, spaces, numbering and "其中：" removed). A province whose form says
 * it differently adds a synonym here, not a new locator.
 */

export type FormKind = "department" | "project";

export type Test = (key: string) => boolean;

/** Columns of the money block (年度预算申请 / 项目资金 / 预算执行情况). */
export type BudgetField = "initial" | "annual" | "executed" | "weight" | "rate" | "score";

/** Columns of the 绩效指标 table. */
export type IndicatorField = "l1" | "l2" | "l3" | "nature" | "measure" | "target" | "actual" | "weight" | "score" | "reason";

const exactOrParen = (word: string): Test => (k) => k === word || k.startsWith(`${word}(`);

/** A label test: the key equals the word, maybe followed by "(…)" ("实施单位(盖章)") or ":value". */
const labelWord = (word: string): Test => (k) => k === word || k.startsWith(`${word}(`) || k.startsWith(`${word}:`);

/** The block each family's money rows start under. */
export const BUDGET_ANCHORS: Record<FormKind, Test> = {
  department: (k) => k.includes("年度预算申请"),
  // National form: "项目资金（万元）"; Sichuan: "预算执行情况(10分)".
  project: (k) => k.startsWith("项目资金") || k.startsWith("预算执行情况"),
};

/** Titles, which also tell the family when the money block does not. */
export const TITLES: Record<FormKind, Test> = {
  department: (k) => !/项目(支出)?绩效|基础数据/.test(k) && /整体(支出)?绩效(自评|评价)|部门(单位)?(整体)?(支出)?绩效(自评|评价)(表|结果表)|单位整体(支出)?绩效/.test(k),
  project: (k) => /项目(支出)?绩效(自评|评价)(表|结果表)|项目绩效自评/.test(k),
};

/** A header line naming the project: its value is the project form's title. */
export const isProjectNameLabel: Test = labelWord("项目名称");

/**
 * Where the unit's name is written, most specific first: a project is carried
 * out by its 实施单位, else the 主管部门 answers for it; the department form
 * names its 单位名称.
 */
const DEPARTMENT_NAME_LABELS: Test[] = ["单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "预算单位", "填报单位", "部门", "单位"].map(labelWord);
export const UNIT_LABELS: Record<FormKind, Test[]> = {
  project: [labelWord("实施单位"), labelWord("项目实施单位"), labelWord("主管部门"), ...DEPARTMENT_NAME_LABELS],
  department: [...DEPARTMENT_NAME_LABELS, labelWord("实施单位"), labelWord("主管部门")],
};

/** Any header-line label: a unit's value is read up to the next of these. */
export const isHeaderLabel: Test = (k) =>
  isProjectNameLabel(k) || UNIT_LABELS.project.some((t) => t(k)) || labelWord("报表编号")(k) || labelWord("联系电话")(k) || labelWord("填报人")(k);

/** The money block's total row: "年度资金总额", Sichuan "总额". */
export const isFundsTotalRow: Test = (k) => k.includes("年度资金总额") || k === "总额" || k === "资金总额";

/** Money block columns, tried in order per header cell (first match wins). */
export const BUDGET_COLUMNS: [BudgetField, Test][] = [
  ["initial", (k) => k.includes("年初预算")],
  ["annual", (k) => k.includes("全年预算") || k.includes("调整后预算")],
  ["executed", (k) => k.includes("全年执行") || k.startsWith("预算执行数") || k.startsWith("实际执行数")],
  ["weight", (k) => exactOrParen("分值")(k) || exactOrParen("权重")(k)],
  ["rate", (k) => k.includes("执行率")],
  ["score", exactOrParen("得分")],
];

/** The money block's reason column (Sichuan: 原因), where a budget not all spent is explained. */
export const BUDGET_REASON: Test = (k) => k === "原因" || k.includes("未完成原因") || k.includes("偏差原因");

/** Rows under the money total that break it down (其中 …), not the 部门整体 "label：number" splits. */
export const FUND_PART_ROWS: Test = (k) =>
  /财政拨款|财政资金|上年结转|结转资金|财政专户|专户管理|单位资金|自有资金|其他资金/.test(k);

/** 绩效指标 table columns. */
export const INDICATOR_COLUMNS: [IndicatorField, Test][] = [
  ["l1", (k) => k === "一级指标"],
  ["l2", (k) => k === "二级指标"],
  ["l3", (k) => k === "三级指标"],
  ["nature", (k) => k === "指标性质"],
  ["measure", (k) => k === "度量单位" || k === "计量单位"],
  ["actual", (k) => k.includes("实际完成")],
  ["target", (k) => k.includes("指标值")],
  ["weight", (k) => exactOrParen("分值")(k) || exactOrParen("权重")(k)],
  ["score", exactOrParen("得分")],
  ["reason", (k) => k.includes("偏差原因") || k.includes("未完成原因") || k === "原因"],
];

export const isIndicatorHeader: Test = (k) => k === "一级指标";
export const isGoalAnchor: Test = (k) => k.startsWith("年度总体目标") || k.startsWith("总体目标");
export const isTotalRow: Test = (k) => k === "总分" || k === "合计得分" || k === "总得分" || k === "合计";
export const isNoteRow: Test = (k) => k.startsWith("说明") || k.startsWith("填表说明");

/** Any label that opens a 绩效自评表 of either family. */
export const isFormLabel: Test = (k) =>
  BUDGET_ANCHORS.department(k) || BUDGET_ANCHORS.project(k) || TITLES.department(k) || TITLES.project(k) || isProjectNameLabel(k);
