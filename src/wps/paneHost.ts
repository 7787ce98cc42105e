import { AddinError } from "../adapters/office/officeApi";
import { AUTO_CHECK_DELAY_MS, insideTables, tablesBySheet } from "../adapters/office/autoCheck";
import { addressOf } from "../adapters/wps/app";
import type { EtRange, EtRoot, EtWorksheet } from "../adapters/wps/etApi";
import * as et from "../adapters/wps";
import type { AddinSettings } from "../adapters/office/settings";
import type { PaneHost } from "../taskpane/host";

const sameSettings = (a: AddinSettings, b: AddinSettings | null) => !!b && a.profile === b.profile && a.autoCheck === b.autoCheck;

/** How long after one of our own runs a SheetChange is taken as ours (WPS may or may not call it while EnableEvents is off, U). */
export const OWN_WRITES_QUIET_MS = 1000;

/**
 * The pane's host in WPS 表格: the same pane as in Excel, each call into the
 * ET adapter (src/adapters/wps). ET calls are synchronous; they are wrapped
 * as promises so the pane's code is one for both programs.
 */
export function wpsPaneHost(root: et.EtHostRef & EtRoot, options: { journalHome?: et.JournalHome } = {}): PaneHost {
  let running = false;
  let quietUntil = 0;
  const own = async <T>(work: () => Promise<T>): Promise<T> => {
    running = true;
    try {
      return await work();
    } finally {
      running = false;
      quietUntil = Date.now() + OWN_WRITES_QUIET_MS;
    }
  };
  // The settings as the workbook holds them, once known (open, or our own last write).
  let stored: AddinSettings | null = null;
  const store = async (s: AddinSettings) => {
    await et.saveSettings(root, s);
    stored = s;
  };
  return {
    appName: "WPS 表格",
    noWatchText: "此版本 WPS 表格未提供工作表修改事件（ApiEvent），无法自动核查；请在修改后点「只检查」。",
    async open() {
      const r = await et.openWorkbook(root);
      stored = r.settings;
      return { settings: r.settings, canWatch: typeof root.ApiEvent?.AddApiEventListener === "function" };
    },
    checkOnly: (o) => et.checkOnly(root, o),
    // ET has no write batch: the choices are stored right after the plan, only where they differ.
    recalculate: (o) =>
      own(async () => {
        const r = await et.recalculate(root, { ...o, journalHome: options.journalHome });
        if (o.settings && !sameSettings(o.settings, stored)) await store(o.settings);
        return r;
      }),
    saveSettings: (s) => own(() => store(s)),
    clearMarks: () => own(() => et.clearMarks(root, { journalHome: options.journalHome })),
    undo: () => own(() => et.undo(root)),
    async select(sheet, cells) {
      // Range(address) takes at most 255 characters, as in Excel's COM model [E]: a longer list of
      // areas selects its first area and names the others, as Excel below ExcelApi 1.9 does.
      // A build that refuses a list of areas (quirk unionAddress) gets the same: its first, the others named.
      if (cells.length <= 255) {
        try {
          await et.select(root, sheet, cells);
          return { selected: cells, others: [] };
        } catch (e) {
          if (!cells.includes(",")) throw e;
        }
      }
      const [first, ...others] = cells.split(",").map((a) => a.trim());
      await et.select(root, sheet, first);
      return { selected: first, others };
    },
    async watch(tables, onEdit, onError) {
      const events = root.ApiEvent;
      if (!events) return null;
      const bySheet = tablesBySheet(tables);
      let timer: ReturnType<typeof setTimeout> | null = null;
      let stopped = false;
      const listener = (sheet: EtWorksheet, target: unknown) => {
        if (stopped || running || Date.now() < quietUntil) return;
        try {
          const ranges = bySheet.get(sheet.Name);
          if (!ranges || !insideTables(addressOf(target as EtRange), ranges)) return;
        } catch (e) {
          // A build whose event arguments we cannot read: re-check rather than miss an edit.
          console.warn("[核算助手] SheetChange arguments not read:", e);
        }
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          // ET calls are synchronous: nothing is worth retrying here, a failure is said at once.
          if (!stopped) void onEdit().catch(onError);
        }, AUTO_CHECK_DELAY_MS);
      };
      events.AddApiEventListener("SheetChange", listener);
      return {
        stop: async () => {
          stopped = true;
          if (timer) clearTimeout(timer);
          events.RemoveApiEventListener("SheetChange", listener);
        },
      };
    },
    async explain(e) {
      if (e instanceof AddinError) return { zh: e.zh, en: e.message };
      const en = e instanceof Error ? e.message : String(e);
      return { zh: `操作未能完成：WPS 表格返回了错误（${en}）。请稍后重试；如果问题持续，请把工作簿和此提示反馈给开发者。`, en };
    },
  };
}
