import type ExcelJS from "exceljs";
import { JOURNAL_SHEET } from "../../engine/check";
import { mergeJournal, parseJournal, serializeJournal, staleMarks, type Journal, type JournalCell } from "../../engine/journal";
import { MARK_FILL, type Plan, type ResultsSheet } from "../../engine/plan";
import { snapshotCell } from "./readSnapshot";

function solidColor(fill: ExcelJS.Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return (fill.fgColor as { argb?: string } | undefined)?.argb ?? null;
}

function noteText(cell: ExcelJS.Cell): string | null {
  const n = cell.note as unknown;
  if (!n) return null;
  if (typeof n === "string") return n;
  const texts = (n as { texts?: { text?: string }[] }).texts;
  return texts ? texts.map((t) => t.text ?? "").join("") : null;
}

function capture(ws: ExcelJS.Worksheet, address: string, touched: JournalCell["touched"]): JournalCell {
  const cell = ws.getCell(address);
  const snap = snapshotCell(cell);
  return {
    sheet: ws.name,
    cell: address,
    value: snap ? (snap.error ?? snap.value) : null,
    formula: snap?.formula ?? null,
    numFmt: cell.numFmt ?? null,
    fill: solidColor(cell.fill),
    fillRaw: cell.fill ? JSON.parse(JSON.stringify(cell.fill)) : null,
    note: noteText(cell),
    touched,
  };
}

/**
 * Functions newer than Excel 2007 must carry the "_xlfn." prefix inside the
 * file format. The engine's formulas use none today; this keeps the rule in
 * one place should one be added.
 */
const FUTURE_FUNCTIONS = /(?<![A-Za-z_.])(NUMBERVALUE|IFS|SWITCH|CONCAT|TEXTJOIN)\(/g;
export function fileFormula(formula: string): string {
  return formula.replace(FUTURE_FUNCTIONS, "_xlfn.$1(");
}

/** Set a cell's style property on a copy: ExcelJS may share style objects between cells. */
function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill | null): void {
  const style = { ...cell.style };
  if (fill) style.fill = fill;
  else delete style.fill;
  cell.style = style;
}

/**
 * ExcelJS has no API to delete a note: drop the comment object, and the copy
 * a loaded cell keeps in its value model (written back on save otherwise).
 */
function setNote(cell: ExcelJS.Cell, note: string | null): void {
  if (note) {
    cell.note = note;
    return;
  }
  const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  delete inner._comment;
  if (inner._value?.model) delete inner._value.model.comment;
}

export function readJournal(wb: ExcelJS.Workbook): Journal | null {
  const ws = wb.getWorksheet(JOURNAL_SHEET);
  if (!ws) return null;
  const chunks: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === "string") chunks.push(v);
  }
  return parseJournal(chunks);
}

function writeJournal(wb: ExcelJS.Workbook, j: Journal): void {
  const old = wb.getWorksheet(JOURNAL_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(JOURNAL_SHEET, { state: "veryHidden" });
  serializeJournal(j).forEach((chunk, i) => {
    ws.getCell(i + 1, 1).value = chunk;
  });
}

function restoreFormat(wb: ExcelJS.Workbook, c: JournalCell): void {
  const ws = wb.getWorksheet(c.sheet);
  if (!ws) return;
  const cell = ws.getCell(c.cell);
  setFill(cell, (c.fillRaw as ExcelJS.Fill | null | undefined) ?? (c.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: c.fill } } : null));
  setNote(cell, c.note);
}

function restoreValue(wb: ExcelJS.Workbook, c: JournalCell): void {
  const ws = wb.getWorksheet(c.sheet);
  if (!ws) return;
  const cell = ws.getCell(c.cell);
  if (c.formula) cell.value = { formula: fileFormula(c.formula), result: c.value as never } as ExcelJS.CellFormulaValue;
  else if (typeof c.value === "string" && /^#[A-Z0-9/]+[!?]?$|^#N\/A$/.test(c.value)) cell.value = { error: c.value } as ExcelJS.CellErrorValue;
  else cell.value = c.value as ExcelJS.CellValue;
  restyle(cell, { numFmt: c.numFmt ?? undefined });
}

function writeResults(wb: ExcelJS.Workbook, r: ResultsSheet): boolean {
  const old = wb.getWorksheet(r.name);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(r.name);
  r.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of r.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.link) {
      const target = `#'${c.link.sheet.replace(/'/g, "''")}'!${c.link.cell}`.replace(/"/g, '""');
      cell.value = { formula: `HYPERLINK("${target}","${String(c.value).replace(/"/g, '""')}")`, result: String(c.value) } as ExcelJS.CellFormulaValue;
      cell.font = { color: { argb: "FF0563C1" }, underline: true };
    } else {
      // Always a string or number: text copied from a workbook never becomes a formula here.
      cell.value = c.value;
    }
    if (c.bold) cell.font = { bold: true };
    if (c.numFmt) cell.numFmt = c.numFmt;
    if (c.wrap) cell.alignment = { wrapText: true, vertical: "top" };
  }
  for (const h of r.rowHeights ?? []) ws.getRow(h.row + 1).height = h.points;
  if (r.print) {
    // <pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>, <pageSetUpPr fitToPage="1"/>.
    ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: r.print.orientation, fitToPage: true, fitToWidth: r.print.fitToWidth, fitToHeight: 0 };
    if (r.print.repeatRows) ws.pageSetup.printTitlesRow = `${r.print.repeatRows[0] + 1}:${r.print.repeatRows[1] + 1}`;
  }
  return !old;
}

/**
 * Apply a plan to a loaded workbook, journaling every cell first so that
 * `undoWorkbook` restores it exactly. Returns the number of cells written.
 */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: Plan): number {
  const journal = readJournal(wb);
  const touched = new Map<string, { sheet: string; cell: string; kind: JournalCell["touched"] }>();
  const touch = (sheet: string, cell: string, kind: "value" | "mark") => {
    const k = `${sheet}\u0000${cell}`;
    const prev = touched.get(k);
    touched.set(k, { sheet, cell, kind: prev && prev.kind !== kind ? "both" : kind });
  };
  plan.writes.forEach((w) => touch(w.sheet, w.cell, "value"));
  plan.marks.forEach((m) => touch(m.sheet, m.cell, "mark"));
  const captured: JournalCell[] = [];
  for (const t of touched.values()) {
    const ws = wb.getWorksheet(t.sheet);
    if (ws) captured.push(capture(ws, t.cell, t.kind));
  }

  for (const stale of staleMarks(journal, plan.marks)) restoreFormat(wb, stale);
  for (const w of plan.writes) {
    const ws = wb.getWorksheet(w.sheet);
    if (!ws) continue;
    const cell = ws.getCell(w.row + 1, w.col + 1);
    cell.value = w.formula !== null ? ({ formula: fileFormula(w.formula), result: w.value as never } as ExcelJS.CellFormulaValue) : (w.value as ExcelJS.CellValue);
    if (w.numFmt) restyle(cell, { numFmt: w.numFmt });
  }
  for (const m of plan.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ws.getCell(m.row + 1, m.col + 1);
    setFill(cell, { type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILL[m.tone] } });
    setNote(cell, m.note);
  }
  const created = writeResults(wb, plan.results);
  const written = plan.writes.filter((w) => w.formula === null).map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value }));
  writeJournal(wb, mergeJournal(journal, captured, created ? [plan.results.name] : [], written));
  return plan.writes.length;
}

/** Restore every journaled cell and remove what the add-in created. False when there is nothing to undo. */
export function undoWorkbook(wb: ExcelJS.Workbook): boolean {
  const j = readJournal(wb);
  if (!j) return false;
  for (const c of j.cells) {
    if (c.touched !== "mark") restoreValue(wb, c);
    if (c.touched !== "value") restoreFormat(wb, c);
  }
  for (const name of j.createdSheets) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  const js = wb.getWorksheet(JOURNAL_SHEET);
  if (js) wb.removeWorksheet(js.id);
  return true;
}

/** 「清除标记」: restore fills and notes of marked cells; values stay as they are. */
export function clearMarksInWorkbook(wb: ExcelJS.Workbook): number {
  const j = readJournal(wb);
  if (!j) return 0;
  const marked = j.cells.filter((c) => c.touched !== "value");
  marked.forEach((c) => restoreFormat(wb, c));
  const rest = j.cells.filter((c) => c.touched !== "mark").map((c) => ({ ...c, touched: "value" as const }));
  writeJournal(wb, { ...j, cells: rest });
  return marked.length;
}
