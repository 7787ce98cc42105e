import { checkWorkbook, type CheckOptions } from "../../engine/check";
import type { Profile } from "../../engine/profile";
import type { CheckReport } from "../../engine/report";
import { applyPlanToPackage } from "./apply";
import { openXlsx } from "./package";
import { readSnapshot } from "./read";

/** Open, read and check a workbook's bytes; `write()` gives the checked copy. */
export function checkXlsx(bytes: Uint8Array, fileName: string, profile?: Profile, options?: CheckOptions): { report: CheckReport; write(): Uint8Array } {
  const pkg = openXlsx(bytes, fileName);
  const report = checkWorkbook(readSnapshot(pkg), profile, options);
  return { report, write: () => applyPlanToPackage(pkg, report.plan) };
}
