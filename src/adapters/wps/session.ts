import { AddinError } from "../office/officeApi";
import type { EtApplication } from "./etApi";
import { XL } from "./etApi";

/**
 * Run the add-in's work with screen updating, events and automatic
 * calculation off (Application.ScreenUpdating, EnableEvents, Calculation
 * [E][M]) and alerts off (Worksheet.Delete asks for confirmation unless
 * DisplayAlerts is False: https://learn.microsoft.com/en-us/office/vba/api/excel.worksheet.delete),
 * and put every one back as it was afterwards, also after an error: a clerk
 * must never be left with a frozen screen or manual calculation.
 */
export function withSpeed<T>(app: EtApplication, work: () => T): T {
  const was = { ScreenUpdating: app.ScreenUpdating, EnableEvents: app.EnableEvents, DisplayAlerts: app.DisplayAlerts, Calculation: app.Calculation };
  try {
    app.ScreenUpdating = false;
    app.EnableEvents = false;
    app.DisplayAlerts = false;
    if (was.Calculation !== XL.calcManual) app.Calculation = XL.calcManual;
    return work();
  } catch (e) {
    throw asAddinErrorEt(e);
  } finally {
    // Each restored on its own: one refusing does not leave the others off.
    const restore = (fn: () => void) => {
      try {
        fn();
      } catch {
        /* nothing more can be done; the next run restores again */
      }
    };
    if (was.Calculation !== XL.calcManual) restore(() => (app.Calculation = was.Calculation));
    restore(() => (app.DisplayAlerts = was.DisplayAlerts));
    restore(() => (app.EnableEvents = was.EnableEvents));
    restore(() => (app.ScreenUpdating = was.ScreenUpdating));
  }
}

/**
 * ET raises plain exceptions, no Office `code` [P3] (U): an error not already
 * ours is said in words a clerk can act on, with WPS's own text in the log.
 */
export function asAddinErrorEt(e: unknown): unknown {
  if (e instanceof AddinError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AddinError(`WPS 表格拒绝了本次操作，工作簿可能是只读的或受保护。请另存为可编辑的副本，或撤消保护后重试。（${message}）`, `WPS refused: ${message}`, /protect|read-only|只读|保护/i.test(message) ? "read-only" : "excel");
}
