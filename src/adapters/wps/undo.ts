import { a1, parseA1 } from "../../engine/address";
import { JOURNAL_SHEET } from "../../engine/check";
import { Grid } from "../../engine/grid";
import type { Journal } from "../../engine/journal";
import { noteIsOurs } from "../../engine/undo/expect";
import { undoLines } from "../../engine/undo/messages";
import { locateJournal, planUndo, type CurrentSheet, type UndoPlan } from "../../engine/undo/plan";
import { findSheetName, splitCellKey } from "../office/applyPlan";
import { currentFromRead } from "../office/journaledCells";
import { JOURNAL_NS } from "../office/journalPart";
import { AddinError } from "../office/officeApi";
import { cellKey } from "../office/readWorkbook";
import type { ClearOutcome, UndoOutcome } from "../office/undo";
import { etApplicationOf } from "./app";
import { assertNotReadOnly, cellInput, reactivate, restoreFills, sheetCache, writeJournal, DEFAULT_JOURNAL_HOME, type JournalHome } from "./applyPlan";
import { groupBy } from "./unions";
import { writeAreas, type UnionSupport } from "./unionSupport";
import { runsOf } from "./app";
import type { EtApplication, EtWorksheet } from "./etApi";
import { XL } from "./etApi";
import type { EtHostRef } from "./recalculate";
import { fillOf, readWorkbookEt, type EtRead } from "./readWorkbook";
import { withSpeed } from "./session";

/**
 * Our notes taken away, by unions of their cells where the build honours them
 * (Range.ClearComments clears every comment of a range: excel.range.clearcomments): one
 * call for many. Every cell given has our note (read by the run), so any may show whether
 * a union's clear reached it.
 */
function clearNotes(ws: (name: string) => EtWorksheet, cells: { sheet: string; cell: string }[], unions: UnionSupport): void {
  for (const [sheet, same] of groupBy(cells, (c) => c.sheet)) {
    const at = same.map((c) => parseA1(c.cell)).filter((p): p is { row: number; col: number } => p !== null);
    writeAreas(ws(sheet), unions, runsOf(at), { set: (r) => r.ClearComments(), holds: () => false, reached: (r) => r.Comment === null });
  }
}

/** Nothing is written when a sheet to restore is protected, or sheets must go from a protected structure. */
function assertUndoable(read: EtRead, sheets: string[], removesSheets: boolean): void {
  assertNotReadOnly(read);
  for (const s of read.snapshot.sheets) {
    if (s.protected && sheets.includes(s.name)) {
      throw new AddinError(`工作表“${s.name}”受保护，无法恢复。请在“审阅 › 撤消工作表保护”后重试；本次未做任何修改。`, `sheet "${s.name}" is protected; nothing was undone`, "protected");
    }
  }
  if (removesSheets && read.workbookProtected) {
    throw new AddinError("工作簿结构受保护，无法删除核算助手添加的工作表。请在“审阅 › 保护工作簿”中撤消保护后重试；本次未做任何修改。", "workbook structure is protected; nothing was undone", "protected");
  }
}

/**
 * The journaled cells as they are now, where the engine locates them: values,
 * formulas and number formats from the block read; fill and note of each
 * marked cell read one by one (Interior, Comment), the only per-cell reads.
 */
function currentCells(read: EtRead, j: Journal, source: "part" | "sheet", ws: (name: string) => EtWorksheet): CurrentSheet[] {
  const sheets = currentFromRead(read);
  const located = locateJournal(j, { sheets, source });
  const where = new Map(located.filter((l) => l.status === "found" && l.sheet).map((l) => [l.journalName, l]));
  const grids = new Map(read.snapshot.sheets.map((s) => [s.name, new Grid(s)]));
  const notes = new Set(read.shape.journalNotes.filter((k) => read.snapshot.sheets.some((s) => k.startsWith(`${s.name}!`))));
  for (const c of j.cells) {
    const l = where.get(c.sheet);
    const p = parseA1(c.cell);
    if (!l || !p || p.row + l.rows < 0 || p.col + l.cols < 0) continue;
    const row = p.row + l.rows, col = p.col + l.cols, addr = a1(row, col);
    const s = sheets.find((x) => x.name === l.sheet)!;
    const cell = grids.get(s.name)?.raw(row, col) ?? null;
    const base = { value: cell ? (cell.error ?? cell.value) : null, formula: cell?.formula ?? null, numFmt: read.numberFormats.get(cellKey(s.name, addr)) ?? null };
    if (c.touched === "value") {
      s.cells[addr] = { ...base, fill: s.cells[addr]?.fill ?? null };
      continue;
    }
    // The reader has already read the fills of the journal's marked cells and the notes of its noted ones: asked again only where rows moved or a cell was not listed.
    const key = cellKey(s.name, addr);
    const knownFill = read.fills?.has(key);
    const knownNote = notes.has(key);
    const range = knownFill && knownNote ? null : ws(s.name).Range(addr);
    const comment = knownNote ? null : range!.Comment;
    s.cells[addr] = { ...base, fill: knownFill ? read.fills!.get(key)! : fillOf(range!), note: knownNote ? (read.notesPresent.has(key) ? read.noteTexts.get(key)! : null) : comment ? comment.Text() : null };
  }
  return sheets;
}

/**
 * 「撤销本次修改」 in WPS: the engine's undo plan (src/engine/undo/plan.ts)
 * decides, as for Excel and the command line; only what still holds what we
 * wrote is put back, what a person changed since is kept and listed, and what
 * the add-in created is removed (the journal's sheet shown first, then
 * deleted; alerts off, see session.ts).
 */
export async function undo(host: EtHostRef): Promise<UndoOutcome> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => undoEt(app));
}

function undoEt(app: EtApplication): UndoOutcome {
  const read = readWorkbookEt(app);
  const j = read.journal;
  if (!j) return { undone: false, shape: read.shape, kept: [], lines: [] };
  const source = read.journalSource === "sheet" ? "sheet" : "part";
  const wb = app.ActiveWorkbook;
  const ws = sheetCache(wb.Worksheets);
  const plan: UndoPlan = planUndo(j, { sheets: currentCells(read, j, source, ws), source });
  const journalSheet = findSheetName(read, JOURNAL_SHEET);
  assertUndoable(read, [...new Set(plan.restore.map((r) => r.sheet))], plan.removeSheets.length > 0 || journalSheet !== null);
  // Values cell by cell; fills, and our notes taken away, by unions of the cells that share them (a few calls for many cells).
  const fills: { sheet: string; cell: string; fill: string | null }[] = [];
  const cleared: { sheet: string; cell: string }[] = [];
  for (const r of plan.restore) {
    if (r.value) {
      const range = ws(r.sheet).Range(r.cell);
      range.Formula = cellInput(r.value.formula, r.value.value);
      range.NumberFormat = r.value.numFmt ?? "General";
    }
    if (r.fill) fills.push({ sheet: r.sheet, cell: r.cell, fill: r.fill.fill });
    if (r.note?.text === null) cleared.push(r);
    else if (r.note) ws(r.sheet).Range(r.cell).Comment?.Text(r.note.text);
  }
  restoreFills(ws, fills, read.unions, read.fills);
  clearNotes(ws, cleared, read.unions);
  for (const name of plan.removeSheets) ws(name).Delete();
  if (journalSheet) {
    const sheet = ws(journalSheet);
    // A very hidden sheet is shown (hidden) before it is deleted (the host refuses it otherwise; U in WPS).
    if (read.snapshot.sheets.find((s) => s.name === journalSheet)?.visibility === "veryHidden") sheet.Visible = XL.hidden;
    sheet.Delete();
  }
  if (read.journalSource === "part") wb.CustomXMLParts.SelectByNamespace(JOURNAL_NS).Item(1).Delete();
  if (!plan.removeSheets.includes(read.activeSheet ?? "")) reactivate(ws, read);
  const gone = new Set([...plan.removeSheets, ...(journalSheet ? [journalSheet] : [])]);
  return {
    undone: true,
    shape: { ...read.shape, sheets: read.shape.sheets.filter((s) => !gone.has(s.name)), journal: false, journalNotes: [] },
    kept: plan.kept,
    lines: undoLines(plan),
  };
}

/** 「清除标记」 in WPS: fills and our notes back as they were; values stay; the journal keeps the value entries. */
export async function clearMarks(host: EtHostRef, options: { journalHome?: JournalHome } = {}): Promise<ClearOutcome> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const read = readWorkbookEt(app);
    const j = read.journal;
    if (!j) return { cells: 0, shape: read.shape };
    const present = new Set(read.snapshot.sheets.map((s) => s.name));
    const marked = j.cells.filter((c) => c.touched !== "value" && present.has(c.sheet));
    assertUndoable(read, [...new Set(marked.map((c) => c.sheet))], false);
    const source = read.journalSource === "sheet" ? "sheet" : "part";
    const kept: string[] = [];
    const removed: string[] = [];
    for (const key of read.notesPresent) {
      const [sheet, cell] = splitCellKey(key);
      (noteIsOurs(j, j.cells.find((c) => c.sheet === sheet && c.cell === cell), read.noteTexts.get(key) ?? "", source) ? removed : kept).push(key);
    }
    const wb = app.ActiveWorkbook;
    const ws = sheetCache(wb.Worksheets);
    const next: Journal = { ...j, cells: j.cells.filter((c) => c.touched !== "mark").map((c) => ({ ...c, touched: "value" as const })), notes: kept };
    writeJournal(wb, read, next, options.journalHome ?? (read.journalSource === "part" ? "part" : DEFAULT_JOURNAL_HOME), ws);
    restoreFills(ws, marked.map((c) => ({ sheet: c.sheet, cell: c.cell, fill: c.fill })), read.unions, read.fills);
    clearNotes(ws, removed.map(splitCellKey).map(([sheet, cell]) => ({ sheet, cell })), read.unions);
    reactivate(ws, read);
    return { cells: marked.length, shape: { ...read.shape, journalNotes: kept } };
  });
}

/** Select a finding's cell: its sheet activated first (Range.Select works on the active sheet only [M]). No change to the workbook. */
export async function select(host: EtHostRef, sheet: string, cell: string): Promise<void> {
  const app = etApplicationOf(host);
  try {
    const ws = sheetCache(app.ActiveWorkbook.Worksheets)(sheet);
    ws.Activate();
    ws.Range(cell).Select();
  } catch (e) {
    // A sheet renamed, deleted or hidden since the check: say so instead of failing silently.
    throw new AddinError(`无法定位到“${sheet}!${cell}”：该工作表已被隐藏、改名或删除。请重新核算后再试。`, `select ${sheet}!${cell} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
