import { checkXlsx, WorkbookReadError } from "../adapters/xlsx";
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
    return checkXlsx(bytes, name, profile, { narrative });
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new UnreadableWorkbook(e.zh);
    throw e;
  }
}
