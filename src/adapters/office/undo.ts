import { JOURNAL_SHEET } from "../../engine/check";
import type { Journal } from "../../engine/journal";
import { asText, findSheetName, notesManaged, restoreFill, splitCellKey } from "./applyPlan";
import { journalToXml, JOURNAL_NS } from "./journalPart";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { readWorkbook, type WorkbookRead, type WorkbookShape } from "./readWorkbook";

export interface UndoOutcome {
  undone: boolean;
  /** The workbook's shape afterwards, for the next read. */
  shape: WorkbookShape;
}

/** Nothing is written when a sheet to restore is protected, or sheets must go from a protected structure. */
function assertUndoable(read: WorkbookRead, sheets: string[], removesSheets: boolean): void {
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
 * 「撤销本次修改」: put back every cell the add-in changed (value, formula,
 * number format, fill, note) from the journal kept in the workbook, and remove
 * what it created. Works after save and reopen, on any Excel version. Not an
 * undo group: deleting sheets is not undoable in Excel, and this is itself the undo.
 * A file checked by the command line carries its journal in a very hidden sheet;
 * Worksheet.delete fails on a very hidden sheet with InvalidOperation, so it is
 * made hidden first, in the same batch (the page's own advice):
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
 * The journal part goes last: should the batch stop midway, 撤销 can run again.
 */
export async function undoInExcel(api: OfficeApi, shape?: WorkbookShape | null): Promise<UndoOutcome> {
  const read = await readWorkbook(api, shape);
  const j = read.journal;
  if (!j) return { undone: false, shape: read.shape };
  const present = new Set(read.snapshot.sheets.map((s) => s.name));
  const created = j.createdSheets.map((n) => findSheetName(read, n)).filter((n): n is string => n !== null);
  const journalSheet = findSheetName(read, JOURNAL_SHEET);
  assertUndoable(read, [...new Set(j.cells.map((c) => c.sheet))].filter((s) => !created.includes(s)), created.length > 0 || journalSheet !== null);
  await api.run(null, async (context) => {
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    const cliNotes = read.journalSource === "sheet" && has(api, "notes") ? await notesOfCli(context, j, present) : null;
    for (const c of j.cells) {
      if (!present.has(c.sheet) || created.includes(c.sheet)) continue;
      const range = ws(c.sheet).getRange(c.cell);
      if (c.touched !== "mark") {
        range.formulas = [[c.formula ? `=${c.formula}` : typeof c.value === "string" ? asText(c.value) : (c.value ?? "")]] as unknown as string[][];
        range.numberFormat = [[c.numFmt ?? "General"]];
      }
      if (c.touched !== "value") restoreFill(range, c.fill);
    }
    for (const key of read.notesPresent) {
      const [sheet, cell] = splitCellKey(key);
      if (!created.includes(sheet) && notesManaged(api, read, sheet)) ws(sheet).notes.getItem(cell).delete();
    }
    if (cliNotes) restoreCliNotes(ws, j, cliNotes);
    for (const name of created) ws(name).delete();
    if (journalSheet) {
      const sheet = ws(journalSheet);
      if (read.snapshot.sheets.find((s) => s.name === journalSheet)?.visibility === "veryHidden") sheet.visibility = "Hidden";
      sheet.delete();
    }
    if (read.journalSource === "part") context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItem().delete();
    await context.sync();
  });
  const gone = new Set([...created, ...(journalSheet ? [journalSheet] : [])]);
  return { undone: true, shape: { ...read.shape, sheets: read.shape.sheets.filter((s) => !gone.has(s.name)), journal: false, journalNotes: [] } };
}

/**
 * The command line puts a note on every cell it marks and journals the note that
 * was there before (JournalCell.note). Which of those notes still exist is read
 * first (getItemOrNullObject, ExcelApi 1.18), one more sync, so getItem is never
 * called on a note a person has since deleted.
 */
async function notesOfCli(context: Excel.RequestContext, j: Journal, present: Set<string>): Promise<Set<string>> {
  const probes = j.cells
    .filter((c) => c.touched !== "value" && present.has(c.sheet))
    .map((c): [string, Excel.Note] => [`${c.sheet}!${c.cell}`, context.workbook.worksheets.getItem(c.sheet).notes.getItemOrNullObject(c.cell).load("content")]);
  if (!probes.length) return new Set();
  await context.sync();
  return new Set(probes.filter(([, n]) => !n.isNullObject).map(([k]) => k));
}

/** Put back the notes of cells the command line marked: the person's own text, or none. */
function restoreCliNotes(ws: (name: string) => Excel.Worksheet, j: Journal, existing: Set<string>): void {
  for (const c of j.cells) {
    const key = `${c.sheet}!${c.cell}`;
    if (c.touched === "value" || !existing.has(key)) continue;
    if (c.note) ws(c.sheet).notes.getItem(c.cell).content = c.note;
    else ws(c.sheet).notes.getItem(c.cell).delete();
  }
}

export interface ClearOutcome {
  cells: number;
  shape: WorkbookShape;
}

/** 「清除标记」: fills and notes back as they were; values stay. */
export async function clearMarksInExcel(api: OfficeApi, shape?: WorkbookShape | null): Promise<ClearOutcome> {
  const read = await readWorkbook(api, shape);
  const j = read.journal;
  if (!j || !has(api, "customXml")) return { cells: 0, shape: read.shape };
  const present = new Set(read.snapshot.sheets.map((s) => s.name));
  const marked = j.cells.filter((c) => c.touched !== "value" && present.has(c.sheet));
  assertUndoable(read, [...new Set(marked.map((c) => c.sheet))], false);
  const kept: string[] = [];
  const removed: string[] = [];
  for (const key of read.notesPresent) (notesManaged(api, read, splitCellKey(key)[0]) ? removed : kept).push(key);
  await api.run(has(api, "undoGroup") ? { mergeUndoGroup: true } : null, async (context) => {
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    const next: Journal = { ...j, cells: j.cells.filter((c) => c.touched !== "mark").map((c) => ({ ...c, touched: "value" as const })), notes: kept };
    // The journal first, as in applyPlan; a file checked by the command line gets the add-in's part.
    if (read.journalSource === "part") context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItem().setXml(journalToXml(next));
    else context.workbook.customXmlParts.add(journalToXml(next));
    for (const c of marked) restoreFill(ws(c.sheet).getRange(c.cell), c.fill);
    for (const key of removed) {
      const [sheet, cell] = splitCellKey(key);
      ws(sheet).notes.getItem(cell).delete();
    }
    await context.sync();
  });
  return { cells: marked.length, shape: { ...read.shape, journal: true, journalNotes: kept } };
}

/** What a click on a finding selected: every area, or (below ExcelApi 1.9) the first and the rest by name. */
export interface Selected {
  selected: string;
  /** Areas that could not be selected with the first (this Excel has no RangeAreas). */
  others: string[];
}

/**
 * Select a finding's cells (and show its sheet): no change to the workbook. A scattered finding
 * ("I15:I17,I19,I21") is one RangeAreas selection where Excel has it (Worksheet.getRanges,
 * ExcelApi 1.9); below that, its first area, and the caller says where the others are.
 */
export async function selectCellInExcel(api: OfficeApi, sheet: string, range: string): Promise<Selected> {
  const areas = range.split(",").map((a) => a.trim()).filter(Boolean);
  const all = areas.length > 1 && has(api, "rangeAreas");
  await api.run(null, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    if (all) ws.getRanges(areas.join(",")).select();
    else ws.getRange(areas[0]).select();
    await context.sync();
  });
  return all ? { selected: areas.join(","), others: [] } : { selected: areas[0], others: areas.slice(1) };
}
