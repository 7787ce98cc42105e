import { promises as fs } from "fs";
import * as path from "path";
import { docxBodyText } from "./documentXml";
import { reportText } from "./reportText";

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

/** Read a narrative report file (.docx or plain text) as reportText decides; refused with the reason. */
export async function readReportFile(file: string): Promise<string> {
  const name = path.basename(file);
  const buf = await fs.readFile(file).catch(() => {
    throw new ReportReadError(`找不到报告文件：${name}`, `report file not found: ${file}`);
  });
  const read = reportText(name, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  if ("refused" in read) throw new ReportReadError(`无法读取报告 ${name}：${read.refused.zh}`, read.refused.en);
  return read.text;
}
