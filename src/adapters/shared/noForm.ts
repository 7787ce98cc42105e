import { AddinError } from "../office/officeApi";

/**
 * A workbook in which no form of any kind was found, said alike in Excel and in WPS. The reader finds
 * a form by its header rows, not by a heading, so the hint names the columns it looks for.
 */
export const noFormFound = () =>
  new AddinError(
    "没有找到任何绩效自评表：部门整体支出绩效评价基础数据表（附件1）、部门整体支出绩效自评表（附件2）或项目支出绩效自评表。请确认表格中有列出“预算数”“执行数”的资金表，或列出“指标名称”和“分值”“得分”的绩效指标表（附件1 有“经费控制情况”或“编制数”“实有人数”）。",
    "no form of any kind found (department tables or project forms)",
    "no-tables",
  );
