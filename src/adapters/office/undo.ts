import { JOURNAL_SHEET } from "../../engine/check";
import type { Journal } from "../../engine/journal";
import { asText, notesManaged, restoreFill, splitCellKey } from "./applyPlan";
import { journalToXml, JOURNAL_NS } from "./journalPart";
import { has, type OfficeApi } from "./officeApi";
import { readWorkbook } from "./readWorkbook";

/**
 * 「撤销本次修改」: put back every cell the add-in changed (value, formula,
 * number format, fill, note) from the journal kept in the workbook, and remove
 * what it created. Works after save and reopen, on any Excel version. Not an
 * undo group: deleting sheets is not undoable in Excel, and this is itself the undo.
 */
export async function undoInExcel(api: OfficeApi): Promise<boolean> {
  const read = await readWorkbook(api);
  const j = read.journal;
  if (!j) return false;
  await api.run(null, async (context) => {
    const present = new Set(read.snapshot.sheets.map((s) => s.name));
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    for (const c of j.cells) {
      if (!present.has(c.sheet)) continue;
      const range = ws(c.sheet).getRange(c.cell);
      if (c.touched !== "mark") {
        range.formulas = [[c.formula ? `=${c.formula}` : typeof c.value === "string" ? asText(c.value) : (c.value ?? "")]] as unknown as string[][];
        range.numberFormat = [[c.numFmt ?? "General"]];
      }
      if (c.touched !== "value") restoreFill(range, c.fill);
    }
    for (const key of j.notes ?? []) {
      const [sheet, cell] = splitCellKey(key);
      if (present.has(sheet) && notesManaged(api, read, j, sheet)) ws(sheet).notes.getItem(cell).delete();
    }
    for (const name of j.createdSheets) if (present.has(name)) ws(name).delete();
    if (read.journalSource === "part") context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItemOrNullObject().delete();
    if (present.has(JOURNAL_SHEET)) ws(JOURNAL_SHEET).delete();
    await context.sync();
  });
  return true;
}

/** 「清除标记」: fills and notes back as they were; values stay. Returns how many cells. */
export async function clearMarksInExcel(api: OfficeApi): Promise<number> {
  const read = await readWorkbook(api);
  const j = read.journal;
  if (!j || read.journalSource !== "part") return 0;
  const marked = j.cells.filter((c) => c.touched !== "value");
  await api.run(has(api, "undoGroup") ? { mergeUndoGroup: true } : null, async (context) => {
    const present = new Set(read.snapshot.sheets.map((s) => s.name));
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    for (const c of marked) {
      if (!present.has(c.sheet)) continue;
      restoreFill(ws(c.sheet).getRange(c.cell), c.fill);
    }
    const kept: string[] = [];
    for (const key of j.notes ?? []) {
      const [sheet, cell] = splitCellKey(key);
      if (present.has(sheet) && notesManaged(api, read, j, sheet)) ws(sheet).notes.getItem(cell).delete();
      else kept.push(key);
    }
    const next: Journal = { ...j, cells: j.cells.filter((c) => c.touched !== "mark").map((c) => ({ ...c, touched: "value" as const })), notes: kept };
    context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItemOrNullObject().setXml(journalToXml(next));
    await context.sync();
  });
  return marked.length;
}

/** Select a finding's cell (and show its sheet). */
export async function selectCellInExcel(api: OfficeApi, sheet: string, cell: string): Promise<void> {
  await api.run(null, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}
