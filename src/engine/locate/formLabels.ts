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

/**
 * A label whose last word is `word`, after a short qualifier naming whose or which it is:
 * 中央主管部门 and 地方主管部门 are 主管部门 lines, 资金使用单位 an implementing unit's line,
 * 转移支付(项目)名称 a project's name. A qualifier is at most six characters, so a sentence that
 * happens to end with the word is not a label.
 */
const qualifiedWord = (word: string): Test => {
  const re = new RegExp(`^[^:：()/]{1,6}(\\([^()]{1,4}\\))?${word}($|[(:])`);
  return (k) => labelWord(word)(k) || re.test(k);
};

/** Titles, which also tell the family when the money block does not. */
export const TITLES: Record<FormKind, Test> = {
  department: (k) => !/项目(支出)?绩效|基础数据/.test(k) && /整体(支出)?绩效(自评|评价)|部门(单位)?(整体)?(支出)?绩效(自评|评价)(表|结果表)|单位整体(支出)?绩效/.test(k),
  // A project's or a transfer payment's form, with or without 目标 (项目绩效目标自评表, 转移支付(项目)绩效目标自评表).
  project: (k) => /项目(支出)?绩效(目标)?(评价)?(自评|评价)(表|结果表)|项目绩效(目标)?自评|(转移支付|专项资金)[^整]{0,12}绩效(目标)?(自评|评价)/.test(k),
};

/**
 * `test`, or one of the alternatives a label offers: "单位名称/项目名称" (either is written there),
 * "实施(主管)单位" (a word with an alternative set inside it: read without it).
 */
const orAlternative = (test: Test): Test => (k) =>
  test(k) || (k.includes("/") && k.split("/").some(test)) || (/^[^()]+\([^()]{1,4}\)[^()]/.test(k) && test(k.replace(/\([^()]{1,4}\)/, "")));

/** A header line naming the project (its value is the project form's title): 项目名称, 转移支付(项目)名称, 专项名称 … */
const projectName = qualifiedWord("项目名称");
const isOneProjectNameLabel: Test = (k) => projectName(k) || /^([^:：()/]{1,6}\(项目\)|转移支付|专项资金|专项)名称($|[(:])/.test(k);
/** 项目名称 and its kin; a line offering it among alternatives asks for it too, which a 部门整体 form never does. */
export const isProjectNameLabel: Test = orAlternative(isOneProjectNameLabel);

/**
 * Where the unit's name is written, most specific first: a project is carried
 * out by its 实施单位, else the 主管部门 answers for it; the department form
 * names its 单位名称.
 */
/** Labels that only ever name a form's unit (a 附件1 scan on a shared sheet stops at them, anchors.ts). */
// 一级预算单位名称, 二级预算单位名称: a 单位名称 line after a short qualifier, as for 主管部门.
export const FORM_UNIT_LABELS: Test[] = [...["单位名称", "部门名称"].map(qualifiedWord), ...["部门(单位)名称", "单位(部门)名称", "预算单位"].map(labelWord)];
const DEPARTMENT_NAME_LABELS: Test[] = [...FORM_UNIT_LABELS, ...["填报单位", "部门", "单位"].map(labelWord)];
// 中央主管部门 names the ministry a transfer payment comes from, never the unit that reports on it.
const localDepartment: Test = (k) => qualifiedWord("主管部门")(k) && !/^中央/.test(k);
export const UNIT_LABELS: Record<FormKind, Test[]> = {
  project: [qualifiedWord("实施单位"), qualifiedWord("使用单位"), localDepartment, ...DEPARTMENT_NAME_LABELS].map(orAlternative),
  department: [...DEPARTMENT_NAME_LABELS, qualifiedWord("实施单位"), localDepartment].map(orAlternative),
};

/** Any header-line label: a unit's value is read up to the next of these. */
const isOneHeaderLabel: Test = (k) =>
  isProjectNameLabel(k) || UNIT_LABELS.project.some((t) => t(k)) || qualifiedWord("主管部门")(k) || labelWord("报表编号")(k) || labelWord("联系电话")(k) || labelWord("填报人")(k);
/** Any header-line label, also one offering alternatives. */
export const isHeaderLabel: Test = orAlternative(isOneHeaderLabel);

/** Rows under the money total that break it down (其中 …), not the 部门整体 "label：number" splits. */
export const FUND_PART_ROWS: Test = (k) =>
  /财政拨款|财政资金|上年结转|结转资金|财政专户|专户管理|单位资金|自有资金|其他资金|中央|省级|省财政|市级|市财政|县级|县财政|地方|本级|上级|社会|银行|专项资金/.test(k);

/** The goals block under the money block: 年度总体目标, 当年绩效目标, 年度绩效目标完成情况 … */
export const isGoalAnchor: Test = (k) => /^(年度|当年|项目)?(总体|绩效)目标|^总体目标|^年度目标/.test(k);
export const isNoteRow: Test = (k) => k.startsWith("说明") || k.startsWith("填表说明");

