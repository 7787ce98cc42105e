import { docxBodyText } from "../adapters/docx/documentXml";

/**
 * Read a report the clerk picks in the pane: a .docx (read with the package adapter's zip
 * reader, as the command line and the reviewers' page read it) or plain text. Nothing leaves
 * the machine.
 */
export async function readReportInBrowser(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new Error("旧版 .doc 文件无法读取，请在 Word 中另存为 .docx");
    return new TextDecoder("utf-8").decode(bytes);
  }
  try {
    return docxBodyText(bytes);
  } catch {
    throw new Error("不是有效的 .docx 文件");
  }
}
