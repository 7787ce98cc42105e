/**
 * `npm run try`: the in-memory workbook beside the pane, as Excel would show it, so a newcomer
 * sees what the add-in did: each sheet's values, fills, notes (on hover, and a red corner as in
 * Excel), 「核查结果」 once it is written, and the cells the last click selected. Plain DOM: the
 * harness is no part of the add-in, and the view must not share the pane's React tree.
 */
import { a1, columnLetters, parseA1, parseRangeA1 } from "../../engine/address";
import type { HostCell, HostDocument, HostSheet } from "../excelHost/document";

/** Enough for every form the add-in reads; a stray far cell would otherwise make a huge table. */
const MAX_ROWS = 300;
const MAX_COLS = 40;

const CSS = `
#workbook { flex: 1; min-width: 0; display: flex; flex-direction: column; font: 13px "Microsoft YaHei", "Segoe UI", sans-serif; background: #fff; color: #222; border-left: 1px solid #c8c8c8; }
#workbook header { padding: 6px 10px; background: #217346; color: #fff; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
#workbook header h2 { font-size: 14px; margin: 0; font-weight: 600; }
#workbook .wb-selection { font-family: Consolas, monospace; }
#workbook .wb-scroll { flex: 1; overflow: auto; }
#workbook table { border-collapse: collapse; table-layout: fixed; }
#workbook th { background: #f3f3f3; color: #555; font-weight: normal; border: 1px solid #d4d4d4; padding: 0 4px; position: sticky; top: 0; z-index: 1; }
#workbook th.wb-row { position: sticky; left: 0; min-width: 28px; text-align: right; }
#workbook td { border: 1px solid #e1e1e1; padding: 1px 4px; min-width: 48px; max-width: 220px; white-space: pre-wrap; overflow-wrap: anywhere; vertical-align: top; position: relative; }
#workbook td.wb-num { text-align: right; }
#workbook td.wb-error { color: #c00000; }
#workbook td.wb-note::after { content: ""; position: absolute; top: 0; right: 0; border-left: 6px solid transparent; border-top: 6px solid #d00; }
#workbook td.wb-selected { outline: 2px solid #217346; outline-offset: -2px; background-image: linear-gradient(rgba(33,115,70,.12), rgba(33,115,70,.12)); }
#workbook [role=tablist] { display: flex; gap: 2px; padding: 4px 6px 0; background: #f3f3f3; border-top: 1px solid #c8c8c8; flex-wrap: wrap; }
#workbook [role=tab] { border: 1px solid #c8c8c8; border-top: none; background: #e9e9e9; padding: 3px 10px; font: inherit; cursor: pointer; }
#workbook [role=tab][aria-selected=true] { background: #fff; color: #217346; font-weight: 600; }
#workbook .wb-more { padding: 6px 10px; color: #666; }
`;

/** A value as Excel would display it: dates, percentages and fixed decimals from the number format. */
export function displayValue(c: HostCell | undefined): string {
  if (!c) return "";
  if (c.error) return c.error;
  const v = c.value;
  if (v === undefined || v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = c.numberFormat ?? "General";
  // A date is a serial day number (1900 system) under a date format.
  if (/y{2}|d{1,2}[-/.]m|m{1,2}[-/.]d/i.test(fmt)) return new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10);
  const decimals = /0\.(0+)/.exec(fmt)?.[1].length ?? 0;
  if (fmt.includes("%")) return `${(v * 100).toFixed(decimals)}%`;
  if (/^[#,]*0(\.0+)?$/.test(fmt)) return fmt.includes(",") ? v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : v.toFixed(decimals);
  return String(Math.round(v * 1e10) / 1e10);
}

/** The cells an address covers ("I15:I17,I19" → I15, I16, I17, I19). */
function cellsOf(address: string): Set<string> {
  const out = new Set<string>();
  for (const area of address.split(",")) {
    const r = parseRangeA1(area.trim());
    if (!r) continue;
    for (let row = r.top; row <= Math.min(r.bottom, MAX_ROWS); row++) for (let col = r.left; col <= Math.min(r.right, MAX_COLS); col++) out.add(a1(row, col));
  }
  return out;
}

function extent(s: HostSheet): { rows: number; cols: number } {
  let rows = 0, cols = 0;
  for (const addr of Object.keys(s.cells)) {
    const p = parseA1(addr);
    if (p) (rows = Math.max(rows, p.row + 1)), (cols = Math.max(cols, p.col + 1));
  }
  for (const m of s.merges) {
    const r = parseRangeA1(m);
    if (r) (rows = Math.max(rows, r.bottom + 1)), (cols = Math.max(cols, r.right + 1));
  }
  return { rows, cols };
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string) => {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== undefined) e.textContent = text;
  return e;
};

function sheetTable(s: HostSheet, selected: Set<string>): HTMLElement {
  const { rows, cols } = extent(s);
  const shownRows = Math.min(rows, MAX_ROWS), shownCols = Math.min(cols, MAX_COLS);
  // Merged areas: the top-left cell spans them, the others are not drawn.
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  for (const m of s.merges) {
    const r = parseRangeA1(m);
    if (!r) continue;
    spans.set(a1(r.top, r.left), { rowSpan: r.bottom - r.top + 1, colSpan: r.right - r.left + 1 });
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (row !== r.top || col !== r.left) covered.add(a1(row, col));
  }
  const table = el("table");
  table.setAttribute("role", "grid");
  table.setAttribute("aria-label", `工作表 ${s.name}`);
  const head = el("tr");
  head.appendChild(el("th", { className: "wb-row" }));
  for (let col = 0; col < shownCols; col++) head.appendChild(el("th", { scope: "col" }, columnLetters(col)));
  table.appendChild(head);
  for (let row = 0; row < shownRows; row++) {
    const tr = el("tr");
    tr.appendChild(el("th", { className: "wb-row", scope: "row" }, String(row + 1)));
    for (let col = 0; col < shownCols; col++) {
      const addr = a1(row, col);
      if (covered.has(addr)) continue;
      const c = s.cells[addr];
      const td = el("td", {}, displayValue(c));
      td.dataset.cell = addr;
      const span = spans.get(addr);
      if (span) (td.rowSpan = span.rowSpan), (td.colSpan = span.colSpan);
      const classes = [];
      if (typeof c?.value === "number") classes.push("wb-num");
      if (c?.error) classes.push("wb-error");
      if (c?.note !== undefined) classes.push("wb-note");
      if (selected.has(addr)) classes.push("wb-selected");
      td.className = classes.join(" ");
      if (c?.fill) td.style.backgroundColor = c.fill;
      if (c?.bold) td.style.fontWeight = "bold";
      if (c?.fontColor) td.style.color = c.fontColor;
      // Hover shows the note, as Excel does, and the formula behind a computed value.
      const tip = [c?.note !== undefined ? `批注：${c.note}` : "", c?.formula ? `公式：${c.formula}` : ""].filter(Boolean).join("\n");
      if (tip) td.title = tip;
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
  return table;
}

/** The page split for ?sheets=1: the pane keeps its width (a task pane is about 350 px); the workbook takes the rest. */
export function splitPage(): HTMLElement {
  const pane = document.getElementById("container")!;
  const workbook = document.createElement("section");
  workbook.id = "workbook";
  workbook.setAttribute("aria-label", "工作簿");
  Object.assign(document.body.style, { display: "flex", height: "100vh", overflow: "hidden" });
  Object.assign(pane.style, { width: "360px", flex: "none", overflowY: "auto" });
  document.body.appendChild(workbook);
  return workbook;
}

export interface WorkbookView {
  /** Draw the document as it is now (after each batch the pane ran, or an edit). */
  refresh(): void;
}

/** `title` names the program the document stands in for (the Excel harness, or the WPS one). */
export function mountWorkbookView(root: HTMLElement, doc: () => HostDocument, title = "工作簿（内存中的 Excel）"): WorkbookView {
  root.appendChild(el("style", {}, CSS));
  const header = el("header");
  header.appendChild(el("h2", {}, title));
  const selection = el("span", { className: "wb-selection" });
  selection.setAttribute("aria-label", "选中的单元格");
  selection.setAttribute("aria-live", "polite");
  header.appendChild(selection);
  const scroll = el("div", { className: "wb-scroll" });
  const tabs = el("div");
  tabs.setAttribute("role", "tablist");
  tabs.setAttribute("aria-label", "工作表");
  root.append(header, scroll, tabs);

  let shown: string | null = null;
  let lastSelection = "";

  const refresh = () => {
    const d = doc();
    const sel = d.selection ? `${d.selection.sheet}!${d.selection.address}` : "";
    // A new selection brings its sheet to the front, as Excel does.
    if (sel && sel !== lastSelection) shown = d.selection!.sheet;
    lastSelection = sel;
    const sheets = d.sheets.filter((s) => s.visibility === "Visible");
    if (!shown || !sheets.some((s) => s.name === shown)) shown = d.activeSheet && sheets.some((s) => s.name === d.activeSheet) ? d.activeSheet : (sheets[0]?.name ?? null);
    selection.textContent = sel ? `选中：${sel}` : "未选中单元格";
    tabs.replaceChildren(
      ...sheets.map((s) => {
        const tab = el("button", { type: "button" }, s.name);
        tab.setAttribute("role", "tab");
        tab.setAttribute("aria-selected", String(s.name === shown));
        tab.addEventListener("click", () => {
          shown = s.name;
          refresh();
        });
        return tab;
      }),
    );
    const sheet = sheets.find((s) => s.name === shown);
    scroll.replaceChildren();
    if (!sheet) return;
    const picked = d.selection && d.selection.sheet === sheet.name ? cellsOf(d.selection.address) : new Set<string>();
    scroll.appendChild(sheetTable(sheet, picked));
    const { rows, cols } = extent(sheet);
    if (rows > MAX_ROWS || cols > MAX_COLS) scroll.appendChild(el("p", { className: "wb-more" }, `只显示前 ${MAX_ROWS} 行、${MAX_COLS} 列（此表到第 ${rows} 行、第 ${cols} 列）。`));
  };
  refresh();
  return { refresh };
}
