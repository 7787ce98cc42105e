import { reportText } from "../adapters/docx/reportText";
import { baseName } from "../adapters/xlsx/errors";
import { emptyReportReason, unreadableReportReason } from "./pairing";
import type { ReportStatus } from "./submission";

/**
 * A report paired by name in a folder, as the command line and the reviewers' page both
 * decide: its text, or why it cannot be read (shown as 「报告未核对」; its workbook is still
 * checked). `read` gives the file's bytes, or null when it cannot be opened; it is not called
 * for a kind of file no one can read (.doc, .wps, .pdf).
 */
export function pairedReport(path: string, read: () => Uint8Array | null): { text: string | null; status: ReportStatus } {
  const file = baseName(path);
  const unread = (reason: string) => ({ text: null, status: { file, read: false, reason } });
  const refused = unreadableReportReason(file);
  if (refused) return unread(refused);
  const bytes = read();
  if (!bytes) return unread("找不到报告文件或无法打开");
  const got = reportText(file, bytes);
  if ("refused" in got) return unread(got.refused.zh);
  if (!got.text.trim()) return unread(emptyReportReason);
  return { text: got.text, status: { file, read: true, reason: null } };
}
