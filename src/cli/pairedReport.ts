import * as path from "path";
import { readReportFile, ReportReadError } from "../adapters/docx/readDocx";
import { emptyReportReason, unreadableReportReason } from "../summary/pairing";
import type { ReportStatus } from "../summary/submission";

/**
 * A report paired by name in a folder. One that cannot be read does not stop
 * its workbook's check: it is shown as 「报告未核对」 with the reason.
 */
export async function readPairedReport(file: string): Promise<{ text: string | null; status: ReportStatus }> {
  const name = path.basename(file);
  const refused = unreadableReportReason(file);
  if (refused) return { text: null, status: { file: name, read: false, reason: refused } };
  try {
    const text = await readReportFile(file);
    if (!text.trim()) return { text: null, status: { file: name, read: false, reason: emptyReportReason } };
    return { text, status: { file: name, read: true, reason: null } };
  } catch (e) {
    if (!(e instanceof ReportReadError)) throw e;
    return { text: null, status: { file: name, read: false, reason: e.zh.replace(/^无法读取报告 [^：]*：/, "") } };
  }
}
