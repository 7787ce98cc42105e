import { promises as fs } from "fs";
import * as path from "path";
import { docxBodyText } from "./documentXml";

/** A report file that cannot be read, with the reason in both languages. */
export class ReportReadError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = "ReportReadError";
  }
}

/** The text of a .docx body, a paragraph a line. */
export function docxText(zip: Buffer): string {
  return docxBodyText(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
}

/** Read a narrative report: .docx, or plain text (.txt). Old .doc is refused with a message. */
export async function readReportFile(file: string): Promise<string> {
  const name = path.basename(file);
  const buf = await fs.readFile(file).catch(() => {
    throw new ReportReadError(`找不到报告文件：${name}`, `report file not found: ${file}`);
  });
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ReportReadError(`无法读取报告 ${name}：这是旧版 .doc 或加密文件，请在 Word 中另存为 .docx`, "legacy .doc or encrypted report");
  }
  if (buf.subarray(0, 2).toString() === "PK") {
    try {
      return docxText(buf);
    } catch (e) {
      throw new ReportReadError(`无法读取报告 ${name}：不是有效的 .docx 文件`, `unreadable docx: ${(e as Error).message}`);
    }
  }
  return buf.toString("utf8");
}
