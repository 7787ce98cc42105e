import { applyPlanToPackage, checkXlsx, openXlsx, WorkbookReadError } from "../adapters/xlsx";
import type { Profile } from "../engine/profile";
import type { CheckReport } from "../engine/report";

/** A workbook that cannot be checked, with the reason for the reviewer (Chinese). */
export class UnreadableWorkbook extends Error {}

/**
 * Check a workbook's bytes in the browser: the same engine and the same
 * package-level file adapter as the command line (contract A); the checked
 * copy is written only when `write()` is called.
 */
export function checkBytes(bytes: Uint8Array, name: string, profile: Profile, narrative?: string): { report: CheckReport; write(): Uint8Array } {
  try {
    const { report } = checkXlsx(bytes, name, profile, { narrative });
    // The page keeps every file's writer until the download. Kept from the check, it would hold the
    // parsed package (about 20 times the file: 260 KB for a 12 KB workbook); the bytes and the plan
    // are enough to open it again when the copy is written.
    const plan = report.plan;
    return { report, write: () => applyPlanToPackage(openXlsx(bytes, name), plan) };
  } catch (e) {
    // The page's table names the file beside the reason.
    if (e instanceof WorkbookReadError) throw new UnreadableWorkbook(e.reason);
    throw e;
  }
}
