import { promises as fs } from "fs";
import * as path from "path";
import { reportText } from "../adapters/docx/reportText";
import { emptyReportReason, unreadableReportReason } from "../summary/pairing";
import type { ReportStatus } from "../summary/submission";

/**
 * A report paired by name in a folder. One that cannot be read does not stop
 * its workbook's check: it is shown as 「报告未核对」 with the reason, the same
 * reason the reviewers' page gives (both decide with reportText).
 */
export async function readPairedReport(file: string): Promise<{ text: string | null; status: ReportStatus }> {
  const name = path.basename(file);
  const unread = (reason: string) => ({ text: null, status: { file: name, read: false, reason } });
  const refused = unreadableReportReason(file);
  if (refused) return unread(refused);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return unread("找不到报告文件或无法打开");
  }
  const read = reportText(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if ("refused" in read) return unread(read.refused.zh);
  if (!read.text.trim()) return unread(emptyReportReason);
  return { text: read.text, status: { file: name, read: true, reason: null } };
}
