/**
 * Why a file given as a workbook is not one we can read, said as what it is,
 * so the clerk knows what to do: remove a password, or 「另存为」.xlsx. A file
 * that is fine in its own program is never called damaged.
 */
import { compoundFileNames } from "./compoundFile";
import { extensionOf, unreadable, type WorkbookReadError } from "./errors";
import type { ZipEntry } from "./zip";

const SAVE_AS = "「另存为」Excel 工作簿（*.xlsx）后再核查";

/** An OLE compound file: an encrypted .xlsx, an Excel 97-2003 (or WPS .et) workbook, a Word .doc, or unknown. */
export function compoundFileRefusal(fileName: string, bytes: Uint8Array): WorkbookReadError {
  const names = (compoundFileNames(bytes) ?? []).map((n) => n.toLowerCase());
  const refuse = (zh: string, en: string) => unreadable(fileName, zh, en);
  // An .xlsx (or .docx) saved with an open password is an OLE file holding the encrypted package.
  if (names.includes("encryptedpackage")) return refuse("文件设有打开密码（已加密）。请在 Excel 或 WPS 中打开它，取消打开密码后保存，再核查", "encrypted workbook (OLE EncryptedPackage)");
  // Excel 97-2003 writes a "Workbook" stream, Excel 5 "Book" (some writers spell it in capitals).
  if (names.includes("workbook") || names.includes("book")) {
    return extensionOf(fileName) === "et"
      ? refuse(`这是 WPS 表格的 .et 格式，请在 WPS 中${SAVE_AS}`, "WPS .et workbook (OLE compound file)")
      : refuse(`这是旧版 Excel 工作簿（.xls），请在 Excel 或 WPS 中${SAVE_AS}`, "legacy .xls workbook (BIFF stream in an OLE compound file)");
  }
  if (names.includes("worddocument")) return refuse("这是 Word 文档（.doc），不是 Excel 工作簿", "a Word 97-2003 document, not a workbook");
  return refuse("文件已加密（设有打开密码）或是旧版 .xls 格式，请在 Excel 中另存为未加密的 .xlsx 后再核查", "OLE compound file of an unknown kind");
}

/**
 * A zip that holds no SpreadsheetML workbook: an OpenDocument file (its first entry, "mimetype",
 * names its kind), an Excel binary workbook (.xlsb), a Word document, or a damaged package (null:
 * the caller says so).
 */
export function zipRefusal(fileName: string, entries: ZipEntry[], mimetype: () => string | null): WorkbookReadError | null {
  const refuse = (zh: string, en: string) => unreadable(fileName, zh, en);
  const has = (part: string) => entries.some((e) => e.name.toLowerCase() === part);
  if (has("mimetype")) {
    const type = mimetype() ?? "";
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return refuse(`这是 OpenDocument 表格（.ods），请在 WPS、Excel 或 LibreOffice 中${SAVE_AS}`, `an OpenDocument spreadsheet (${type})`);
    if (type.startsWith("application/vnd.oasis.opendocument.")) return refuse("这是 OpenDocument 文档，不是 Excel 工作簿", `an OpenDocument file (${type}), not a workbook`);
  }
  if (has("xl/workbook.bin")) return refuse(`这是 Excel 二进制工作簿（.xlsb），请在 Excel 中${SAVE_AS}`, "an Excel binary workbook (.xlsb)");
  if (has("word/document.xml")) return refuse("这是 Word 文档，不是 Excel 工作簿", "a Word document, not a workbook");
  return null;
}
