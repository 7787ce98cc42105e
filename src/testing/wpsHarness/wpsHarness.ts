/**
 * Browser harness for the WPS pane: stands in for WPS 表格. It loads a workbook
 * (a host document as JSON, from ?fixture=NAME, the same documents the Excel
 * harness loads) into the strict in-memory ET host (src/testing/etHost) and
 * gives the page what WPS gives an add-in's pages, `window.wps` and
 * `window.Application` (docs/wps-addin.md §2), BEFORE the pane's code runs:
 * src/wps/pane.tsx reads them once, when it starts, so it is loaded only
 * after the host is ready (a lazy chunk).
 *
 * Query: fixture=NAME; sheets=1 draws the workbook beside the pane (what
 * `npm run try -- --wps` opens); quirks=singleRow=1d,count=count (quirks.ts);
 * events=0 (a build without wps.ApiEvent); app=none (no WPS objects at all:
 * the pane's "未在 WPS 表格中打开"); page=diagnostics (the 诊断 page instead of the pane).
 * Built only with `webpack --env harness`; never part of the add-in.
 */
import type { HostCell, HostDocument } from "../excelHost/document";
import { EtHost } from "../etHost/host";
import type { EtQuirks } from "../etHost/quirks";
import { mountWorkbookView, splitPage, type WorkbookView } from "../harness/workbookView";

declare global {
  interface Window {
    __et?: EtHost;
    __original?: HostDocument;
    __edit?: (sheet: string, cells: Record<string, HostCell["value"] | null>) => Promise<void>;
    /** Set once the page's own code (pane or 诊断) has been loaded. */
    __started?: boolean;
  }
}

const params = new URLSearchParams(location.search);
const fixture = params.get("fixture") ?? "seed";
const showSheets = params.get("sheets") === "1";
const withApp = params.get("app") !== "none";

/** "singleRow=1d,customXmlSurvivesSave=false" → the quirk flags it names. */
function quirksOf(text: string | null): Partial<EtQuirks> {
  const out: Record<string, string | boolean> = {};
  for (const pair of (text ?? "").split(",").filter(Boolean)) {
    const [k, v = ""] = pair.split("=");
    out[k] = v === "true" ? true : v === "false" ? false : v;
  }
  return out as Partial<EtQuirks>;
}

async function start(): Promise<void> {
  if (withApp) {
    const doc = (await (await fetch(`/fixtures/${encodeURIComponent(fixture)}.json`)).json()) as HostDocument;
    window.__original = JSON.parse(JSON.stringify(doc));
    const host = new EtHost(doc, { quirks: quirksOf(params.get("quirks")), noEvents: params.get("events") === "0" });
    window.__et = host;
    let view: WorkbookView | null = null;
    if (showSheets) view = mountWorkbookView(splitPage(), () => host.doc, "工作簿（内存中的 WPS 表格）");
    // ET calls are synchronous, with no batch to end: redraw once per frame after any call.
    let pending = false;
    const tick = host.tick.bind(host);
    host.tick = (member: string) => {
      tick(member);
      if (view && !pending) {
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          view?.refresh();
        });
      }
    };
    // Tests drive the host as a person would: type into cells (SheetChange listeners run).
    window.__edit = async (sheet, cells) => {
      host.edit(sheet, cells as Record<string, HostCell["value"]>);
      view?.refresh();
    };
    const w = window as unknown as { wps?: unknown; Application?: unknown };
    w.wps = host.root;
    w.Application = host.root;
  }
  // page=diagnostics: the 诊断 page (src/wps/diagnostics) instead of the pane.
  if (params.get("page") === "diagnostics") await import(/* webpackChunkName: "wps-diagnostics" */ "../../wps/diagnostics/page");
  else await import(/* webpackChunkName: "wps-pane" */ "../../wps/pane");
  window.__started = true;
}

start().catch((e) => {
  console.error("[WPS harness] could not start:", e);
  document.getElementById("container")!.textContent = `测试宿主无法启动：${String(e)}`;
});
