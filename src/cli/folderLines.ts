import { fmtAmount } from "../engine/values";
import { reportNote, type Submission } from "../summary/submission";

/**
 * A folder run's one line per file: the file, then its 总分 and 等级 (待定 for a
 * disputed total), or its error and warning counts, or why it could not be read.
 */
export function fileLine(s: Submission): string {
  if (s.failure) return `✗ ${s.file}　无法核查：${s.failure}`;
  const scored = s.forms.filter((f) => f.totalScore !== null || f.grade);
  const parts: string[] = [];
  if (scored.length) {
    const score = (f: Submission["forms"][number]) => `${f.totalScore === null ? "—" : `${fmtAmount(f.totalScore)} 分`}${f.grade ? ` ${f.grade}` : ""}`;
    parts.push(`总分 ${scored.map(score).join("；")}${s.forms.length > 1 ? `（${s.forms.length} 张表）` : ""}`);
  }
  parts.push(s.errors || s.warnings ? `错误 ${s.errors}，警告 ${s.warnings}` : "未发现错误或警告");
  const note = reportNote(s);
  if (note) parts.push(note);
  return `${s.errors ? "!" : "✓"} ${s.file}　${parts.join("　")}`;
}

/** The closing lines: how many files went which way, and where the outputs are. */
export function totalsLines(list: Submission[], outputs: { summary: string | null; copies: string | null }): string[] {
  const failed = list.filter((s) => s.failure).length;
  const withErrors = list.filter((s) => !s.failure && s.errors > 0).length;
  const clean = list.length - failed - withErrors;
  const unread = list.filter((s) => s.report && !s.report.read).length;
  const lines = [`共 ${list.length} 个文件：无错误 ${clean} 个，有错误 ${withErrors} 个，无法核查 ${failed} 个${unread ? `；报告未核对 ${unread} 份` : ""}。`];
  if (outputs.summary) lines.push(`汇总表：${outputs.summary}`);
  if (outputs.copies) lines.push(`核查后的副本：${outputs.copies}`);
  return lines;
}
