import { parseA1 } from "../../engine/address";
import { broken } from "./errors";
import { shiftFormula } from "./formulaShift";
import { partText, type XlsxPackage } from "./package";
import { localName, saxParser } from "./xml";

/** One <c> of a worksheet, with where it is in the text. */
export interface ScannedCell {
  row: number;
  col: number;
  s: number;
  t: string;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  attrs: Record<string, string>;
  v: string | null;
  /** Inline string text (<is>), rich runs joined. */
  is: string | null;
  f: { text: string; t?: string; ref?: string; si?: string } | null;
  /** Formula text for this cell: its own, or the shared formula shifted here. */
  formula: string | null;
  rowIndex: number;
}

export interface ScannedRow {
  r: number;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  attrs: Record<string, string>;
  cells: number[];
}

export interface TopElement {
  local: string;
  name: string;
  start: number;
  openEnd: number;
  end: number;
  attrs: Record<string, string>;
}

export interface SheetScan {
  path: string;
  xml: string;
  rows: ScannedRow[];
  cells: ScannedCell[];
  /** Children of <worksheet>, in order. */
  top: TopElement[];
  sheetData: { start: number; openEnd: number; closeStart: number; end: number; selfClosing: boolean } | null;
  merges: string[];
  protected: boolean;
  /** The root's start tag (for namespace declarations). */
  root: { name: string; start: number; openEnd: number; attrs: Record<string, string> };
  /** Legacy drawing relationship id, when the sheet has one. */
  legacyDrawing: string | null;
}

/** The scanned cell at a position: rows indexed on first use (a few dozen), then the row's own cells. */
export function cellAtPos(scan: SheetScan, row: number, col: number): ScannedCell | undefined {
  let entry = byRow.get(scan);
  if (!entry) {
    const index = new Map<number, number>();
    scan.rows.forEach((r, i) => index.set(r.r, i));
    entry = { index, strays: scan.cells.some((c) => scan.rows[c.rowIndex]?.r !== c.row) };
    byRow.set(scan, entry);
  }
  const ri = entry.index.get(row);
  if (ri !== undefined) {
    for (const i of scan.rows[ri].cells) if (scan.cells[i].col === col && scan.cells[i].row === row) return scan.cells[i];
  }
  // A cell whose r names another row than its <row> (not valid, but seen): look everywhere.
  return entry.strays ? scan.cells.find((c) => c.row === row && c.col === col) : undefined;
}
const byRow = new WeakMap<SheetScan, { index: Map<number, number>; strays: boolean }>();

/** Parse a worksheet once: cells with positions, the top-level elements, merges, protection. */
export function scanSheet(pkg: XlsxPackage, path: string): SheetScan {
  const key = `sheet:${path}`;
  const cached = pkg.cache.get(key) as SheetScan | undefined;
  if (cached) return cached;
  const xml = partText(pkg, path) ?? "";
  const scan: SheetScan = { path, xml, rows: [], cells: [], top: [], sheetData: null, merges: [], protected: false, root: { name: "worksheet", start: 0, openEnd: 0, attrs: {} }, legacyDrawing: null };
  const p = saxParser();
  let depth = 0;
  let inSheetData = false;
  let row: ScannedRow | null = null;
  let cell: ScannedCell | null = null;
  let textTarget: "v" | "f" | "t" | null = null;
  let inIs = false;
  let inRph = 0;
  let nextRow = 0;
  let nextCol = 0;
  let topIndex = -1;
  const shared = new Map<string, { row: number; col: number; text: string }>();
  p.on("opentag", (tag) => {
    const end = p.position;
    const local = localName(tag.name);
    depth++;
    if (depth === 1) {
      scan.root = { name: tag.name, start: xml.lastIndexOf("<", end - 1), openEnd: end, attrs: tag.attributes as Record<string, string> };
      return;
    }
    const attrs = tag.attributes as Record<string, string>;
    if (depth === 2) {
      const start = xml.lastIndexOf("<", end - 1);
      scan.top.push({ local, name: tag.name, start, openEnd: end, end, attrs });
      topIndex = scan.top.length - 1;
      if (local === "sheetData") {
        scan.sheetData = { start, openEnd: end, closeStart: end, end, selfClosing: tag.isSelfClosing };
        inSheetData = !tag.isSelfClosing;
      } else if (local === "sheetProtection") {
        scan.protected = attrs.sheet === "1" || attrs.sheet === "true";
      } else if (local === "legacyDrawing") {
        scan.legacyDrawing = Object.entries(attrs).find(([k]) => localName(k) === "id")?.[1] ?? null;
      }
      return;
    }
    if (local === "mergeCell" && attrs.ref) scan.merges.push(attrs.ref);
    if (!inSheetData) return;
    if (depth === 3 && local === "row") {
      const r = attrs.r ? Number(attrs.r) - 1 : nextRow;
      nextRow = r + 1;
      nextCol = 0;
      row = { r, start: xml.lastIndexOf("<", end - 1), openEnd: end, end, selfClosing: tag.isSelfClosing, attrs, cells: [] };
      scan.rows.push(row);
    } else if (depth === 4 && local === "c" && row) {
      const pos = attrs.r ? parseA1(attrs.r) : null;
      const col = pos ? pos.col : nextCol;
      nextCol = col + 1;
      cell = {
        row: pos ? pos.row : row.r,
        col,
        s: attrs.s ? Number(attrs.s) : 0,
        t: attrs.t ?? "n",
        start: xml.lastIndexOf("<", end - 1),
        openEnd: end,
        end,
        selfClosing: tag.isSelfClosing,
        attrs,
        v: null,
        is: null,
        f: null,
        formula: null,
        rowIndex: scan.rows.length - 1,
      };
      scan.cells.push(cell);
      row.cells.push(scan.cells.length - 1);
    } else if (cell) {
      if (local === "v") {
        textTarget = "v";
        cell.v ??= "";
      } else if (local === "f") {
        textTarget = "f";
        cell.f = { text: "", t: attrs.t, ref: attrs.ref, si: attrs.si };
      } else if (local === "is") {
        inIs = true;
        cell.is ??= "";
      } else if (local === "rPh") inRph++;
      else if (local === "t" && inIs && inRph === 0) textTarget = "t";
    }
  });
  p.on("text", (t) => {
    if (!cell || !textTarget) return;
    if (textTarget === "v") cell.v += t;
    else if (textTarget === "f") cell.f!.text += t;
    else cell.is += t;
  });
  p.on("closetag", (tag) => {
    const end = p.position;
    const local = localName(tag.name);
    if (depth === 2 && topIndex >= 0) {
      scan.top[topIndex].end = end;
      if (local === "sheetData" && scan.sheetData) {
        scan.sheetData.end = end;
        scan.sheetData.closeStart = tag.isSelfClosing ? scan.sheetData.openEnd : xml.lastIndexOf("</", end - 1);
        inSheetData = false;
      }
    } else if (depth === 3 && row && local === "row") {
      row.end = end;
      row = null;
    } else if (depth === 4 && cell && local === "c") {
      cell.end = end;
      finishCell(cell, shared);
      cell = null;
    } else if (cell) {
      if (local === "v" || local === "f" || local === "t") textTarget = null;
      else if (local === "is") inIs = false;
      else if (local === "rPh") inRph--;
    }
    depth--;
  });
  p.on("error", (e) => {
    throw broken(pkg.fileName, `malformed XML in ${path}: ${e.message}`);
  });
  p.write(xml).close();
  pkg.cache.set(key, scan);
  return scan;
}

function finishCell(cell: ScannedCell, shared: Map<string, { row: number; col: number; text: string }>): void {
  const f = cell.f;
  if (!f) return;
  if (f.t === "shared" && f.si !== undefined) {
    if (f.ref !== undefined && f.text !== "") {
      shared.set(f.si, { row: cell.row, col: cell.col, text: f.text });
      cell.formula = f.text;
    } else {
      const m = shared.get(f.si);
      cell.formula = m ? shiftFormula(m.text, cell.row - m.row, cell.col - m.col) : f.text || null;
    }
  } else cell.formula = f.text;
}
