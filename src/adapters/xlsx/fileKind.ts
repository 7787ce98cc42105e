/**
 * What a file given as a workbook really is, from its first bytes, whatever its name says: a
 * department that renames 报告.pdf or a scan to .xlsx must hear "this is a PDF", not "damaged".
 * Signatures: PDF 32000-1 §7.5.2 (%PDF-), PNG (ISO/IEC 15948, 8-byte signature), JPEG/JFIF (SOI
 * marker FF D8 FF), GIF (GIF87a/GIF89a), BMP ("BM"), TIFF (II*\0 / MM\0*), RAR ("Rar!\x1a\x07"),
 * 7-Zip ("7z\xbc\xaf\x27\x1c").
 */
import { unreadable, type WorkbookReadError } from "./errors";

const ASK = "请向填报单位索取 Excel 工作簿（.xlsx）";

interface Kind {
  sig: (b: Uint8Array) => boolean;
  zh: string;
  en: string;
}

const starts = (b: Uint8Array, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, s: string) => [...s].every((ch, i) => b[i] === ch.charCodeAt(0));

const KINDS: Kind[] = [
  { sig: (b) => ascii(b, "%PDF-"), zh: `这是 PDF 文件，不是 Excel 工作簿；PDF 中的表格无法核查，${ASK}`, en: "a PDF document, not a workbook" },
  { sig: (b) => starts(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), zh: `这是图片（PNG），不是 Excel 工作簿；截图或扫描件中的表格无法核查，${ASK}`, en: "a PNG image, not a workbook" },
  { sig: (b) => starts(b, 0xff, 0xd8, 0xff), zh: `这是图片（JPEG），不是 Excel 工作簿；照片或扫描件中的表格无法核查，${ASK}`, en: "a JPEG image, not a workbook" },
  { sig: (b) => ascii(b, "GIF87a") || ascii(b, "GIF89a"), zh: `这是图片（GIF），不是 Excel 工作簿，${ASK}`, en: "a GIF image, not a workbook" },
  { sig: (b) => ascii(b, "II*\0") || ascii(b, "MM\0*"), zh: `这是图片（TIFF，常见于扫描件），不是 Excel 工作簿，${ASK}`, en: "a TIFF image, not a workbook" },
  { sig: (b) => ascii(b, "BM") && b.length > 26 && b[14] >= 12 && b[15] === 0 && b[16] === 0 && b[17] === 0, zh: `这是图片（BMP），不是 Excel 工作簿，${ASK}`, en: "a BMP image, not a workbook" },
  { sig: (b) => ascii(b, "Rar!\x1a\x07"), zh: "这是 RAR 压缩包，不是 Excel 工作簿；请解压后核查其中的工作簿", en: "a RAR archive, not a workbook" },
  { sig: (b) => starts(b, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), zh: "这是 7z 压缩包，不是 Excel 工作簿；请解压后核查其中的工作簿", en: "a 7-Zip archive, not a workbook" },
];

/** The refusal for a file that is no zip and no OLE compound file but something else we can name; null when unknown. */
export function otherFileRefusal(fileName: string, bytes: Uint8Array): WorkbookReadError | null {
  const k = KINDS.find((x) => x.sig(bytes));
  return k ? unreadable(fileName, k.zh, k.en) : null;
}

/** The same, for a narrative report (a PDF or a scan named .docx or .txt): its words cannot be checked. */
export function otherReportRefusal(bytes: Uint8Array): { zh: string; en: string } | null {
  const k = KINDS.find((x) => x.sig(bytes));
  if (!k) return null;
  const what = /^这是([^，；]+?)，/.exec(k.zh)![1];
  return { zh: `这是${what}，不是 Word 文档或文本，报告中的文字无法核对；请提供 Word 文档（.docx）`, en: k.en.replace("not a workbook", "not a report document") };
}
