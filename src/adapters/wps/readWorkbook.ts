import { a1, parseA1, parseRangeA1, rangeA1 } from "../../engine/address";
import { JOURNAL_SHEET, journalOf } from "../../engine/check";
import { RESULTS_TITLE } from "../../engine/plan";
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../../engine/snapshot";
import { journalFromXml, JOURNAL_NS } from "../office/journalPart";
import { AddinError } from "../office/officeApi";
import { oversizedSheet } from "../office/readPlan";
import { cellKey, isDateFormat, type WorkbookRead, type WorkbookShape } from "../office/readWorkbook";
import { settingsFromXml, SETTINGS_NS } from "../office/settings";
import { argbOfBgr } from "./color";
import { addressOf, asGrid, countOf, errorFromText, isEmpty, maybeError, runsOf, sheetItem } from "./app";
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from "./etApi";
import { readMerges } from "./readMerges";
import { UnionSupport } from "./unionSupport";
import { XL } from "./etApi";

/** The ET read: Office's WorkbookRead (so the engine and the journal rules are shared), and the sheet the clerk had open. */
export interface EtRead extends WorkbookRead {
  activeSheet: string | null;
  readOnly: boolean;
  /** Whether this build honours ranges of several areas, as far as this run found out (its writes go on from there). */
  unions: UnionSupport;
}

/**
 * Read the workbook with few host calls (docs/wps-addin.md §1, §4): per sheet,
 * one Value2 and one Formula of its used range; number formats and merges by
 * halving blocks until each is uniform (NumberFormat and MergeCells give null
 * for mixed blocks [M]), so a sheet of uniform data costs a handful of calls;
 * notes counted per sheet, read only on the journal's cells; fills read only
 * for the journal's cells (the cells about to be marked are read after the
 * engine runs, applyPlan.ts). Synchronous like every ET call; async only for
 * the same signature as the Office adapter.
 */
export function readWorkbookEt(app: EtApplication): EtRead {
  const wb = app.ActiveWorkbook;
  const sheets = wb.Worksheets;
  const n = countOf(sheets);
  const { journalXml, settingsXml } = readParts(wb);
  const partJournal = journalXml ? journalFromXml(journalXml) : null;
  const numberFormats = new Map<string, string>();
  const noteCounts = new Map<string, number>();
  const usedRanges = new Map<string, string>();
  const read: { ws: EtWorksheet; snap: SheetSnapshot }[] = [];
  const unions = new UnionSupport();
  for (let i = 1; i <= n; i++) {
    const ws = sheetItem(sheets, i);
    const snap = readSheet(ws, numberFormats, usedRanges, unions);
    noteCounts.set(snap.name, countOf(ws.Comments));
    read.push({ ws, snap });
  }
  const snapshot: WorkbookSnapshot = { sheets: read.map((r) => r.snap) };
  let journal = partJournal;
  let journalSource: WorkbookRead["journalSource"] = journal ? "part" : null;
  if (!journal && snapshot.sheets.some((s) => s.name === JOURNAL_SHEET)) {
    journal = journalOf(snapshot);
    journalSource = journal ? "sheet" : null;
  }
  snapshot.journal = journal;
  // The journal's notes and fills, the only cells read one by one before the engine runs.
  const notesPresent = new Set<string>();
  const noteTexts = new Map<string, string>();
  const fills = new Map<string, string | null>();
  // Sheet by sheet, as the Office adapter reads them (the journal's note list keeps that order).
  for (const { snap, ws } of read) {
    for (const key of (journal?.notes ?? []).filter((k) => k.startsWith(`${snap.name}!`))) {
      const c = ws.Range(key.slice(snap.name.length + 1)).Comment;
      if (!c) continue;
      notesPresent.add(key);
      noteTexts.set(key, c.Text());
    }
  }
  for (const { snap, ws } of read) {
    // Grouped by the fill the journal says we left, so that each run reads as one colour.
    const marked = (journal?.cells ?? []).filter((c) => c.sheet === snap.name && c.touched !== "value");
    for (const left of new Set(marked.map((c) => c.wrote?.fill ?? null))) {
      const cells = marked.filter((c) => (c.wrote?.fill ?? null) === left).map((c) => parseA1(c.cell)).filter((p): p is { row: number; col: number } => p !== null);
      for (const [addr, fill] of readFills(ws, cells)) fills.set(cellKey(snap.name, addr), fill);
    }
  }
  let activeSheet: string | null = null;
  try {
    activeSheet = wb.ActiveSheet.Name;
  } catch {
    activeSheet = null;
  }
  const shape: WorkbookShape = {
    sheets: snapshot.sheets.map((s) => ({ name: s.name, area: s.cells.length ? { top: s.top, left: s.left, bottom: s.top + s.cells.length - 1, right: s.left + (s.cells[0]?.length ?? 1) - 1 } : null })),
    journal: !!journalXml,
    settings: !!settingsXml,
    journalNotes: journal?.notes ?? [],
  };
  return {
    snapshot,
    journal,
    journalSource,
    // ET reads one journal part (Office.js merges several, when two runtimes wrote at once).
    journalIds: null,
    fills,
    numberFormats,
    noteCounts,
    notesPresent,
    noteTexts,
    sheetIds: new Map(),
    usedRanges,
    workbookProtected: wb.ProtectStructure,
    readOnly: wb.ReadOnly,
    settings: settingsFromXml(settingsXml),
    shape,
    activeSheet,
    unions,
  };
}

/** The add-in's XML parts, as Excel keeps them: journal and settings, each the only part of its namespace. */
export function readParts(wb: EtWorkbook): { journalXml: string | null; settingsXml: string | null } {
  const parts = wb.CustomXMLParts;
  const only = (ns: string) => {
    const mine = parts.SelectByNamespace(ns);
    return countOf(mine) === 1 ? mine.Item(1).XML : null;
  };
  return { journalXml: only(JOURNAL_NS), settingsXml: only(SETTINGS_NS) };
}

/** A cell's solid fill as ARGB, or null for none (Interior.Pattern xlNone; Color is BGR [M-RGB]). */
export function fillOf(r: EtRange): string | null {
  const interior = r.Interior;
  if (interior.Pattern === XL.none) return null;
  const c = interior.Color;
  return typeof c === "number" ? argbOfBgr(c) : null;
}

const VIS: Record<number, SheetSnapshot["visibility"]> = { [XL.visible]: "visible", [XL.hidden]: "hidden", [XL.veryHidden]: "veryHidden" };

function readSheet(ws: EtWorksheet, numberFormats: Map<string, string>, usedRanges: Map<string, string>, unions: UnionSupport): SheetSnapshot {
  const name = ws.Name;
  const visibility = VIS[Number(ws.Visible)] ?? "visible";
  const isProtected = !!ws.ProtectContents;
  const used = ws.UsedRange;
  // One Address instead of Row, Column, Rows.Count and Columns.Count (six calls).
  const whole = usedArea(used);
  const top = whole.top, left = whole.left;
  const rows = whole.bottom - top + 1, cols = whole.right - left + 1;
  usedRanges.set(name, rangeA1(whole));
  // UsedRange counts formatted cells too [M]: guard its size before reading it.
  const why = oversizedSheet({ name, area: whole });
  if (why) throw new AddinError(why.zh, why.en);
  const values = asGrid(used.Value2, rows, cols);
  const formulas = asGrid(used.Formula, rows, cols);
  // The area of values and formulas, as Office's getUsedRange(valuesOnly) reads it.
  let t = Infinity, l = Infinity, b = -1, r = -1;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const f = formulas[i][j];
      if (isEmpty(v) && !(typeof f === "string" && f.startsWith("="))) return;
      t = Math.min(t, i); l = Math.min(l, j); b = Math.max(b, i); r = Math.max(r, j);
    }),
  );
  const base: SheetSnapshot = { name, top: 0, left: 0, cells: [], merges: [], visibility, protected: isProtected };
  if (b < 0) return base;
  const area: CellRange = { top: top + t, left: left + l, bottom: top + b, right: left + r };
  // The add-in's own sheets (「核查结果」, the journal) are never read as forms (isOwnSheet): their formats and merges are not asked.
  const own = name === JOURNAL_SHEET || (area.top === 0 && area.left === 0 && values[0 - top]?.[0 - left] === RESULTS_TITLE);
  const filled = (row: number, col: number) => {
    const i = row - top, j = col - left;
    return i >= 0 && j >= 0 && i < rows && j < cols && (!isEmpty(values[i][j]) || (typeof formulas[i][j] === "string" && String(formulas[i][j]).startsWith("=")));
  };
  const formats = own ? new Map<string, string>() : readFormats(ws, area, filled);
  for (const [addr, fmt] of formats) if (fmt !== "General") numberFormats.set(cellKey(name, addr), fmt);
  base.top = area.top;
  base.left = area.left;
  for (let i = t; i <= b; i++) {
    const line: (SnapshotCell | null)[] = [];
    for (let j = l; j <= r; j++) {
      const addr = a1(top + i, left + j);
      line.push(etCell(ws, addr, values[i][j], formulas[i][j], formats.get(addr) ?? "General"));
    }
    base.cells.push(line);
  }
  if (!own && unions.reads === "unknown") unions.probeReads(ws, formats, textsOf(values, top, left, area));
  base.merges = own ? [] : readMerges(ws, area, filled, unions.readsHonoured);
  return base;
}

/** The text cells of an area, by address: two that differ show whether a union's Text answers for both (unionSupport.ts). */
function textsOf(values: unknown[][], top: number, left: number, area: CellRange): Map<string, string> {
  const out = new Map<string, string>();
  for (let row = area.top; row <= area.bottom; row++) {
    for (let col = area.left; col <= area.right; col++) {
      const v = values[row - top][col - left];
      // Text shows a string as it is (not "###" or a rounded number); error literals excluded.
      if (typeof v === "string" && v !== "" && !maybeError(v)) out.set(a1(row, col), v);
    }
  }
  return out;
}

/** The used range's rectangle from its Address ("$A$1:$I$37", or "$A$1" for one cell). */
function usedArea(used: EtRange): CellRange {
  const text = addressOf(used);
  const area = parseRangeA1(text);
  if (!area) throw new Error(`WPS gave an unexpected UsedRange address: ${text}`);
  return area;
}

/** One cell in the engine's terms, from its Value2 and Formula (errors confirmed by Range.Text where they come as numbers). */
function etCell(ws: EtWorksheet, addr: string, value: unknown, formula: unknown, fmt: string): SnapshotCell | null {
  const f = typeof formula === "string" && formula.startsWith("=") ? formula.slice(1) : undefined;
  if (maybeError(value)) {
    const error = typeof value === "string" ? value : errorFromText(ws.Range(addr).Text);
    if (error) return { value: null, error, ...(f !== undefined ? { formula: f } : {}) };
  }
  if (isEmpty(value) && f === undefined) return null;
  const v = isEmpty(value) ? null : (value as SnapshotCell["value"]);
  const cell: SnapshotCell = { value: v };
  if (f !== undefined) cell.formula = f;
  if (typeof v === "number" && isDateFormat(fmt)) cell.date = true;
  return cell;
}

const cellsOf = (a: CellRange) => (a.bottom - a.top + 1) * (a.right - a.left + 1);

/**
 * Halves of a block whose cells' number formats differ: by columns first
 * (formats mostly follow columns); a single column is cut where its filled
 * cells end (or begin), so the empty cells below a form beside a long ledger
 * are one block, however many rows the ledger has; else in the middle.
 */
function formatHalves(a: CellRange, filled: (row: number, col: number) => boolean): [CellRange, CellRange] {
  if (a.right > a.left || a.bottom === a.top) {
    const mid = a.left + Math.floor((a.right - a.left) / 2);
    return [{ ...a, right: mid }, { ...a, left: mid + 1 }];
  }
  let first = -1, last = -1;
  for (let row = a.top; row <= a.bottom; row++) {
    if (!filled(row, a.left)) continue;
    if (first < 0) first = row;
    last = row;
  }
  const cut = last >= a.top && last < a.bottom ? last : first > a.top ? first - 1 : a.top + Math.floor((a.bottom - a.top) / 2);
  return [{ ...a, bottom: cut }, { ...a, top: cut + 1 }];
}

/** Every cell's number format: a block's NumberFormat is its cells' one, or null when they differ [M] (then its halves are read). */
function readFormats(ws: EtWorksheet, area: CellRange, filled: (row: number, col: number) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [area];
  while (stack.length) {
    const blk = stack.pop()!;
    const fmt = ws.Range(rangeA1(blk)).NumberFormat;
    if (typeof fmt === "string") {
      for (let row = blk.top; row <= blk.bottom; row++) for (let col = blk.left; col <= blk.right; col++) out.set(a1(row, col), fmt);
    } else if (cellsOf(blk) > 1) stack.push(...formatHalves(blk, filled));
  }
  return out;
}

/**
 * The fills of some cells of a sheet with few calls: cells in runs (one
 * range per run of neighbours, runsOf); a run whose Pattern is xlNone has no
 * fill, one whose Pattern and Color are each one value has that solid fill
 * (cells that differ read null [M]); a mixed run is read cell by cell.
 */
export function readFills(ws: EtWorksheet, cells: { row: number; col: number }[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const uniform = (r: EtRange): string | null | undefined => {
    const interior = r.Interior;
    const pattern = interior.Pattern;
    if (pattern === XL.none) return null;
    if (typeof pattern !== "number") return undefined;
    const color = interior.Color;
    return typeof color === "number" ? argbOfBgr(color) : undefined;
  };
  if (!cells.length) return out;
  // Most often nothing around is filled: one probe of the cells' bounding box says so.
  if (cells.length > 1) {
    const box = { top: Math.min(...cells.map((c) => c.row)), left: Math.min(...cells.map((c) => c.col)), bottom: Math.max(...cells.map((c) => c.row)), right: Math.max(...cells.map((c) => c.col)) };
    const all = uniform(ws.Range(rangeA1(box)));
    if (all !== undefined) {
      for (const c of cells) out.set(a1(c.row, c.col), all);
      return out;
    }
  }
  for (const run of runsOf(cells)) {
    const area = parseRangeA1(run)!;
    const fill = uniform(ws.Range(run));
    for (let row = area.top; row <= area.bottom; row++) {
      for (let col = area.left; col <= area.right; col++) {
        if (!cells.some((c) => c.row === row && c.col === col)) continue;
        out.set(a1(row, col), fill !== undefined ? fill : cellsOf(area) === 1 ? null : (uniform(ws.Range(a1(row, col))) ?? null));
      }
    }
  }
  return out;
}
