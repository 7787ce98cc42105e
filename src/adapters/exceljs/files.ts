import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { extractMacros, macroRestorer, type MacroPart } from "./macros";
import { listZip, repackZip, ZipFormatError } from "../zip";

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
/** What a workbook may unpack to; a zip bomb says far more in its directory. */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;

/** Macros of loaded .xlsm workbooks, put back on save. */
const macros = new WeakMap<ExcelJS.Workbook, MacroPart>();

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Read and parse an .xlsx/.xlsm file (macros kept, never run); every failure becomes a WorkbookReadError. */
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
  let unzipped = 0;
  try {
    unzipped = listZip(buf).reduce((sum, e) => sum + e.size, 0);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    throw new WorkbookReadError(file, `无法读取 ${name}：文件已损坏或不完整`, `broken zip: ${e.message}`);
  }
  if (unzipped > MAX_UNZIPPED_BYTES) {
    throw new WorkbookReadError(file, `无法读取 ${name}：文件解压后超过 ${MAX_UNZIPPED_BYTES / 1048576} MB（疑似压缩炸弹或异常工作簿），已拒绝处理`, `unzipped size ${unzipped} exceeds ${MAX_UNZIPPED_BYTES}`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const vba = extractMacros(buf);
    if (vba) macros.set(wb, vba);
  } catch (e) {
    throw new WorkbookReadError(file, `无法读取 ${name}：文件已损坏或不完整`, `unreadable workbook: ${(e as Error).message}`);
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookReadError(file, `无法读取 ${name}：工作簿中没有工作表`, "workbook has no worksheets");
  }
  return wb;
}

/**
 * Write a workbook: ExcelJS lays out the parts, Node's native zlib compresses
 * them (see zip.ts), and an .xlsm's macros go back in unchanged.
 */
export async function saveWorkbookFile(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions));
  const vba = macros.get(wb);
  const r = vba ? macroRestorer(vba) : undefined;
  await fs.writeFile(file, repackZip(stored, r?.edit, r?.extra));
}
