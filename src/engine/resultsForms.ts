import { GRADE_PENDING } from "./grade";
import type { Finding } from "./findings";
import type { ResultsCell } from "./plan";
import type { FormReport } from "./report";

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
