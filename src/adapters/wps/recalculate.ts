import { checkWorkbook } from "../../engine/check";
import { noFormFound } from "../shared/noForm";
import { PROFILES } from "../../engine/profile";
import { holdsNoForm } from "../../engine/report";
import type { CheckOnly, Recalculation, RecalculateOptions } from "../office/recalculate";
import { etApplicationOf } from "./app";
import { applyPlanEt, type JournalHome } from "./applyPlan";
import type { EtApplication, EtRoot } from "./etApi";
import { readWorkbookEt } from "./readWorkbook";
import { withSpeed } from "./session";

/** What the pane passes: the Office adapter's options (its `shape` is not needed: ET reads are synchronous), and where the journal lives. */
export interface EtRecalculateOptions extends RecalculateOptions {
  journalHome?: JournalHome;
}

/** The ET application, from the add-in root (window.wps / window.Application) or the application itself. */
export type EtHostRef = EtApplication | (EtRoot & Partial<EtApplication>);


/** Read the workbook and run the engine under the chosen profile, else the one stored in the workbook. */
function readAndCheck(app: EtApplication, options: EtRecalculateOptions) {
  const read = readWorkbookEt(app);
  const profile = options.profile ?? PROFILES[read.settings.profile];
  const report = checkWorkbook(read.snapshot, profile, { narrative: options.narrative });
  if (holdsNoForm(report)) throw noFormFound();
  return { read, profile, report };
}

/** 「只检查」 in WPS: read and check, write nothing. */
export async function checkOnly(host: EtHostRef, options: EtRecalculateOptions = {}): Promise<CheckOnly> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const { read, profile, report } = readAndCheck(app, options);
    return { report, profile, shape: read.shape };
  });
}

/** 「一键核算」 in WPS: read, run the engine, apply its plan — the same plan the command line and Excel apply. */
export async function recalculate(host: EtHostRef, options: EtRecalculateOptions = {}): Promise<Recalculation> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const { read, profile, report } = readAndCheck(app, options);
    const outcome = applyPlanEt(app, report.plan, read, { activateResults: options.activateResults, journalHome: options.journalHome });
    return { report, outcome, profile };
  });
}
