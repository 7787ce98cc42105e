import { checkWorkbook } from "../../engine/check";
import { noFormFound } from "../shared/noForm";
import { PROFILES, type Profile } from "../../engine/profile";
import { holdsNoForm, type CheckReport } from "../../engine/report";
import { applyPlanInExcel, type ApplyOutcome } from "./applyPlan";
import { AddinError, type OfficeApi } from "./officeApi";
import type { SkippedSheet } from "./readPlan";
import { readWorkbook, refuseOversizedForms, type WorkbookShape } from "./readWorkbook";
import type { AddinSettings } from "./settings";

export interface Recalculation {
  report: CheckReport;
  outcome: ApplyOutcome;
  /** The profile used: the one given, else the workbook's setting. */
  profile: Profile;
  /** Sheets too large to read, not checked (an unrelated ledger): the pane names them (zh). */
  skippedSheets?: SkippedSheet[];
}

export interface RecalculateOptions {
  profile?: Profile;
  /** The narrative report's text, checked against the tables. */
  narrative?: string;
  /** The workbook's shape from the last read (the pane keeps it): the read is then one batch. */
  shape?: WorkbookShape | null;
  /** Show 「核查结果」 afterwards (the ribbon command). */
  activateResults?: boolean;
  /**
   * The pane's choices (rule profile, 自动核查), stored in the workbook by 一键核算's write batch
   * when they differ from what it holds. 只检查 ignores them: a reviewer's choice stays in the pane.
   */
  settings?: AddinSettings;
}

export interface CheckOnly {
  report: CheckReport;
  profile: Profile;
  shape: WorkbookShape;
  /** As Recalculation.skippedSheets. */
  skippedSheets?: SkippedSheet[];
}


/**
 * 「只检查」: read the workbook and run the engine, writing nothing — a reviewer
 * must not alter a department's submission, not even with the choice of a rule
 * profile or 自动核查 (options.settings is not written here; 一键核算 writes it).
 * With the pane's shape, one batch.
 */
export async function checkOnly(api: OfficeApi, options: RecalculateOptions = {}): Promise<CheckOnly> {
  const read = await readWorkbook(api, options.shape);
  const profile = options.profile ?? PROFILES[read.settings.profile];
  const report = checkWorkbook(read.snapshot, profile, { narrative: options.narrative });
  refuseOversizedForms(report, read);
  if (holdsNoForm(report)) throw noFormFound();
  return { report, profile, shape: read.shape, skippedSheets: read.skippedSheets ?? [] };
}

/**
 * 「一键核算」: read the workbook (one batch with the pane's shape, three
 * without), run the pure engine, apply its plan in one more batch. The same
 * plan the command line applies to files.
 */
export async function recalculate(api: OfficeApi, options: RecalculateOptions = {}): Promise<Recalculation> {
  const read = await readWorkbook(api, options.shape);
  const profile = options.profile ?? PROFILES[read.settings.profile];
  const report = checkWorkbook(read.snapshot, profile, { narrative: options.narrative });
  refuseOversizedForms(report, read);
  if (holdsNoForm(report)) throw noFormFound();
  const skippedSheets = read.skippedSheets ?? [];
  try {
    const outcome = await applyPlanInExcel(api, report.plan, read, { activateResults: options.activateResults, settings: options.settings });
    return { report, outcome, profile, skippedSheets };
  } catch (e) {
    // The one error retried: page setup refused inside the undo group (see setUpPrinting).
    // The workbook is read again, so whatever part of the batch Excel kept is taken as it is.
    if ((e as { code?: string })?.code === "UndoNotSupported" && report.plan.results.print) {
      const again = await readWorkbook(api);
      const plan = checkWorkbook(again.snapshot, profile, { narrative: options.narrative }).plan;
      try {
        const outcome = await applyPlanInExcel(api, { ...plan, results: { ...plan.results, print: undefined } }, again, { activateResults: options.activateResults, settings: options.settings });
        return { report, outcome, profile, skippedSheets };
      } catch (e2) {
        throw asAddinError(e2);
      }
    }
    throw asAddinError(e);
  }
}

/** Excel's own errors, said in words a clerk can act on. */
export function asAddinError(e: unknown): unknown {
  if (e instanceof AddinError) return e;
  const code = (e as { code?: string })?.code;
  if (code === "AccessDenied") {
    return new AddinError("工作簿是只读的或受保护，无法写入。请另存为可编辑的副本，或撤消保护后重试。", `write refused by Excel: ${(e as Error).message}`, "read-only");
  }
  return e;
}
