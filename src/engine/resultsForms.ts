import { GRADE_PENDING } from "./grade";
import type { Finding } from "./findings";
import type { ResultsCell } from "./plan";
import type { FormReport } from "./report";
import { readingText } from "./readingText";

const KIND_ZH: Record<FormReport["kind"], string> = { department: "部门整体", project: "项目支出" };

/** A finding that makes a form's total disputed: grade-pending, or the stated total's mismatch that absorbed it. */
export const isDisputeFinding = (f: Finding) => f.rule === "grade-pending" || f.rule === "total-score-mismatch";

/** The grade as shown to people: the word, 待定 for a disputed total, else null (not computable). */
export function shownGrade(grade: string | null, form: number | null, findings: Finding[]): string | null {
  if (grade !== null) return grade;
  return findings.some((f) => isDisputeFinding(f) && f.form === form) ? GRADE_PENDING : null;
}

/**
 * 「核查结果」's block of every form's figures (one row per form), for a
 * workbook holding more than one form. Returns the cells and the rows used.
 */
export function formsBlock(top: number, forms: FormReport[], findings: Finding[]): { cells: ResultsCell[]; rows: number } {
  if (forms.length < 2) return { cells: [], rows: 0 };
  const cells: ResultsCell[] = [];
  const put = (row: number, col: number, value: string | number, extra: Partial<ResultsCell> = {}) => cells.push({ row, col, value, ...extra });
  put(top, 0, `本工作簿共 ${forms.length} 张绩效自评表`, { bold: true });
  ["类别", "执行率", "总分", "名称、单位、位置（执行率得分）", "评价等级"].forEach((h, c) => put(top + 1, c, h, { bold: true }));
  forms.forEach((f, i) => {
    const r = top + 2 + i;
    const c = f.computed;
    put(r, 0, `${i + 1}. ${KIND_ZH[f.kind]}`);
    put(r, 1, c.executionRate ?? "无法计算", c.executionRate !== null ? { numFmt: "0.00%" } : {});
    put(r, 2, c.totalScore ?? "无法计算", c.totalScore !== null ? { numFmt: "0.00" } : {});
    const [first] = f.range.split(":");
    put(r, 3, `${f.title}｜${f.unit ?? "（未找到单位）"}｜${f.sheet}!${f.range}（执行率得分 ${c.executionScore ?? "无法计算"}）`, { link: { sheet: f.sheet, cell: first } });
    put(r, 4, shownGrade(c.grade, i, findings) ?? "无法计算");
  });
  return { cells, rows: forms.length + 3 };
}

/**
 * 「核查结果」's block saying, for every form, what was read and where, what could not be read and
 * why, and where each rule came from: a clerk sees why a figure is missing.
 */
export function readingBlock(top: number, forms: FormReport[]): { cells: ResultsCell[]; rows: number } {
  if (forms.length === 0) return { cells: [], rows: 0 };
  const cells: ResultsCell[] = [];
  const put = (row: number, col: number, value: string | number, extra: Partial<ResultsCell> = {}) => cells.push({ row, col, value, ...extra });
  put(top, 0, "表格识别情况", { bold: true });
  let row = top + 1;
  forms.forEach((f, i) => {
    const t = readingText(f.reading);
    const [first] = f.range.split(":");
    const lines: [string, string][] = [
      ["已识别", t.read],
      ...(t.unread ? ([["未能识别", t.unread]] as [string, string][]) : []),
      ["规则来源", t.sources || "默认评分规则"],
    ];
    // Wrapped cells stand side by side (C–E): a host may wrap a row's span, gaps included.
    put(row, 0, forms.length > 1 ? `${i + 1}. ${KIND_ZH[f.kind]}` : KIND_ZH[f.kind]);
    put(row, 2, `${f.sheet}!${f.range}`, { link: { sheet: f.sheet, cell: first }, wrap: true });
    put(row, 3, "版式", { wrap: true });
    put(row, 4, t.layout, { wrap: true });
    row++;
    for (const [label, text] of lines) {
      put(row, 3, label, { wrap: true });
      put(row, 4, text, { wrap: true });
      row++;
    }
  });
  return { cells, rows: row - top };
}
