import { parseRangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import { tablesOf, type CheckReport, type TableLocation } from "../../engine/report";
import { AddinError, has, isCellEditRefusal, type OfficeApi } from "./officeApi";
import { onlyOurWrites, type SheetChange } from "./ownWrites";

/** Quiet time after the last edit before the re-check runs. */
export const AUTO_CHECK_DELAY_MS = 1500;

/**
 * A check refused because a cell is being edited (a host that ignores
 * delayForCellEdit, or below ExcelApi 1.11) is tried again each second for
 * 30 s; then the clerk is told. A click on a button is never retried (officeApi.ts).
 */
export const CELL_EDIT_RETRY_MS = 1000;
export const CELL_EDIT_PATIENCE_MS = 30_000;

export const AUTO_CELL_EDIT_ZH = "自动核查未能运行：Excel 已有 30 秒处于单元格编辑状态。请先结束单元格编辑（按 Enter 或 Esc），再点一次「只检查」。";

export interface AutoCheckOptions {
  /** Quiet time after the last edit (AUTO_CHECK_DELAY_MS). */
  delayMs?: number;
  /**
   * Told of a check that failed: after 30 s of cell-edit mode an AddinError
   * (code "cell-edit", AUTO_CELL_EDIT_ZH); any other failure as it came.
   * Only failures `onEdit` lets through (a rejected promise) are seen here.
   */
  onError?: (e: unknown) => void;
}

/** The tables to watch: every form the report found and the 附件1 tables (engine/report.ts tablesOf). */
export const watchedTables = tablesOf;

const isCellEdit = (e: unknown) => (e instanceof AddinError && e.code === "cell-edit") || isCellEditRefusal(e);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AutoCheck {
  /** Remove the handlers (the documented way: remove() then sync, in the context that added them). */
  stop(): Promise<void>;
}

const intersects = (a: CellRange, b: CellRange) => a.top <= b.bottom && a.bottom >= b.top && a.left <= b.right && a.right >= b.left;

/** The watched tables' ranges by sheet name, as an event's sheet is looked up (Excel and WPS alike). */
export function tablesBySheet(tables: TableLocation[]): Map<string, CellRange[]> {
  const bySheet = new Map<string, CellRange[]>();
  for (const t of tables) {
    const r = parseRangeA1(t.range);
    if (r) bySheet.set(t.sheet, [...(bySheet.get(t.sheet) ?? []), r]);
  }
  return bySheet;
}

/** Whether an event's address ("D5", "A1:B3", "D5,F7") touches one of the tables on that sheet. */
export function insideTables(address: string, tables: CellRange[]): boolean {
  return address
    .split(",")
    .map((a) => parseRangeA1(a.replace(/^.*!/, "").replace(/\$/g, "")))
    .some((r) => r !== null && tables.some((t) => intersects(r, t)));
}

/**
 * 自动核查: after edits inside the tables (of every form, given a report),
 * `onEdit` runs once things are quiet (debounced). The add-in's own writes never
 * trigger it: an event whose triggerSource is "ThisLocalAddin" (ExcelApi 1.14) is
 * ignored, and any other change whose cells all hold what the journal says we
 * wrote (the ribbon's separate runtime; below 1.14, this one) is skipped too. Worksheet.onChanged (ExcelApi 1.7) fires after a change is
 * made, by a person or an add-in:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member
 * Returns null where events are not available (below ExcelApi 1.7).
 * Handlers are removed as the events page describes: remove() on the
 * EventHandlerResult, then sync in the context that added it.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-events#remove-an-event-handler
 */
export async function startAutoCheck(
  api: OfficeApi,
  watched: TableLocation[] | Pick<CheckReport, "forms" | "tables">,
  onEdit: () => unknown,
  delay: number | AutoCheckOptions = {},
): Promise<AutoCheck | null> {
  const { delayMs = AUTO_CHECK_DELAY_MS, onError } = typeof delay === "number" ? { delayMs: delay } : delay;
  const tables = Array.isArray(watched) ? watched : watchedTables(watched);
  if (!has(api, "events") || !api.rerun) return null;
  const bySheet = tablesBySheet(tables);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  // Each edit starts a new generation: a check still retrying for an older edit gives way to it.
  let generation = 0;
  // Changes since the last check that may be a person's (not flagged ThisLocalAddin).
  let pending: SheetChange[] = [];
  const check = async (mine: number) => {
    const changes = pending;
    pending = [];
    for (let waited = 0; ; waited += CELL_EDIT_RETRY_MS) {
      if (stopped) return;
      // A newer edit's check takes these changes along.
      if (mine !== generation) return void (pending = [...changes, ...pending]);
      try {
        // Not knowing (a sheet renamed since, say) is no reason to skip the check.
        const ours = await onlyOurWrites(api, changes).catch((e: unknown) => {
          if (isCellEdit(e)) throw e;
          return false;
        });
        if (ours) return;
        await onEdit();
        return;
      } catch (e) {
        if (!isCellEdit(e)) return onError?.(e);
        if (waited + CELL_EDIT_RETRY_MS > CELL_EDIT_PATIENCE_MS) return onError?.(new AddinError(AUTO_CELL_EDIT_ZH, `auto-check gave up after ${CELL_EDIT_PATIENCE_MS} ms of cell edit mode`, "cell-edit"));
        await sleep(CELL_EDIT_RETRY_MS);
      }
    }
  };
  const fire = () => {
    if (timer) clearTimeout(timer);
    const mine = ++generation;
    timer = setTimeout(() => {
      timer = null;
      void check(mine);
    }, delayMs);
  };
  const added = await api.run(null, async (context) => {
    const results = [...bySheet].map(([sheet, ranges]) =>
      context.workbook.worksheets.getItem(sheet).onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        if (!insideTables(e.address, ranges) || e.triggerSource === "ThisLocalAddin") return;
        pending.push({ sheet, address: e.address });
        fire();
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
