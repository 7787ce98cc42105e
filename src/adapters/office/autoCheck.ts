import { parseRangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import type { TableLocation } from "../../engine/report";
import { has, type OfficeApi } from "./officeApi";

/** Quiet time after the last edit before the re-check runs. */
export const AUTO_CHECK_DELAY_MS = 1500;

export interface AutoCheck {
  /** Remove the handlers (the documented way: remove() then sync, in the context that added them). */
  stop(): Promise<void>;
}

const intersects = (a: CellRange, b: CellRange) => a.top <= b.bottom && a.bottom >= b.top && a.left <= b.right && a.right >= b.left;

/** Whether an event's address ("D5", "A1:B3", "D5,F7") touches one of the tables on that sheet. */
export function insideTables(address: string, tables: CellRange[]): boolean {
  return address
    .split(",")
    .map((a) => parseRangeA1(a.replace(/^.*!/, "").replace(/\$/g, "")))
    .some((r) => r !== null && tables.some((t) => intersects(r, t)));
}

/**
 * 自动核查: after edits inside the tables, `onEdit` runs once things are quiet
 * (debounced). Worksheet.onChanged (ExcelApi 1.7) fires after a change is
 * made, by a person or an add-in:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member
 * Returns null where events are not available (below ExcelApi 1.7).
 * Handlers are removed as the events page describes: remove() on the
 * EventHandlerResult, then sync in the context that added it.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-events#remove-an-event-handler
 */
export async function startAutoCheck(api: OfficeApi, tables: TableLocation[], onEdit: () => void, delayMs = AUTO_CHECK_DELAY_MS): Promise<AutoCheck | null> {
  if (!has(api, "events") || !api.rerun) return null;
  const bySheet = new Map<string, CellRange[]>();
  for (const t of tables) {
    const r = parseRangeA1(t.range);
    if (r) bySheet.set(t.sheet, [...(bySheet.get(t.sheet) ?? []), r]);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!stopped) onEdit();
    }, delayMs);
  };
  const added = await api.run(null, async (context) => {
    const results = [...bySheet].map(([sheet, ranges]) =>
      context.workbook.worksheets.getItem(sheet).onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        if (insideTables(e.address, ranges)) fire();
      }),
    );
    await context.sync();
    return { context, results };
  });
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await api.rerun!(added.context, async (context) => {
        for (const r of added.results) r.remove();
        await context.sync();
      });
    },
  };
}
