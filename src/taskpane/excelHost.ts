import { AddinError, has, type OfficeApi } from "../adapters/office/officeApi";
import type { WorkbookShape } from "../adapters/office/readPlan";
import type { PaneHost } from "./host";

/** The engine and the Office adapter load after the first paint: nothing needs them until a click. */
const adapter = () => import(/* webpackChunkName: "engine" */ "./adapter");

/**
 * The pane's host in Excel: each call a thin call into the Office adapter.
 * It keeps the workbook's shape from the last read or write, so the next read
 * is one batch (src/adapters/office/readPlan.ts); after a failure the shape is
 * learnt again.
 */
export function excelPaneHost(api: OfficeApi): PaneHost {
  let shape: WorkbookShape | null = null;
  const keeping = async <T extends { shape: WorkbookShape }>(work: () => Promise<T>): Promise<T> => {
    try {
      const r = await work();
      shape = r.shape;
      return r;
    } catch (e) {
      shape = null;
      throw e;
    }
  };
  return {
    appName: "Excel",
    noWatchText: "此版本 Excel 不支持自动核查（需要 Excel 2019 或 Microsoft 365）。",
    async open() {
      const r = await (await adapter()).openWorkbook(api);
      shape = r.shape;
      return { settings: r.settings, canWatch: has(api, "events") };
    },
    async checkOnly(o) {
      const a = await adapter();
      return keeping(() => a.checkOnly(api, { ...o, shape }));
    },
    async recalculate(o) {
      const a = await adapter();
      const r = await keeping(async () => {
        const x = await a.recalculate(api, { ...o, shape });
        return { ...x, shape: x.outcome.shape };
      });
      return { report: r.report, outcome: r.outcome, profile: r.profile, skippedSheets: r.skippedSheets };
    },
    async saveSettings(s) {
      await (await adapter()).saveSettings(api, s);
      if (shape && has(api, "customXml")) shape = { ...shape, settings: true };
    },
    async clearMarks() {
      const a = await adapter();
      return keeping(() => a.clearMarksInExcel(api, shape));
    },
    async undo() {
      const a = await adapter();
      return keeping(() => a.undoInExcel(api, shape));
    },
    async select(sheet, cells) {
      return (await adapter()).selectCellInExcel(api, sheet, cells);
    },
    async watch(tables, onEdit, onError) {
      return (await adapter()).startAutoCheck(api, tables, onEdit, { onError });
    },
    async explain(e) {
      const err = (await adapter()).asAddinError(e);
      const en = err instanceof Error ? err.message : String(err);
      return { zh: err instanceof AddinError ? err.zh : "操作未能完成：Excel 返回了错误。请稍后重试；如果问题持续，请把工作簿和此提示反馈给开发者。", en };
    },
  };
}
