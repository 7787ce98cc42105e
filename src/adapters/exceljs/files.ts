import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { deflateStoredZip } from "./zipDeflate";

/** A file the engine cannot open, with the reason in both languages. */
export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    readonly zh: string,
    en: string,
  ) {
    super(`${file}: ${en}`);
    this.name = "WorkbookReadError";
  }
}

/** Larger files are refused with a message instead of exhausting memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Read and parse an .xlsx/.xlsm file; every failure becomes a WorkbookReadError. */
export async function loadWorkbookFile(file: string): Promise<ExcelJS.Workbook> {
  const name = path.basename(file);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new WorkbookReadError(file, `找不到文件：${name}`, "file not found");
  }
  if (stat.size > MAX_FILE_BYTES) {
    throw new WorkbookReadError(file, `文件过大（${(stat.size / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）：${name}`, `file larger than ${MAX_FILE_BYTES} bytes`);
  }
  const buf = await fs.readFile(file);
  if (startsWith(buf, OLE)) {
    throw new WorkbookReadError(file, `无法读取 ${name}：文件已加密（设有打开密码）或是旧版 .xls 格式，请在 Excel 中另存为未加密的 .xlsx 后再核查`, "encrypted workbook or legacy .xls (OLE compound file)");
  }
  if (!startsWith(buf, ZIP)) {
    throw new WorkbookReadError(file, `无法读取 ${name}：不是 Excel 工作簿（.xlsx）`, "not an .xlsx file (no zip signature)");
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError(file, `无法读取 ${name}：文件已损坏或不完整`, `unreadable workbook: ${(e as Error).message}`);
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookReadError(file, `无法读取 ${name}：工作簿中没有工作表`, "workbook has no worksheets");
  }
  return wb;
}

/** Write a workbook: ExcelJS lays out the parts, Node's native zlib compresses them (see zipDeflate.ts). */
export async function saveWorkbookFile(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions));
  await fs.writeFile(file, deflateStoredZip(stored));
}
