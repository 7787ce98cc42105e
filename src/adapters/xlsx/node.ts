import { promises as fs } from "fs";
import * as path from "path";
import { MAX_FILE_BYTES, tooLarge, WorkbookReadError } from "./errors";

/** Read a workbook file for the adapter: the size limit is checked before reading. Node only. */
export async function readWorkbookBytes(file: string): Promise<Uint8Array> {
  const name = path.basename(file);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new WorkbookReadError(file, `找不到文件：${name}`, "file not found");
  }
  if (stat.size > MAX_FILE_BYTES) throw tooLarge(file, stat.size);
  try {
    const buf = await fs.readFile(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new WorkbookReadError(file, `无法读取 ${name}：${(e as NodeJS.ErrnoException).code === "EISDIR" ? "这是文件夹，不是工作簿" : "文件无法打开"}`, `cannot read: ${(e as Error).message}`);
  }
}
