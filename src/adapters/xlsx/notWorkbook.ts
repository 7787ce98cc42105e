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

/** Office Open XML documents other than workbooks, by their main part (ECMA-376 Part 1, §11–13). */
const OTHER_OOXML: { main: RegExp; zh: string; en: string }[] = [
  { main: /^word\//i, zh: "这是 Word 文档，不是 Excel 工作簿", en: "a Word document, not a workbook" },
  { main: /^ppt\//i, zh: "这是 PowerPoint 演示文稿，不是 Excel 工作簿", en: "a PowerPoint presentation, not a workbook" },
];

const SUBMISSION = /\.(xlsx|xlsm|xls|et)$/i;

/**
 * A zip that is no SpreadsheetML workbook, said as what it is: an OpenDocument file (its first
 * entry, "mimetype", names its kind), an Excel binary workbook (.xlsb), a Word document or a
 * presentation (the package's main part, `mainPart`, or word/document.xml), or a plain zip of
 * submissions (workbooks inside, no [Content_Types].xml). Null: a workbook, or a damaged package
 * (the caller says so).
 */
export function zipRefusal(fileName: string, entries: ZipEntry[], mimetype: () => string | null, mainPart: string | null = null): WorkbookReadError | null {
  const refuse = (zh: string, en: string) => unreadable(fileName, zh, en);
  const has = (part: string) => entries.some((e) => e.name.toLowerCase() === part);
  const isPackage = has("[content_types].xml");
  if (isPackage && mainPart && !/^xl\//i.test(mainPart)) {
    const other = OTHER_OOXML.find((k) => k.main.test(mainPart));
    if (other) return refuse(other.zh, other.en);
  }
  if (has("mimetype")) {
    const type = mimetype() ?? "";
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return refuse(`这是 OpenDocument 表格（.ods），请在 WPS、Excel 或 LibreOffice 中${SAVE_AS}`, `an OpenDocument spreadsheet (${type})`);
    if (type.startsWith("application/vnd.oasis.opendocument.")) return refuse("这是 OpenDocument 文档，不是 Excel 工作簿", `an OpenDocument file (${type}), not a workbook`);
  }
  if (has("xl/workbook.bin")) return refuse(`这是 Excel 二进制工作簿（.xlsb），请在 Excel 中${SAVE_AS}`, "an Excel binary workbook (.xlsb)");
  if (has("word/document.xml") && !has("xl/workbook.xml")) return refuse("这是 Word 文档，不是 Excel 工作簿", "a Word document, not a workbook");
  if (!isPackage && !has("mimetype") && !has("_rels/.rels") && !has("xl/workbook.xml")) {
    const books = entries.filter((e) => SUBMISSION.test(e.name) && !/(^|\/)~\$/.test(e.name)).map((e) => e.name);
    if (books.length) {
      const listed = books.slice(0, 3).join("、") + (books.length > 3 ? ` 等` : "");
      return refuse(`这是 ZIP 压缩包，内有 ${books.length} 个工作簿（${listed}），不是单个 Excel 工作簿；请解压后核查其中的文件`, `a zip archive of ${books.length} workbooks, not a workbook`);
    }
    return refuse("这是 ZIP 压缩包，不是 Excel 工作簿；请解压后核查其中的工作簿", "a zip archive, not a workbook");
  }
  return null;
}
