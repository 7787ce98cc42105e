import type ExcelJS from "exceljs";
import { checkWorkbook, type CheckOptions } from "../../engine/check";
import type { Profile } from "../../engine/profile";
import type { CheckReport } from "../../engine/report";
import { loadWorkbookFile } from "./files";
import { workbookSnapshot } from "./readSnapshot";

export interface FileCheck {
  file: string;
  report: CheckReport;
  workbook: ExcelJS.Workbook;
}

/** Load a file and check it; the workbook stays loaded so the plan can be applied. */
export async function checkFile(file: string, profile?: Profile, options?: CheckOptions): Promise<FileCheck> {
  const workbook = await loadWorkbookFile(file);
  const report = checkWorkbook(workbookSnapshot(workbook), profile, options);
  return { file, report, workbook };
}

