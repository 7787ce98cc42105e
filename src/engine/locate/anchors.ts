/**
 * Label tests that identify where each table and block starts or ends. They
 * are tried on canonical label keys (see labels.ts).
 */
import { isFormLabel, isIndicatorHeader, UNIT_LABELS } from "./formLabels";

export const isStaffAnchor = (k: string) => k.includes("财政供养人员");
export const isExpenseAnchor = (k: string) => k.includes("经费控制情况");
export const isBuildingAnchor = (k: string) => k.includes("楼堂馆所");
export const isThriftRow = (k: string) => k.includes("厉行节约");
export const isBasicTitle = (k: string) => k.includes("绩效评价基础数据表");

export const isGradeLabel = (k: string) => /^(综合)?(评价|自评|绩效)?等级(:|$)/.test(k) || /^评价结果/.test(k);
/** The 自评表 labels of either family live in formLabels.ts; 附件1's scan stops at them. */
export { isNoteRow } from "./formLabels";

/** Any label that belongs to a 自评表 (either family), to stop a 附件1 scan on a shared sheet. */
export const isSelfEvalLabel = (k: string) => isFormLabel(k) || isIndicatorHeader(k) || UNIT_LABELS.department.some((t) => t(k));
