import { worstFirst, reportNote, type FormRow, type Submission } from "../summary/submission";

/** One line of the page's table: a form of a submission, or a submission that could not be checked. */
export interface TableRow {
  key: string;
  submission: Submission;
  /** Index into submission.forms; null for a file that could not be checked. */
  form: number | null;
  cells: FormRow | null;
}

export type Filter = "all" | "error" | "warning" | "failed" | "clean";

export const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "全部" },
  { value: "error", label: "有错误" },
  { value: "warning", label: "有警告" },
  { value: "failed", label: "无法核查" },
  { value: "clean", label: "无错误和警告" },
];

/** Worst first, as the summary workbook orders them; a submission's forms stay together. */
export function tableRows(list: Submission[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const s of worstFirst(list)) {
    if (s.failure) rows.push({ key: s.file, submission: s, form: null, cells: null });
    else s.forms.forEach((f, i) => rows.push({ key: `${s.file}#${i}`, submission: s, form: i, cells: f }));
  }
  return rows;
}

export function matches(r: TableRow, f: Filter): boolean {
  switch (f) {
    case "all":
      return true;
    case "failed":
      return !r.cells;
    case "error":
      return !!r.cells && r.cells.errors > 0;
    case "warning":
      return !!r.cells && r.cells.warnings > 0;
    case "clean":
      return !!r.cells && r.cells.errors === 0 && r.cells.warnings === 0;
  }
}

/** 主要问题 as the table shows it: the worst one, and how many more. */
export function mainProblem(r: TableRow): string {
  if (!r.cells) return `无法核查：${r.submission.failure}`;
  const note = r.form === 0 ? reportNote(r.submission) : null;
  const first = r.cells.problems[0];
  const more = r.cells.problems.length - 1;
  return [note, first ? `${first}${more > 0 ? `（另有 ${more} 项）` : ""}` : "未发现问题"].filter(Boolean).join("；");
}
