import { fmtAmount } from "../engine/values";
import { reportNote, type Submission } from "../summary/submission";

/**
 * Each file's mark, one symbol a state, explained once in the totals line. `!` for errors read as
 * "warning", and `✓` also stood for files with warnings.
 */
export const MARKS = { errors: "✗", warnings: "△", clean: "✓", unreadable: "⊘" } as const;

export function markOf(s: Submission): string {
  if (s.failure) return MARKS.unreadable;
  return s.errors ? MARKS.errors : s.warnings ? MARKS.warnings : MARKS.clean;
}

/**
 * A folder run's one line per file: the file, then its 总分 and 等级 (待定 for a
 * disputed total), or its error and warning counts, or why it could not be read.
 */
export function fileLine(s: Submission): string {
  if (s.failure) return `${MARKS.unreadable} ${s.file}　无法核查：${s.failure}`;
  const scored = s.forms.filter((f) => f.totalScore !== null || f.grade);
  const parts: string[] = [];
  if (scored.length) {
    const score = (f: Submission["forms"][number]) => `${f.totalScore === null ? "—" : `${fmtAmount(f.totalScore)} 分`}${f.grade ? ` ${f.grade}` : ""}`;
    parts.push(`总分 ${scored.map(score).join("；")}${s.forms.length > 1 ? `（${s.forms.length} 张表）` : ""}`);
  }
  parts.push(s.errors || s.warnings ? `错误 ${s.errors}，警告 ${s.warnings}` : "未发现错误或警告");
  // Which report was paired, read or not: a reviewer calls about the right document.
  const note = reportNote(s) ?? (s.report?.read ? `报告已核对：${s.report.file}` : null);
  if (note) parts.push(note);
  return `${markOf(s)} ${s.file}　${parts.join("　")}`;
}

/** The closing lines: how many files went which way, and where the outputs are. */
export function totalsLines(list: Submission[], outputs: { summary: string | null; copies: string | null }): string[] {
  const count = (mark: string) => list.filter((s) => markOf(s) === mark).length;
  const unread = list.filter((s) => s.report && !s.report.read).length;
  const states = [
    `${MARKS.errors} 有错误 ${count(MARKS.errors)} 个`,
    `${MARKS.warnings} 仅有警告 ${count(MARKS.warnings)} 个`,
    `${MARKS.clean} 无错误和警告 ${count(MARKS.clean)} 个`,
    `${MARKS.unreadable} 无法核查 ${count(MARKS.unreadable)} 个`,
  ];
  const lines = [`共 ${list.length} 个文件：${states.join("，")}${unread ? `；报告未核对 ${unread} 份` : ""}。`];
  if (outputs.summary) lines.push(`汇总表：${outputs.summary}`);
  if (outputs.copies) lines.push(`核查后的副本：${outputs.copies}`);
  return lines;
}
