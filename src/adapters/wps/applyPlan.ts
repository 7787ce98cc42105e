import { a1, parseA1, parseRangeA1 } from "../../engine/address";
import { JOURNAL_SHEET } from "../../engine/check";
import { mergeJournal, serializeJournal, type Journal, type JournalCell } from "../../engine/journal";
import { MARK_FILL, type Plan, type ResultsSheet } from "../../engine/plan";
import { droppedLines } from "../../engine/undo/rebase";
import { notedBefore, wroteByPlan } from "../../engine/undo/wrote";
import { asText, assertWritable, findSheetName, splitCellKey, type ApplyOutcome } from "../office/applyPlan";
import { currentFromRead } from "../office/journaledCells";
import { decideNotes, startApply } from "../shared/applyDecisions";
import { journalToXml, JOURNAL_NS } from "../office/journalPart";
import { AddinError } from "../office/officeApi";
import { cellKey } from "../office/readWorkbook";
import { countOf, runsOf, sheetItem } from "./app";
import { bgrOfArgb } from "./color";
import type { EtApplication, EtRange, EtSheets, EtWorkbook, EtWorksheet } from "./etApi";
import { XL } from "./etApi";
import { readFills, type EtRead } from "./readWorkbook";
import { groupBy } from "./unions";
import { writeAreas, type UnionSupport } from "./unionSupport";

/**
 * Where the ET adapter keeps the journal: the custom XML part Excel and the
 * command line use, or the very hidden sheet 「核算助手撤销记录」 in the same
 * version-2 format (which Excel and the command line read too). Whether WPS
 * keeps custom XML parts when it saves is unconfirmed (docs/wps-addin.md §8.5):
 * until a real WPS says so, "sheet" is the default, since a journal lost on
 * save would leave the clerk's changes without undo.
 */
export type JournalHome = "part" | "sheet";
export const DEFAULT_JOURNAL_HOME: JournalHome = "sheet";

export interface EtApplyOptions {
  activateResults?: boolean;
  journalHome?: JournalHome;
}

/** A read-only workbook is refused before anything is written: the clerk could not save what we changed. */
export function assertNotReadOnly(read: EtRead): void {
  if (read.readOnly) throw new AddinError("工作簿是只读的，无法保存核算结果。请另存为可编辑的副本后重试；本次未做任何修改。", "workbook is read-only; nothing was written", "read-only");
}

/** Sheets by name, each fetched once (Worksheets.Item(name): one call). */
export function sheetCache(sheets: EtSheets): (name: string) => EtWorksheet {
  const cache = new Map<string, EtWorksheet>();
  return (name) => {
    let s = cache.get(name);
    if (!s) cache.set(name, (s = sheetItem(sheets, name)));
    return s;
  };
}

/** Put back a journaled fill: its solid colour (BGR), or none (ColorIndex = xlNone) [M]. */
export function restoreFillEt(range: EtRange, fill: string | null): void {
  if (fill) range.Interior.Color = bgrOfArgb(fill);
  else range.Interior.ColorIndex = XL.none;
}

const sameFill = (a: string | null, b: string | null) => (a === null || b === null ? a === b : bgrOfArgb(a) === bgrOfArgb(b));

/**
 * Journaled fills put back, the cells of one sheet and one fill as unions where this build
 * honours them (writeAreas). `known`: the cells' fills as the run read them (by cellKey).
 */
export function restoreFills(ws: (name: string) => EtWorksheet, cells: { sheet: string; cell: string; fill: string | null }[], unions: UnionSupport, known: Map<string, string | null> | null): void {
  for (const [, same] of groupBy(cells, (c) => `${c.sheet}\u0000${c.fill ?? ""}`)) {
    const { sheet, fill } = same[0];
    const at = same.map((c) => parseA1(c.cell)).filter((p): p is { row: number; col: number } => p !== null);
    writeAreas(ws(sheet), unions, runsOf(at), {
      set: (r) => restoreFillEt(r, fill),
      holds: (row, col) => {
        const key = cellKey(sheet, a1(row, col));
        return known?.has(key) ? sameFill(known.get(key)!, fill) : undefined;
      },
      reached: (r) => (fill ? r.Interior.Color === bgrOfArgb(fill) : r.Interior.Pattern === XL.none),
    });
  }
}

/**
 * The plan's cell writes with few calls: a formula cell by cell (its
 * relative references are its own); constants by runs of neighbours in one
 * column or row as one 2-D block (Formula takes an array of the range's
 * shape [M excel.range.formula]), their number format once per run.
 */
export function writeCells(ws: (name: string) => EtWorksheet, writes: { sheet: string; row: number; col: number; formula: string | null; value: unknown; numFmt: string | null }[]): void {
  const singles = writes.filter((w) => w.formula !== null);
  const constants = writes.filter((w) => w.formula === null);
  for (const w of singles) {
    const range = ws(w.sheet).Range(a1(w.row, w.col));
    range.Formula = cellInput(w.formula, w.value);
    if (w.numFmt) range.NumberFormat = w.numFmt;
  }
  for (const [, same] of groupBy(constants, (w) => `${w.sheet}\u0000${w.numFmt ?? ""}`)) {
    const at = new Map(same.map((w) => [a1(w.row, w.col), w]));
    for (const run of runsOf(same)) {
      const area = parseRangeA1(run)!;
      const block: unknown[][] = [];
      for (let row = area.top; row <= area.bottom; row++) {
        const line: unknown[] = [];
        for (let col = area.left; col <= area.right; col++) line.push(cellInput(null, at.get(a1(row, col))!.value));
        block.push(line);
      }
      const range = ws(same[0].sheet).Range(run);
      range.Formula = block.length === 1 && block[0].length === 1 ? block[0][0] : block;
      if (same[0].numFmt) range.NumberFormat = same[0].numFmt;
    }
  }
}

/** A cell's value or formula as the plan gives it ("=" formula; text kept as text, see asText). */
export function cellInput(formula: string | null, value: unknown): unknown {
  return formula ? `=${formula}` : typeof value === "string" ? asText(value) : (value ?? "");
}

/** Write the journal where it lives, first of all writes: should a later write fail, 撤销 undoes what went before. */
export function writeJournal(wb: EtWorkbook, read: EtRead, journal: Journal, home: JournalHome, ws: (name: string) => EtWorksheet): void {
  const parts = wb.CustomXMLParts;
  const existing = () => parts.SelectByNamespace(JOURNAL_NS);
  if (home === "part") {
    // A custom XML part has no setter of its text in ET [E]: the old part goes, the new one comes.
    if (read.journalSource === "part") existing().Item(1).Delete();
    parts.Add(journalToXml(journal));
    return;
  }
  const chunks = serializeJournal(journal).map((c) => [asText(c)]);
  const name = findSheetName(read, JOURNAL_SHEET);
  if (name) {
    const sheet = ws(name);
    const old = read.usedRanges.get(name);
    if (old) sheet.Range(old).Clear();
    sheet.Range(`A1:A${chunks.length}`).Value2 = chunks;
  } else {
    const sheets = wb.Worksheets;
    const sheet = sheets.Add(undefined, sheetItem(sheets, countOf(sheets)));
    sheet.Name = JOURNAL_SHEET;
    sheet.Range(`A1:A${chunks.length}`).Value2 = chunks;
    sheet.Visible = XL.veryHidden;
  }
  // The journal moved out of a part (a workbook checked in Excel): the part goes, so only one journal remains.
  if (read.journalSource === "part") existing().Item(1).Delete();
}

function notesManagedEt(read: EtRead, sheet: string): boolean {
  const ours = [...read.notesPresent].filter((k) => k.startsWith(`${sheet}!`)).length;
  return (read.noteCounts?.get(sheet) ?? 0) === ours;
}

/**
 * Apply a plan in WPS: the same decisions as the Office adapter
 * (src/adapters/office/applyPlan.ts) — journal moved to where its cells are,
 * stale marks given back, notes only where every note of the sheet is ours
 * and only while ours reads as we wrote it — made with ET calls, each a
 * synchronous round trip: the fills of the cells about to be marked are read
 * one by one (only those), everything else is written cell by cell or, for
 * 「核查结果」, in one block.
 */
export function applyPlanEt(app: EtApplication, plan: Plan, read: EtRead, options: EtApplyOptions = {}): ApplyOutcome {
  const home = options.journalHome ?? DEFAULT_JOURNAL_HOME;
  // The journal moved to where its cells are now, the stale marks, each planned cell's kind and every
  // note operation: decided as in Excel (adapters/shared/applyDecisions.ts).
  const start = startApply(plan, read, currentFromRead(read), cellKey, splitCellKey);
  const { rebased, old, stale, kinds, grids, noteTexts } = start;
  assertNotReadOnly(read);
  assertWritable(plan, read, stale);

  const managed = new Map<string, boolean>();
  const canNote = (sheet: string) => {
    if (!managed.has(sheet)) managed.set(sheet, notesManagedEt(read, sheet));
    return managed.get(sheet)!;
  };
  const { noteOps, notesKept, journalNotes } = decideNotes(plan, start, cellKey, { notes: true, canNote, free: new Set() });
  const resultsName = findSheetName(read, plan.results.name);

  const wb = app.ActiveWorkbook;
  const sheets = wb.Worksheets;
  const ws = sheetCache(sheets);
  // The fills of cells about to be marked for the first time: the only cells read one by one here.
  const fills = new Map(read.fills ?? []);
  const unknown = [...kinds.values()].filter((t) => t.kind !== "value" && !fills.has(cellKey(t.sheet, a1(t.row, t.col))) && !old?.cells.some((c) => c.sheet === t.sheet && c.cell === a1(t.row, t.col)));
  for (const name of new Set(unknown.map((t) => t.sheet))) {
    for (const [addr, fill] of readFills(ws(name), unknown.filter((t) => t.sheet === name))) fills.set(cellKey(name, addr), fill);
  }
  const captured = [...kinds.values()].map((t): JournalCell => {
    const cell = grids.get(t.sheet)?.raw(t.row, t.col) ?? null;
    const addr = a1(t.row, t.col);
    return { sheet: t.sheet, cell: addr, value: cell ? (cell.error ?? cell.value) : null, formula: cell?.formula ?? null, numFmt: read.numberFormats.get(cellKey(t.sheet, addr)) ?? null, fill: fills.get(cellKey(t.sheet, addr)) ?? null, note: null, touched: t.kind };
  });
  const written = plan.writes.filter((w) => w.formula === null).map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value }));
  const noted = new Set(noteOps.filter((o) => o.op !== "delete").map((o) => cellKey(o.sheet, o.cell)));
  const deleted = new Set(noteOps.filter((o) => o.op === "delete").map((o) => cellKey(o.sheet, o.cell)));
  const wrote = wroteByPlan(plan, stale, (sheet, cell) => (noted.has(cellKey(sheet, cell)) ? true : !deleted.has(cellKey(sheet, cell)) && notedBefore(old, sheet, cell) ? "unchanged" : false));
  const sheetsNow = read.snapshot.sheets.filter((s) => s.name !== JOURNAL_SHEET).map((s) => ({ name: s.name }));
  const journal = { ...mergeJournal(old, { captured, createdSheets: resultsName ? [] : [plan.results.name], written, wrote, sheets: sheetsNow }), notes: journalNotes };
  writeJournal(wb, read, journal, home, ws);

  restoreFills(ws, stale.map((c) => ({ sheet: c.sheet, cell: c.cell, fill: c.fill })), read.unions, fills);
  writeCells(ws, plan.writes);
  // Fills by tone: every cell of one tone on a sheet is one union (runs of neighbours joined by commas), one call for many cells, where the build honours unions.
  for (const [, marks] of groupBy(plan.marks, (m) => `${m.sheet}\u0000${m.tone}`)) {
    const { sheet } = marks[0];
    const bgr = bgrOfArgb(MARK_FILL[marks[0].tone]);
    writeAreas(ws(sheet), read.unions, runsOf(marks), {
      set: (r) => void (r.Interior.Color = bgr),
      holds: (row, col) => {
        const key = cellKey(sheet, a1(row, col));
        return fills.has(key) ? sameFill(fills.get(key)!, MARK_FILL[marks[0].tone]) : undefined;
      },
      reached: (r) => r.Interior.Color === bgr,
    });
  }
  // A note that already reads so is left alone: no write, no undo step.
  const textNow = new Map(noteTexts);
  for (const o of noteOps) {
    const key = cellKey(o.sheet, o.cell);
    if (o.op === "update" && textNow.get(key) === o.text) continue;
    const range = ws(o.sheet).Range(o.cell);
    if (o.op === "delete") range.Comment?.Delete();
    else if (o.op === "update") range.Comment!.Text(o.text!);
    else range.AddComment(o.text!);
    textNow.set(key, o.text ?? "");
  }
  const results = writeResults(sheets, plan.results, resultsName ? ws(resultsName) : null, read, read.unions);
  // Worksheets.Add activates the new sheet [M]: the clerk stays where they were, unless the ribbon asks to show the results.
  if (options.activateResults) results.Activate();
  else reactivate(ws, read);
  const skipped = [...new Set(plan.marks.map((m) => m.sheet))].filter((s) => !canNote(s));
  const names = [...read.shape.sheets.map((s) => s.name), ...(resultsName ? [] : [plan.results.name])];
  return {
    written: plan.writes.length,
    marked: plan.marks.length,
    notesSkipped: skipped,
    notesKept,
    fillsUnknown: false,
    journalDropped: droppedLines(rebased?.dropped ?? []),
    shape: { ...read.shape, sheets: names.map((n) => read.shape.sheets.find((s) => s.name === n) ?? { name: n, area: null }), journal: home === "part", journalNotes },
  };
}

/** The sheet the clerk had open, active again (a sheet added by the run took its place). */
export function reactivate(ws: (name: string) => EtWorksheet, read: EtRead): void {
  const name = read.activeSheet;
  const s = name ? read.snapshot.sheets.find((x) => x.name === name) : null;
  if (s && s.visibility === "visible") ws(s.name).Activate();
}

const resultsBlock = (r: ResultsSheet) => ({ rows: Math.max(...r.cells.map((c) => c.row)) + 1, cols: Math.max(...r.cells.map((c) => c.col)) + 1 });

/**
 * 「核查结果」 in WPS: one block write of values and HYPERLINK formulas, number
 * formats per cell that has one, bold and wrapped text by runs, column widths
 * in characters (ET's ColumnWidth unit [M excel.range.columnwidth], where
 * Office.js takes points), row heights in points. Page setup is not applied
 * (not in the ET members used yet).
 */
function writeResults(sheets: EtSheets, r: ResultsSheet, existing: EtWorksheet | null, read: EtRead, unions: UnionSupport): EtWorksheet {
  let sheet: EtWorksheet;
  if (existing) {
    sheet = existing;
    const old = read.usedRanges.get(findSheetName(read, r.name)!);
    if (old) sheet.Range(old).Clear();
  } else {
    sheet = sheets.Add(undefined, sheetItem(sheets, countOf(sheets)));
    sheet.Name = r.name;
  }
  const { rows, cols } = resultsBlock(r);
  const block: unknown[][] = Array.from({ length: rows }, () => Array<unknown>(cols).fill(""));
  for (const c of r.cells) {
    if (c.link) {
      const target = `#'${c.link.sheet.replace(/'/g, "''")}'!${c.link.cell}`.replace(/"/g, '""');
      block[c.row][c.col] = `=HYPERLINK("${target}","${String(c.value).replace(/"/g, '""')}")`;
    } else block[c.row][c.col] = typeof c.value === "string" ? asText(c.value) : c.value;
  }
  sheet.Range(`A1:${a1(rows - 1, cols - 1)}`).Formula = block;
  // Formats as unions (one range per format, whatever its areas) where the build honours them: a few calls for the whole sheet.
  // The sheet is new or cleared (Range.Clear clears formats [M excel.range.clear]): its cells are General, not bold, not wrapped; widths and heights are not known.
  const write = (areas: string[], set: (x: EtRange) => void, reached: (x: EtRange) => boolean, holds: boolean | undefined = false) => writeAreas(sheet, unions, areas, { set, reached, holds: () => holds });
  for (const [fmt, cells] of groupBy(r.cells.filter((c) => c.numFmt), (c) => c.numFmt!)) write(runsOf(cells), (x) => void (x.NumberFormat = fmt), (x) => x.NumberFormat === fmt, fmt === "General");
  write(runsOf(r.cells.filter((c) => c.bold)), (x) => void (x.Font.Bold = true), (x) => x.Font.Bold === true);
  for (const [w, cols] of groupBy(r.columnWidths.map((w, i) => ({ w, row: 0, col: i })), (c) => c.w)) write(runsOf(cols), (x) => void (x.ColumnWidth = w), (x) => x.ColumnWidth === w, undefined);
  const wrapped = runsOf(r.cells.filter((c) => c.wrap));
  write(wrapped, (x) => ((x.WrapText = true), (x.VerticalAlignment = XL.vAlignTop), undefined), (x) => x.WrapText === true);
  for (const [points, rows] of groupBy(r.rowHeights ?? [], (h) => h.points)) write(rows.map((h) => a1(h.row, 0)), (x) => void (x.RowHeight = points), (x) => x.RowHeight === points, undefined);
  return sheet;
}
