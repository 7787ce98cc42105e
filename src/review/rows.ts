import { compareNames } from "../summary/compareNames";
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

/**
 * An option of 「按问题筛选」, counted as a reviewer counts: 张表 for the forms, 个文件 for the files
 * they are in, so 25 rows of 22 files read 「全部：25 张表（22 个文件）」, and files that could
 * not be checked are files, not tables.
 */
export function filterLabel(rows: TableRow[], f: Filter): string {
  const label = FILTERS.find((x) => x.value === f)!.label;
  const own = rows.filter((r) => matches(r, f));
  const files = new Set(own.map((r) => r.submission.file)).size;
  const failed = own.filter((r) => !r.cells).length;
  const forms = own.length - failed;
  if (f === "failed") return `${label}：${files} 个文件`;
  return `${label}：${forms} 张表（${files} 个文件${failed ? `，其中 ${failed} 个无法核查` : ""}）`;
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

/** 主要问题 as the table shows it: the worst one, and how many more (the report's state is under the file's name). */
export function mainProblem(r: TableRow): string {
  if (!r.cells) return `无法核查：${r.submission.failure}`;
  const first = r.cells.problems[0];
  const more = r.cells.problems.length - 1;
  return first ? `${first}${more > 0 ? `（另有 ${more} 项）` : ""}` : "未发现问题";
}

/**
 * Which narrative report was read for the file, as 「核查信息」 says it: 已核对 (and which file),
 * 未提供, or 报告未核对 and why.
 */
export function reportLine(s: Submission): string {
  if (!s.report) return "报告：未提供";
  if (s.report.read) return `报告：已核对 ${s.report.file}`;
  return reportNote(s)!;
}

/**
 * A later pick joins the batch: its files are added, and a file picked again (the same path)
 * replaces its own row. Returns the batch in name order and the paths that replaced a row.
 */
export function mergeBatch<T extends { path: string }>(held: T[], picked: T[]): { batch: T[]; replaced: string[] } {
  const byPath = new Map(held.map((w) => [w.path, w]));
  const replaced = picked.filter((w) => byPath.has(w.path)).map((w) => w.path);
  for (const w of picked) byPath.set(w.path, w);
  return { batch: [...byPath.values()].sort((a, b) => compareNames(a.path, b.path)), replaced };
}
