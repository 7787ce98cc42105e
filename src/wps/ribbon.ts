import * as et from "../adapters/wps";
import type { EtRoot } from "../adapters/wps/etApi";
import { AddinError } from "../adapters/office/officeApi";
import { checkLine, clearLine, resultLine, undoLine } from "../commands/messages";
import type { CheckReport } from "../engine/report";
import type { WpsRibbonControl, WpsShellRoot, WpsTaskPane } from "./shellApi";

/** What the ribbon needs from its page, so that it can be tested without WPS. */
export interface RibbonShellDeps {
  /** window.wps ?? window.Application, read at each click (null outside WPS). */
  root: () => (et.EtHostRef & EtRoot & WpsShellRoot) | null;
  /** A message box the clerk closes: WPS's own `alert`, which the templates use [T]. */
  tell: (text: string) => void;
  /** The add-in's folder URL, ending in "/" (where index.html was loaded from). */
  baseUrl: string;
  /** Starts work after the callback has returned (setTimeout in WPS). */
  later?: (work: () => void) => void;
}

/** The callbacks ribbon.xml names. Plain functions, never async: builds 12.1.0.23542/23539 showed no ribbon with async callbacks [P1]. */
export interface RibbonCallbacks {
  OnAddinLoad: (ribbonUI?: unknown) => boolean;
  OnAction: (control: WpsRibbonControl) => boolean;
  GetImage: (control: WpsRibbonControl) => string;
}

/** The button ids of src/wps/ribbon.xml. */
export const BUTTONS = {
  recalculate: "btnRecalculate",
  pane: "btnPane",
  checkOnly: "btnCheckOnly",
  clearMarks: "btnClearMarks",
  undo: "btnUndo",
} as const;

/** PluginStorage key of the pane's ID: the pane is made once and then shown or hidden. */
export const PANE_KEY = "jixiao_taskpane_id";
export const PANE_PAGE = "taskpane.html";
export const ICON = "assets/icon-32.png";

export const NOT_IN_WPS = "未在 WPS 表格中打开：「绩效自评核算」的按钮只能在 WPS 表格里使用。";
const NO_PANE = "此版本 WPS 表格不提供任务窗格（CreateTaskPane），无法打开核算面板；功能区上的「一键核算」「只检查」「清除标记」「撤销本次修改」仍可使用。";
const UNKNOWN_BUTTON = "这个按钮没有对应的功能，可能是加载项文件不完整。请联系信息中心重新部署加载项。";

const counts = (report: CheckReport) => ({
  errors: report.findings.filter((f) => f.severity === "error").length,
  warnings: report.findings.filter((f) => f.severity === "warning").length,
});

/** The folder of the page's URL (index.html's), the way the templates' GetUrlPath finds it [T]. */
export function folderOf(href: string): string {
  const u = new URL(href);
  u.search = "";
  u.hash = "";
  return u.href.slice(0, u.href.lastIndexOf("/") + 1);
}

/**
 * The ribbon of the WPS add-in. Each command runs the ET adapter — the same
 * calls the pane makes — after the callback has returned, and tells the
 * outcome in one Chinese line; a failure is said in Chinese and logged in
 * English. 核算面板 makes the task pane once and then toggles it.
 */
export function createRibbon(deps: RibbonShellDeps): RibbonCallbacks & { settled: () => Promise<void> } {
  const later = deps.later ?? ((work: () => void) => setTimeout(work, 0));
  let pending: Promise<void> = Promise.resolve();
  let pane: WpsTaskPane | null = null;

  const tell = (text: string) => {
    try {
      deps.tell(text);
    } catch (e) {
      console.error("[核算助手] message not shown:", e, text);
    }
  };

  /** Start `work` later, then tell its line; an error becomes the Chinese reason. */
  function run(what: string, work: (root: et.EtHostRef & EtRoot) => Promise<string>): void {
    const root = deps.root();
    if (!root) return tell(NOT_IN_WPS);
    pending = new Promise<void>((resolve) => {
      later(() => {
        work(root)
          .then(tell, (e: unknown) => {
            console.error(`[核算助手] ${what} from the ribbon failed:`, e instanceof Error ? e.message : e);
            tell(e instanceof AddinError ? `未能${what}：${e.zh}` : `未能${what}：WPS 表格返回了错误。请打开“核算面板”重试；如果问题持续，请把工作簿和此提示反馈给开发者。`);
          })
          .then(resolve, resolve);
      });
    });
  }

  function togglePane(): void {
    const root = deps.root();
    if (!root) return tell(NOT_IN_WPS);
    try {
      const known = pane ?? paneFromStorage(root);
      if (known) {
        known.Visible = !known.Visible;
        pane = known;
        return;
      }
      const create = root.CreateTaskPane ?? root.CreateTaskpane;
      if (typeof create !== "function") return tell(NO_PANE);
      pane = create.call(root, deps.baseUrl + PANE_PAGE);
      root.PluginStorage?.setItem(PANE_KEY, pane.ID);
      pane.Visible = true;
    } catch (e) {
      console.error("[核算助手] the task pane could not be opened:", e);
      pane = null;
      tell(`无法打开核算面板：WPS 表格返回了错误（${e instanceof Error ? e.message : String(e)}）。请重启 WPS 表格后重试。`);
    }
  }

  return {
    OnAddinLoad: () => true,
    OnAction: (control) => {
      switch (control?.Id) {
        case BUTTONS.recalculate:
          run("核算", async (root) => {
            const { report, outcome } = await et.recalculate(root, { activateResults: true });
            const c = counts(report);
            return resultLine(c.errors, c.warnings, outcome.written);
          });
          break;
        case BUTTONS.checkOnly:
          run("检查", async (root) => {
            const c = counts((await et.checkOnly(root)).report);
            return checkLine(c.errors, c.warnings);
          });
          break;
        case BUTTONS.clearMarks:
          run("清除标记", async (root) => clearLine((await et.clearMarks(root)).cells));
          break;
        case BUTTONS.undo:
          run("撤销", async (root) => {
            const out = await et.undo(root);
            return undoLine(out.undone, out.kept.length);
          });
          break;
        case BUTTONS.pane:
          togglePane();
          break;
        default:
          console.error("[核算助手] unknown ribbon control:", control?.Id);
          tell(UNKNOWN_BUTTON);
      }
      return true;
    },
    GetImage: () => ICON,
    settled: () => pending,
  };
}

/** The pane made earlier by another load of this page (PluginStorage outlives the page), if WPS still has it. */
function paneFromStorage(root: WpsShellRoot): WpsTaskPane | null {
  const id = Number(root.PluginStorage?.getItem(PANE_KEY));
  if (!id || typeof root.GetTaskPane !== "function") return null;
  try {
    return root.GetTaskPane(id) ?? null;
  } catch {
    // Gone (its window closed): a new one is made.
    return null;
  }
}
