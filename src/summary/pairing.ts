/**
 * In a folder, each department's narrative report sits beside its workbook
 * under the same name: 信访局.xlsx with 信访局.docx (or .doc, .pdf, .wps, which
 * cannot be read and are reported as such, never silently left unpaired).
 */
import { extensionOf } from "../adapters/xlsx/errors";

export const REPORT_EXTENSIONS = ["docx", "wps", "doc", "pdf"] as const;

const stem = (p: string) => p.replace(/\.[^./\\]+$/, "");

/**
 * A submission to check: .xlsx and .xlsm, and also files a department may have saved in another
 * spreadsheet format (old .xls, WPS .et, OpenDocument .ods, Excel binary .xlsb), which cannot be
 * checked but are listed with the reason rather than silently left out. "~$" lock files are not.
 */
export const WORKBOOK_EXTENSIONS = ["xlsx", "xlsm", "xls", "et", "ods", "xlsb"] as const;
export const isWorkbookName = (p: string) => (WORKBOOK_EXTENSIONS as readonly string[]).includes(extensionOf(p)) && !/(^|[/\\])~\$[^/\\]*$/.test(p);
export const isReportName = (p: string) => (REPORT_EXTENSIONS as readonly string[]).includes(extensionOf(p));

/** workbook path → its report's path (same folder, same name; .docx preferred). */
export function pairReports(workbooks: string[], others: string[]): Map<string, string> {
  const byStem = new Map<string, string>();
  const rank = (p: string) => (REPORT_EXTENSIONS as readonly string[]).indexOf(extensionOf(p));
  for (const r of others.filter(isReportName)) {
    const k = stem(r).toLowerCase();
    const had = byStem.get(k);
    if (!had || rank(r) < rank(had)) byStem.set(k, r);
  }
  const out = new Map<string, string>();
  for (const w of workbooks) {
    const r = byStem.get(stem(w).toLowerCase());
    if (r) out.set(w, r);
  }
  return out;
}

/** Why a report of this kind cannot be checked, or null when it is worth reading. */
export function unreadableReportReason(p: string): string | null {
  switch (extensionOf(p)) {
    case "pdf":
      return "PDF 文件无法核对文字，请同时提供 .docx 版本";
    case "wps":
      return "WPS 文字格式（.wps）无法读取，请另存为 .docx";
    case "doc":
      return "旧版 .doc 文件无法读取，请在 Word 中另存为 .docx";
    default:
      return null;
  }
}

/** A report whose text holds nothing to check (a scan saved as .docx). */
export const emptyReportReason = "报告中没有可核对的文字，可能是扫描件";
