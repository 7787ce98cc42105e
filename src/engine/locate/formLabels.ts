/**
 * The header-line labels of the 绩效自评表 families (titles, 项目名称, the unit's name) and the
 * field names the rules share. Blocks are found by their header rows' column roles
 * (vocabulary.ts, headerRows.ts), not by labels here. Every test runs on canonical label keys
 * (labels.ts: width folded, spaces, numbering and "其中：" removed).
 */

export type FormKind = "department" | "project";

export type Test = (key: string) => boolean;

/** Columns of the money block (年度预算申请 / 项目资金 / 预算执行情况). */
export type BudgetField = "initial" | "annual" | "executed" | "weight" | "rate" | "score";

/** Columns of the 绩效指标 table. */
export type IndicatorField = "l1" | "l2" | "l3" | "nature" | "measure" | "target" | "actual" | "weight" | "score" | "reason";

/** A label test: the key equals the word, maybe followed by "(…)" ("实施单位(盖章)") or ":value". */
const labelWord = (word: string): Test => (k) => k === word || k.startsWith(`${word}(`) || k.startsWith(`${word}:`);

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
/** Labels that only ever name a form's unit (a 附件1 scan on a shared sheet stops at them, anchors.ts). */
export const FORM_UNIT_LABELS: Test[] = ["单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "预算单位"].map(labelWord);
const DEPARTMENT_NAME_LABELS: Test[] = [...FORM_UNIT_LABELS, ...["填报单位", "部门", "单位"].map(labelWord)];
export const UNIT_LABELS: Record<FormKind, Test[]> = {
  project: [labelWord("实施单位"), labelWord("项目实施单位"), labelWord("主管部门"), ...DEPARTMENT_NAME_LABELS],
  department: [...DEPARTMENT_NAME_LABELS, labelWord("实施单位"), labelWord("主管部门")],
};

/** Any header-line label: a unit's value is read up to the next of these. */
export const isHeaderLabel: Test = (k) =>
  isProjectNameLabel(k) || UNIT_LABELS.project.some((t) => t(k)) || labelWord("报表编号")(k) || labelWord("联系电话")(k) || labelWord("填报人")(k);

/** Rows under the money total that break it down (其中 …), not the 部门整体 "label：number" splits. */
export const FUND_PART_ROWS: Test = (k) =>
  /财政拨款|财政资金|上年结转|结转资金|财政专户|专户管理|单位资金|自有资金|其他资金|中央|省级|省财政|市级|市财政|县级|县财政|地方|本级|上级|社会|银行|专项资金/.test(k);

/** The goals block under the money block: 年度总体目标, 当年绩效目标, 年度绩效目标完成情况 … */
export const isGoalAnchor: Test = (k) => /^(年度|当年|项目)?(总体|绩效)目标|^总体目标|^年度目标/.test(k);
export const isNoteRow: Test = (k) => k.startsWith("说明") || k.startsWith("填表说明");

