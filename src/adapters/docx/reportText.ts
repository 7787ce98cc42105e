import { compoundFileNames, looksLikeCompoundFile } from "../xlsx/compoundFile";
import { otherReportRefusal } from "../xlsx/fileKind";
import { docxBodyText } from "./documentXml";

/** Why a report cannot be read: for the user (Chinese, without the file's name) and for logs. */
export interface ReportRefusal {
  zh: string;
  en: string;
}


/**
 * A narrative report's text from its bytes, decided the same way wherever it is read (the
 * command line, the reviewers' page, the task pane): a .docx's body; plain text otherwise —
 * UTF-8, or GB18030 (GBK) as Notepad on a Chinese Windows saves it. An old .doc or an
 * encrypted file, a .docx that is no zip or has no body, are refused with the reason.
 */
export function reportText(name: string, bytes: Uint8Array): { text: string } | { refused: ReportRefusal } {
  if (looksLikeCompoundFile(bytes)) return { refused: compoundRefusal(bytes) };
  const named = /\.doc[xm]$/i.test(name);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return { text: docxBodyText(bytes) };
    } catch (e) {
      return { refused: { zh: "不是有效的 .docx 文件", en: `unreadable docx: ${(e as Error).message}` } };
    }
  }
  // A PDF or a picture, whatever its name: said as what it is, never read as text.
  const other = otherReportRefusal(bytes);
  if (other) return { refused: other };
  if (named) return { refused: { zh: "不是有效的 .docx 文件", en: "named .docx but not a zip package" } };
  return { text: plainText(bytes) };
}

/** An OLE compound file, said as what it is: a .docx with an open password, a Word 97-2003 .doc, or unknown. */
function compoundRefusal(bytes: Uint8Array): ReportRefusal {
  const names = (compoundFileNames(bytes) ?? []).map((n) => n.toLowerCase());
  if (names.includes("encryptedpackage")) return { zh: "文件设有打开密码（已加密），请在 Word 或 WPS 中取消打开密码后保存", en: "encrypted report (OLE EncryptedPackage)" };
  if (names.includes("worddocument")) return { zh: "这是旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx", en: "legacy .doc report (OLE compound file)" };
  return { zh: "这是旧版 .doc 或加密文件，请在 Word 中另存为 .docx", en: "legacy .doc or encrypted report (OLE compound file)" };
}

/** Plain text: a byte-order mark says how (UTF-8, UTF-16); else UTF-8 if it is valid, else GB18030. */
function plainText(b: Uint8Array): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder("utf-8").decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    // Not UTF-8. A runtime without GB18030 (Node built with small ICU) reads it as UTF-8 anyway.
    try {
      return new TextDecoder("gb18030").decode(b);
    } catch {
      return new TextDecoder("utf-8").decode(b);
    }
  }
}
