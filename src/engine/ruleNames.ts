import type { RuleId } from "./findings";

/**
 * What a clerk reads for each rule (「核查结果」, the task pane, the CLI text).
 * The English ids stay the stable contract in JSON; these names may be
 * reworded. A Record over RuleId: a new rule id does not type-check until it
 * has a name here.
 */
export const RULE_NAMES_ZH: Record<RuleId, string> = {
  "table-missing": "表格未找到",
  "value-unreadable": "数值无法读取",
  "value-missing": "数据未填写",
  "sum-mismatch": "合计与明细不符",
  "breakdown-missing": "明细未填写",
  "subset-exceeds": "其中项超过总数",
  "staff-over-quota": "超编",
  "building-over-scale": "楼堂馆所超规模",
  "building-over-investment": "楼堂馆所超投资概算",
  "execution-over-100": "执行率超过100%",
  "stated-figure-mismatch": "填写数与核算不符",
  "split-sum-mismatch": "分项合计与各项不符",
  "split-total-unmatched": "分项合计对不上预算数",
  "split-basis-differs": "两种分类口径不一",
  "cross-table-mismatch": "附件1与附件2不一致",
  "score-out-of-range": "得分超出分值",
  "group-weight-mismatch": "一级指标分值不符",
  "indicator-weight-mismatch": "指标分值合计不符",
  "total-weight-mismatch": "总分分值不符",
  "profile-weight-differs": "分值与规定权重不同",
  "total-score-mismatch": "总分与各项得分不符",
  "grade-mismatch": "评价等级与总分不符",
  "deviation-unexplained": "扣分未写偏差原因",
  "indicator-below-target": "未达目标未写原因",
  "indicator-actual-missing": "实际完成值未填写",
  "group-label-missing": "一级指标名称空白",
  "formula-written-as-value": "未能写成公式",
  "cell-occupied": "单元格已有内容",
  "sheet-protected": "工作表受保护",
  "unit-suspect": "金额单位存疑",
  "narrative-mismatch": "报告与表格不符",
  "narrative-inconsistent": "报告数字前后不符",
  "unit-converted": "金额按所写单位换算",
  "score-missing": "得分未填写",
  "execution-weight-mismatch": "执行率分值不符",
  "grade-pending": "总分存疑等级待定",
  "note-weight-mismatch": "分值与表注不符",
  "note-rules-differ": "表注口径与所选规则不同",
  "form-remainder": "表格残段未作为一张表核查",
  "form-unreadable": "自评表未能识别",
};

/** The Chinese name of a rule id; an id this build does not know is shown as itself. */
export function ruleNameZh(rule: string): string {
  return Object.prototype.hasOwnProperty.call(RULE_NAMES_ZH, rule) ? RULE_NAMES_ZH[rule as RuleId] : rule;
}
