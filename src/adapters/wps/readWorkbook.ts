import { a1, parseRangeA1, rangeA1 } from "../../engine/address";
import { JOURNAL_SHEET, journalOf } from "../../engine/check";
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../../engine/snapshot";
import { journalFromXml, JOURNAL_NS } from "../office/journalPart";
import { AddinError } from "../office/officeApi";
import { oversizedSheet } from "../office/readPlan";
import { cellKey, isDateFormat, type WorkbookRead, type WorkbookShape } from "../office/readWorkbook";
import { settingsFromXml, SETTINGS_NS, type AddinSettings } from "../office/settings";
import { argbOfBgr } from "./color";
import { addressOf, asGrid, countOf, errorFromText, isEmpty, maybeError, sheetItem } from "./app";
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from "./etApi";
import { XL } from "./etApi";

/** The ET read: Office's WorkbookRead (so the engine and the journal rules are shared), and the sheet the clerk had open. */
export interface EtRead extends WorkbookRead {
  activeSheet: string | null;
  readOnly: boolean;
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
  for (let i = 1; i <= n; i++) {
    const ws = sheetItem(sheets, i);
    const snap = readSheet(ws, numberFormats, usedRanges);
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
  const byName = new Map(read.map((r) => [r.snap.name, r.ws]));
  // Sheet by sheet, as the Office adapter reads them (the journal's note list keeps that order).
  for (const { snap, ws } of read) {
    for (const key of (journal?.notes ?? []).filter((k) => k.startsWith(`${snap.name}!`))) {
      const c = ws.Range(key.slice(snap.name.length + 1)).Comment;
      if (!c) continue;
      notesPresent.add(key);
      noteTexts.set(key, c.Text());
    }
  }
  for (const c of journal?.cells ?? []) {
    const ws = byName.get(c.sheet);
    if (ws && c.touched !== "value") fills.set(cellKey(c.sheet, c.cell), fillOf(ws.Range(c.cell)));
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

function readSheet(ws: EtWorksheet, numberFormats: Map<string, string>, usedRanges: Map<string, string>): SheetSnapshot {
  const name = ws.Name;
  const visibility = VIS[Number(ws.Visible)] ?? "visible";
  const isProtected = !!ws.ProtectContents;
  const used = ws.UsedRange;
  const top = used.Row - 1, left = used.Column - 1;
  const rows = countOf(used.Rows), cols = countOf(used.Columns);
  const whole: CellRange = { top, left, bottom: top + rows - 1, right: left + cols - 1 };
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
  const formats = readFormats(ws, area);
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
  base.merges = readMerges(ws, area);
  return base;
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

/** Halves of a block: by rows while it has several, then by columns. */
function halves(a: CellRange): [CellRange, CellRange] {
  if (a.bottom > a.top) {
    const mid = a.top + Math.floor((a.bottom - a.top) / 2);
    return [{ ...a, bottom: mid }, { ...a, top: mid + 1 }];
  }
  const mid = a.left + Math.floor((a.right - a.left) / 2);
  return [{ ...a, right: mid }, { ...a, left: mid + 1 }];
}

/** Every cell's number format: a block's NumberFormat is its cells' one, or null when they differ [M] (then its halves are read). */
function readFormats(ws: EtWorksheet, area: CellRange): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [area];
  while (stack.length) {
    const blk = stack.pop()!;
    const fmt = ws.Range(rangeA1(blk)).NumberFormat;
    if (typeof fmt === "string") {
      for (let row = blk.top; row <= blk.bottom; row++) for (let col = blk.left; col <= blk.right; col++) out.set(a1(row, col), fmt);
    } else if (cellsOf(blk) > 1) stack.push(...halves(blk));
  }
  return out;
}

/**
 * Merged areas meeting the area: MergeCells is False for a block without
 * merged cells, True or Null otherwise [M aa206522]; a merged cell's MergeArea
 * (single cells only [M aa175731]) gives its area, and blocks inside areas
 * already found are not asked again.
 */
function readMerges(ws: EtWorksheet, area: CellRange): CellRange[] {
  const found: CellRange[] = [];
  const covered = (b: CellRange) => found.some((m) => b.top >= m.top && b.bottom <= m.bottom && b.left >= m.left && b.right <= m.right);
  const stack = [area];
  while (stack.length) {
    const blk = stack.pop()!;
    if (covered(blk)) continue;
    const range = ws.Range(rangeA1(blk));
    if (range.MergeCells === false) continue;
    if (cellsOf(blk) > 1) {
      stack.push(...halves(blk).reverse());
      continue;
    }
    const m = parseRangeA1(addressOf(range.MergeArea));
    if (m && cellsOf(m) > 1) found.push(m);
  }
  return found;
}

/** The settings stored in the workbook, as Excel stores them (the settings XML part). */
export function readSettingsEt(app: EtApplication): AddinSettings {
  return settingsFromXml(readParts(app.ActiveWorkbook).settingsXml);
}
