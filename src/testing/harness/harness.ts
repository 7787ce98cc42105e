/**
 * Browser test harness: stands in for office.js. It loads a workbook (a host
 * document as JSON, from ?fixture=NAME) into the in-memory Excel host and
 * exposes the same globals the task pane uses: Office.onReady,
 * Office.context.requirements, Office.context.officeTheme and Excel.run.
 * With ?sheets=1 (what `npm run try` opens) the workbook is drawn beside the
 * pane and redrawn after every batch and edit (workbookView.ts).
 * Built only with `webpack --env harness`; never part of the add-in.
 */
import type { HostDocument } from "../excelHost/document";
import { ExcelHost } from "../excelHost/host";
import { mountWorkbookView, splitPage, type WorkbookView } from "./workbookView";

declare global {
  interface Window {
    __host?: ExcelHost;
    __original?: HostDocument;
  }
}

const params = new URLSearchParams(location.search);
const fixture = params.get("fixture") ?? "seed";
const dark = params.get("theme") === "dark";
const excelApi = Number(params.get("excelApi") ?? "20");
const showSheets = params.get("sheets") === "1";

let view: WorkbookView | null = null;
const redraw = () => view?.refresh();

const ready: Promise<ExcelHost> = fetch(`/fixtures/${encodeURIComponent(fixture)}.json`)
  .then((r) => r.json() as Promise<HostDocument>)
  .then((doc) => {
    window.__original = JSON.parse(JSON.stringify(doc));
    const host = new ExcelHost(doc, { excelApi });
    window.__host = host;
    if (showSheets) view = mountWorkbookView(splitPage(), () => host.doc);
    return host;
  });

const w = window as unknown as Record<string, unknown>;
w.Office = {
  onReady: (cb?: (info: { host: string; platform: string }) => void) =>
    ready.then(() => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      cb?.(info);
      return info;
    }),
  context: {
    requirements: { isSetSupported: (name: string, version: string) => window.__host?.isSetSupported(name, version) ?? false },
    officeTheme: { bodyBackgroundColor: dark ? "#1F1F1F" : "#FFFFFF" },
  },
  actions: { associate: () => undefined },
};
w.Excel = {
  // Redrawn when the batch ends, whether it succeeded or Excel refused it midway.
  run: (a: unknown, b?: unknown) => window.__host!.run(a as never, b as never).finally(redraw),
};
// Tests drive the host as a person would: type into cells (onChanged handlers run).
(window as unknown as { __edit: (sheet: string, cells: Record<string, string | number | null>) => Promise<void> }).__edit = (sheet, cells) => window.__host!.edit(sheet, cells).finally(redraw);
