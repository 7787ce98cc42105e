import { AddinError, type OfficeApi } from "../adapters/office/officeApi";
import { asAddinError, recalculate } from "../adapters/office/recalculate";
import { resultLine } from "./messages";

// The line builders are host-free and shared with the WPS ribbon (src/wps/ribbon.ts).
export { resultLine } from "./messages";

/** What the ribbon command needs from Office, so that it can be tested without Office. */
export interface RibbonDeps {
  /** Office.onReady(): nothing may touch Excel before it resolves. */
  ready: () => Promise<unknown>;
  api: () => OfficeApi;
  /** Show a short message to the clerk; resolves when they have read it (or it could not be shown). */
  tell: (text: string) => Promise<void>;
}

/**
 * Longest a function command may keep Excel waiting before event.completed(): Office ends an
 * ExecuteFunction command after 5 minutes ("the add-in has completed processing": completed() must
 * be called; https://learn.microsoft.com/en-us/javascript/api/office/office.addincommands.event),
 * so it is called at 4, counted from the command's start — a slow read leaves the dialog less time.
 */
export const COMPLETE_WITHIN_MS = 4 * 60 * 1000;

/**
 * Run a function command's work and call `completed` exactly once: when the work ends (whatever
 * its outcome), or `within` ms after this call, whichever comes first. The work is not stopped
 * (a dialog may still be open); Office may end the runtime after completed().
 */
export async function completeWithin(work: () => Promise<unknown>, completed: () => void, within = COMPLETE_WITHIN_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, within)));
  try {
    await Promise.race([work().then(() => undefined, (e) => console.error("[核算助手] ribbon command failed:", e)), deadline]);
  } finally {
    clearTimeout(timer);
    completed();
  }
}

/**
 * 「一键核算」 from the ribbon (an ExecuteFunction command, no pane): wait for
 * Office, recalculate, then show the outcome. On success 「核查结果」 is brought
 * to the front (its first rows are the figures and the count of findings) and
 * the one-line result is shown; on failure, the Chinese reason. Returns the
 * line shown. The caller calls event.completed() whatever happens.
 */
export async function runRibbonRecalculation(deps: RibbonDeps): Promise<string> {
  let line: string;
  try {
    await deps.ready();
    const { report, outcome } = await recalculate(deps.api(), { activateResults: true });
    const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
    line = resultLine(count("error"), count("warning"), outcome.written);
  } catch (e) {
    const err = asAddinError(e);
    console.error("[核算助手] recalculation from the ribbon failed:", err instanceof Error ? err.message : err);
    line = err instanceof AddinError ? `未能核算：${err.zh}` : "未能核算：Excel 返回了错误。请打开“核算面板”重试；如果问题持续，请把工作簿和此提示反馈给开发者。";
  }
  await deps.tell(line).catch((e) => console.error("[核算助手] message not shown:", e, line));
  return line;
}
