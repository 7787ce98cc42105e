import { documentXmlText } from "../adapters/docx/documentXml";

/**
 * Read a report the clerk picks in the pane: a .docx (unzipped with the
 * browser's own DecompressionStream) or plain text. Nothing leaves the machine.
 */
export async function readReportInBrowser(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new Error("旧版 .doc 文件无法读取，请在 Word 中另存为 .docx");
    return new TextDecoder("utf-8").decode(bytes);
  }
  const xml = await zipEntryText(bytes, "word/document.xml");
  if (xml === null) throw new Error("不是有效的 .docx 文件");
  return documentXmlText(xml);
}

async function zipEntryText(zip: Uint8Array, wanted: string): Promise<string | null> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) if (v.getUint32(i, true) === 0x06054b50) {
    eocd = i;
    break;
  }
  if (eocd < 0) return null;
  let p = v.getUint32(eocd + 16, true);
  const count = v.getUint16(eocd + 10, true);
  for (let i = 0; i < count; i++) {
    const method = v.getUint16(p + 10, true);
    const size = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    const local = v.getUint32(p + 42, true);
    if (name === wanted) {
      const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
      const raw = zip.subarray(start, start + size);
      if (method === 0) return new TextDecoder().decode(raw);
      const stream = new Blob([raw.slice()]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return new Response(stream).text();
    }
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return null;
}
