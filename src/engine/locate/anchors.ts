/**
 * Label tests that identify where each table and block starts or ends. They
 * are tried on canonical label keys (see labels.ts).
 */
import { FORM_UNIT_LABELS, isProjectNameLabel, TITLES } from "./formLabels";
import { isTotalLabel } from "./vocabulary";

export const isStaffAnchor = (k: string) => k.includes("财政供养人员");
export const isExpenseAnchor = (k: string) => k.includes("经费控制情况");
export const isBuildingAnchor = (k: string) => k.includes("楼堂馆所");
export const isThriftRow = (k: string) => k.includes("厉行节约");
export const isBasicTitle = (k: string) => k.includes("绩效评价基础数据表");

export const isGradeLabel = (k: string) => /^(综合)?(评价|自评|绩效)?等级(:|$)/.test(k) || /^评价结果/.test(k);
/** The 自评表 labels of either family live in formLabels.ts; 附件1's scan stops at them. */
export { isNoteRow } from "./formLabels";

/**
 * A label that opens a 自评表 (its title, 项目名称, 单位名称) or ends one (总分), to stop a 附件1 scan on
 * a shared sheet; the 自评表's header rows stop it too (basicData.ts).
 */
export const isSelfEvalLabel = (k: string) =>
  TITLES.department(k) || TITLES.project(k) || isProjectNameLabel(k) || isTotalLabel(k) || FORM_UNIT_LABELS.some((t) => t(k));
