/**
 * Label tests that identify where each table and block starts or ends. They
 * are tried on canonical label keys (see labels.ts).
 */
import { isFormLabel } from "./formLabels";

export const isStaffAnchor = (k: string) => k.includes("财政供养人员");
export const isExpenseAnchor = (k: string) => k.includes("经费控制情况");
export const isBuildingAnchor = (k: string) => k.includes("楼堂馆所");
export const isThriftRow = (k: string) => k.includes("厉行节约");
export const isBasicTitle = (k: string) => k.includes("绩效评价基础数据表");

export const isUnitNameLabel = (k: string) => k === "单位名称" || k.startsWith("单位名称:");
export const isBudgetAnchor = (k: string) => k.includes("年度预算申请");
export const isFundsTotalRow = (k: string) => k.includes("年度资金总额");
export const isGoalAnchor = (k: string) => k.startsWith("年度总体目标");
export const isIndicatorHeader = (k: string) => k === "一级指标";
export const isTotalRow = (k: string) => k === "总分" || k === "合计得分" || k === "总得分";
export const isSelfEvalTitle = (k: string) => k.includes("整体支出绩效自评表");
export const isNoteRow = (k: string) => k.startsWith("说明") || k.startsWith("填表说明");
export const isGradeLabel = (k: string) => /^(综合)?(评价|自评|绩效)?等级(:|$)/.test(k) || /^评价结果/.test(k);

/** Any label that belongs to 附件2, to stop a 附件1 scan on a shared sheet. */
export const isSelfEvalLabel = (k: string) =>
  isUnitNameLabel(k) || isBudgetAnchor(k) || isSelfEvalTitle(k) || isIndicatorHeader(k) || isFormLabel(k);
