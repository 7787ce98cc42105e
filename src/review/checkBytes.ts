import ExcelJS from "exceljs";
import { applyPlanToWorkbook } from "../adapters/exceljs/applyPlan";
import { workbookSnapshot } from "../adapters/exceljs/readSnapshot";
import { checkWorkbook } from "../engine/check";
import type { Profile } from "../engine/profile";
import type { CheckReport } from "../engine/report";

/** A workbook that cannot be checked, with the reason for the reviewer (Chinese). */
export class UnreadableWorkbook extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
/** As the command line refuses them (src/adapters/exceljs/files.ts). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Check a workbook's bytes in the browser: the same engine, reading and writing
 * with the file adapter. Contract A's `checkXlsx` takes this function's place
 * once the package-level adapter lands.
 */
export async function checkBytes(bytes: Uint8Array, name: string, profile: Profile, narrative?: string): Promise<{ report: CheckReport; write(): Promise<Uint8Array> }> {
  const base = name.split("/").pop()!;
  if (bytes.length > MAX_FILE_BYTES) throw new UnreadableWorkbook(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB，上限 50 MB）：${base}`);
  if (startsWith(bytes, OLE)) throw new UnreadableWorkbook(`无法读取 ${base}：文件已加密（设有打开密码）或是旧版 .xls 格式，请在 Excel 中另存为未加密的 .xlsx 后再核查`);
  if (!startsWith(bytes, ZIP)) throw new UnreadableWorkbook(`无法读取 ${base}：不是 Excel 工作簿（.xlsx）`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableWorkbook(`无法读取 ${base}：文件已损坏或不完整`);
  }
  if (wb.worksheets.length === 0) throw new UnreadableWorkbook(`无法读取 ${base}：工作簿中没有工作表`);
  const report = checkWorkbook(workbookSnapshot(wb), profile, { narrative });
  return {
    report,
    write: async () => {
      applyPlanToWorkbook(wb, report.plan);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
  };
}
