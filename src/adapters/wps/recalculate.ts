import { checkWorkbook } from "../../engine/check";
import { PROFILES } from "../../engine/profile";
import { holdsNoForm } from "../../engine/report";
import { AddinError } from "../office/officeApi";
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

const NO_TABLES = () =>
  new AddinError(
    "没有找到任何绩效自评表：部门整体支出绩效评价基础数据表（附件1）、部门整体支出绩效自评表（附件2）或项目支出绩效自评表。请确认表格中有“经费控制情况”“年度预算申请”“项目资金”或“一级指标”等标题。",
    "no form of any kind found (department tables or project forms)",
    "no-tables",
  );

/** 「只检查」 in WPS: read and check, write nothing. */
export async function checkOnly(host: EtHostRef, options: EtRecalculateOptions = {}): Promise<CheckOnly> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const read = readWorkbookEt(app);
    const profile = options.profile ?? PROFILES[read.settings.profile];
    const report = checkWorkbook(read.snapshot, profile, { narrative: options.narrative });
    if (holdsNoForm(report)) throw NO_TABLES();
    return { report, profile, shape: read.shape };
  });
}

/** 「一键核算」 in WPS: read, run the engine, apply its plan — the same plan the command line and Excel apply. */
export async function recalculate(host: EtHostRef, options: EtRecalculateOptions = {}): Promise<Recalculation> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const read = readWorkbookEt(app);
    const profile = options.profile ?? PROFILES[read.settings.profile];
    const report = checkWorkbook(read.snapshot, profile, { narrative: options.narrative });
    if (holdsNoForm(report)) throw NO_TABLES();
    const outcome = applyPlanEt(app, report.plan, read, { activateResults: options.activateResults, journalHome: options.journalHome });
    return { report, outcome, profile };
  });
}
