import { JOURNAL_SHEET } from "../../engine/check";
import type { Journal, JournalCell } from "../../engine/journal";
import { rebaseJournal } from "../../engine/undo/rebase";
import { undoLines } from "../../engine/undo/messages";
import { locateJournal, planUndo, type KeptCell, type UndoPlan } from "../../engine/undo/plan";
import { asText, findSheetName, patternToRestore, restoreFill } from "./applyPlan";
import { currentFromRead, readJournaledCells } from "./journaledCells";
import { dropExtraParts, JOURNAL_NS, writeJournal } from "./journalPart";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { readWorkbook, type WorkbookRead, type WorkbookShape } from "./readWorkbook";

export interface UndoOutcome {
  undone: boolean;
  /** Cells left as a person changed them since the check, and why. */
  kept: KeptCell[];
  /** What was and was not restored, one line each (undoLines). */
  lines: string[];
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
 * 「撤销本次修改」: the engine's undo plan (src/engine/undo/plan.ts) says which
 * journaled cells still hold what the add-in wrote, and where they are now
 * (a renamed sheet, rows inserted since); only those are put back (value,
 * formula, number format, fill, note), what a person changed since is kept and
 * listed, and what the add-in created is removed. Works after save and reopen,
 * on any Excel version. Not an undo group: deleting sheets is not undoable in
 * Excel, and this is itself the undo.
 * A file checked by the command line carries its journal in a very hidden sheet;
 * Worksheet.delete fails on a very hidden sheet with InvalidOperation, so it is
 * made hidden first, in the same batch (the page's own advice):
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
 * The journal part goes last: should the batch stop midway, 撤销 can run again.
 */
export async function undoInExcel(api: OfficeApi, shape?: WorkbookShape | null): Promise<UndoOutcome> {
  const read = await readWorkbook(api, shape);
  const j = read.journal;
  if (!j) return { undone: false, shape: read.shape, kept: [], lines: [] };
  const source = read.journalSource === "sheet" ? "sheet" : "part";
  const sheets = currentFromRead(read);
  const journalSheet = findSheetName(read, JOURNAL_SHEET);
  let plan: UndoPlan | null = null;
  await api.run(null, async (context) => {
    // One batch reads our cells where the engine finds them; the next puts back what its plan says.
    await readJournaledCells(api, context, j, locateJournal(j, { sheets, source }), sheets);
    const p = (plan = planUndo(j, { sheets, source }));
    assertUndoable(read, [...new Set(p.restore.map((r) => r.sheet))], p.removeSheets.length > 0 || journalSheet !== null);
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    for (const r of p.restore) {
      const range = ws(r.sheet).getRange(r.cell);
      if (r.value) {
        const v = r.value;
        range.formulas = [[v.formula ? `=${v.formula}` : typeof v.value === "string" ? asText(v.value) : (v.value ?? "")]] as unknown as string[][];
        range.numberFormat = [[v.numFmt ?? "General"]];
      }
      if (r.fill) restoreFill(range, r.fill.fill, patternToRestore(api, r.original));
      // The plan takes a note away only where the read above found it, reading as we wrote it.
      if (r.note && has(api, "notes")) {
        if (r.note.text === null) ws(r.sheet).notes.getItem(r.cell).delete();
        else ws(r.sheet).notes.getItem(r.cell).content = r.note.text;
      }
    }
    for (const name of p.removeSheets) ws(name).delete();
    if (journalSheet) {
      const sheet = ws(journalSheet);
      if (read.snapshot.sheets.find((s) => s.name === journalSheet)?.visibility === "veryHidden") sheet.visibility = "Hidden";
      sheet.delete();
    }
    if (read.journalSource === "part") {
      const parts = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS);
      if (read.journalIds) for (const id of read.journalIds) parts.getItem(id).delete();
      else parts.getOnlyItem().delete();
    }
    await context.sync();
  });
  const done = plan as UndoPlan | null;
  const gone = new Set([...(done?.removeSheets ?? []), ...(journalSheet ? [journalSheet] : [])]);
  return {
    undone: true,
    shape: { ...read.shape, sheets: read.shape.sheets.filter((s) => !gone.has(s.name)), journal: false, journalIds: undefined, journalNotes: [] },
    kept: done?.kept ?? [],
    lines: done ? undoLines(done) : [],
  };
}

export interface ClearOutcome {
  cells: number;
  shape: WorkbookShape;
}

/**
 * 「清除标记」: fills and notes back as they were; values stay. The engine's
 * undo plan decides, as for 撤销: a fill or note comes back only while it is
 * still ours (where our cells are now: a renamed sheet, rows inserted); a
 * person's recolouring and our note a reviewer edited stay, and stay in the
 * journal, for 撤销 to list.
 */
export async function clearMarksInExcel(api: OfficeApi, shape?: WorkbookShape | null): Promise<ClearOutcome> {
  const read = await readWorkbook(api, shape);
  const j = read.journal;
  if (!j || !has(api, "customXml")) return { cells: 0, shape: read.shape };
  const source = read.journalSource === "sheet" ? "sheet" : "part";
  const sheets = currentFromRead(read);
  let cleared = 0;
  let notesLeft: string[] = [];
  await api.run(has(api, "undoGroup") ? { mergeUndoGroup: true } : null, async (context) => {
    await readJournaledCells(api, context, j, locateJournal(j, { sheets, source }), sheets);
    const now = { sheets, source } as const;
    const located = locateJournal(j, now);
    const { journal: here } = rebaseJournal(j, located, now);
    const plan = planUndo(here, now);
    const marks = plan.restore.filter((r) => r.fill || r.note);
    assertUndoable(read, [...new Set(marks.map((r) => r.sheet))], false);
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    // What was cleared leaves the journal's marks; what was kept stays in it.
    const done = new Map(marks.map((r) => [`${r.sheet}!${r.cell}`, r]));
    const cells = here.cells.flatMap((c): JournalCell[] => {
      const r = done.get(`${c.sheet}!${c.cell}`);
      if (!r || c.touched === "value" || !r.fill) return [c];
      // Our note a reviewer edited stays on the cell: its record stays, the fill now its own.
      if (!r.note && c.wrote?.noteHash) return [{ ...c, wrote: { ...c.wrote, fill: c.fill } }];
      if (c.touched === "mark") return [];
      const { fill: _f, noteHash: _n, ...wrote } = c.wrote ?? {};
      return [{ ...c, touched: "value", ...(c.wrote ? { wrote } : {}) }];
    });
    notesLeft = (here.notes ?? []).filter((k) => !done.get(k)?.note);
    const next: Journal = { ...here, cells, notes: notesLeft };
    // The journal first, as in applyPlan; a file checked by the command line gets the add-in's part.
    await writeJournal(context, read, next);
    for (const r of marks) {
      if (r.fill) restoreFill(ws(r.sheet).getRange(r.cell), r.fill.fill, patternToRestore(api, r.original));
      if (r.note && r.note.text === null && has(api, "notes")) ws(r.sheet).notes.getItem(r.cell).delete();
    }
    cleared = marks.filter((r) => r.fill).length;
    await context.sync();
  });
  await dropExtraParts((batch) => api.run(null, batch), read.journalIds);
  return { cells: cleared, shape: { ...read.shape, journal: true, journalIds: undefined, journalNotes: notesLeft } };
}

/** What a click on a finding selected: every area, or (below ExcelApi 1.9) the first and the rest by name. */
export interface Selected {
  selected: string;
  /** Areas that could not be selected with the first (this Excel has no RangeAreas). */
  others: string[];
}

/** A finding on a hidden sheet: said, not selected (hiddenSheet). */
export function hiddenSheetError(sheet: string, range: string, visibility: string): AddinError {
  const how = visibility === "VeryHidden" ? "它被设为深度隐藏，只能用宏或加载项重新显示" : "如需查看，请在工作表标签上右键 › 取消隐藏，再点此项";
  return new AddinError(`该表已隐藏：工作表“${sheet}”不显示，无法选中 ${range}（${how}）。问题说明见「核查结果」。`, `sheet "${sheet}" is ${visibility}; ${range} not selected`);
}

/**
 * Select a finding's cells (and show its sheet): no change to the workbook. A scattered finding
 * ("I15:I17,I19,I21") is one RangeAreas selection where Excel has it (Worksheet.getRanges,
 * ExcelApi 1.9); below that, its first area, and the caller says where the others are.
 * A hidden sheet is never activated (Excel's pages do not say that works; VBA fails: see the
 * host's guardShown): its visibility is read first (Worksheet.visibility, ExcelApi 1.1), and the
 * clerk is told 「该表已隐藏」 instead (an AddinError, shown as any other).
 */
export async function selectCellInExcel(api: OfficeApi, sheet: string, range: string): Promise<Selected> {
  const areas = range.split(",").map((a) => a.trim()).filter(Boolean);
  const all = areas.length > 1 && has(api, "rangeAreas");
  await api.run(null, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.load("visibility");
    await context.sync();
    if (ws.visibility !== "Visible") throw hiddenSheetError(sheet, range, ws.visibility);
    ws.activate();
    if (all) ws.getRanges(areas.join(",")).select();
    else ws.getRange(areas[0]).select();
    await context.sync();
  });
  return all ? { selected: areas.join(","), others: [] } : { selected: areas[0], others: areas.slice(1) };
}
