import { a1 } from "../../engine/address";
import { mergeJournal, staleMarks, type Journal, type JournalCell } from "../../engine/journal";
import { MARK_FILL, type Plan, type ResultsSheet } from "../../engine/plan";
import { Grid } from "../../engine/grid";
import { journalToXml, JOURNAL_NS } from "./journalPart";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { cellKey, type WorkbookRead } from "./readWorkbook";

export interface ApplyOutcome {
  written: number;
  marked: number;
  /** Sheets whose notes were left alone because a person's notes are there (explanations stay in 「核查结果」). */
  notesSkipped: string[];
}

/**
 * Text as a value, never as a formula or a number: Excel turns "=…" (and "+", "-", "@")
 * into a formula and "12" into a number when written through `values`; a leading
 * apostrophe keeps it text and is not part of the value.
 */
export function asText(s: string): string {
  return /^[=+\-@]|^\s*[\d.]|^(true|false)$/i.test(s) ? `'${s}` : s;
}

export const toCssColor = (argb: string) => `#${argb.slice(-6)}`;

/** Put a journaled fill back: its solid colour, or no fill. */
export function restoreFill(range: Excel.Range, fill: string | null): void {
  if (fill) range.format.fill.color = toCssColor(fill);
  else range.format.fill.clear();
}

/** "附件2!D5" → ["附件2", "D5"] (a sheet name may itself hold "!"). */
export function splitCellKey(key: string): [string, string] {
  const i = key.lastIndexOf("!");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Sheets a plan would change; none of them may be protected. */
export function assertWritable(plan: Plan, read: WorkbookRead, stale: JournalCell[]): void {
  const touched = new Set([...plan.writes.map((w) => w.sheet), ...plan.marks.map((m) => m.sheet), ...stale.map((c) => c.sheet)]);
  for (const s of read.snapshot.sheets) {
    if (touched.has(s.name) && s.protected) {
      throw new AddinError(
        `工作表“${s.name}”受保护，无法写入核算结果。请在“审阅 › 撤消工作表保护”后重新核算；本次未做任何修改。`,
        `sheet "${s.name}" is protected; nothing was written`,
        "protected",
      );
    }
  }
}

/** Our notes on a sheet can be managed only when every note there is ours. */
export function notesManaged(api: OfficeApi, read: WorkbookRead, journal: Journal | null, sheet: string): boolean {
  if (!has(api, "notes") || !read.noteCounts) return false;
  const ours = (journal?.notes ?? []).filter((k) => k.startsWith(`${sheet}!`)).length;
  return (read.noteCounts.get(sheet) ?? 0) === ours;
}

function capture(grids: Map<string, Grid>, read: WorkbookRead, sheet: string, row: number, col: number, touched: JournalCell["touched"]): JournalCell {
  const cell = grids.get(sheet)?.raw(row, col) ?? null;
  const addr = a1(row, col);
  return {
    sheet,
    cell: addr,
    value: cell ? (cell.error ?? cell.value) : null,
    formula: cell?.formula ?? null,
    numFmt: read.numberFormats.get(cellKey(sheet, addr)) ?? null,
    fill: read.fills?.get(cellKey(sheet, addr)) ?? null,
    note: null,
    touched,
  };
}

/**
 * Apply a plan to the open workbook in one batch (one context.sync), as one
 * undo step where ExcelApi 1.20 allows it. Only APIs that Excel can undo are
 * used here: no Worksheet.delete, no Worksheet.visibility.
 */
export async function applyPlanInExcel(api: OfficeApi, plan: Plan, read: WorkbookRead): Promise<ApplyOutcome> {
  const old = read.journal;
  const stale = staleMarks(old, plan.marks);
  assertWritable(plan, read, stale);

  const kinds = new Map<string, { sheet: string; row: number; col: number; kind: JournalCell["touched"] }>();
  const touch = (sheet: string, row: number, col: number, kind: "value" | "mark") => {
    const k = cellKey(sheet, a1(row, col));
    const prev = kinds.get(k);
    kinds.set(k, { sheet, row, col, kind: prev && prev.kind !== kind ? "both" : kind });
  };
  plan.writes.forEach((w) => touch(w.sheet, w.row, w.col, "value"));
  plan.marks.forEach((m) => touch(m.sheet, m.row, m.col, "mark"));
  const grids = new Map(read.snapshot.sheets.map((s) => [s.name, new Grid(s)]));
  const captured = [...kinds.values()].map((t) => capture(grids, read, t.sheet, t.row, t.col, t.kind));

  const sheetNames = new Set(read.snapshot.sheets.map((s) => s.name));
  const managed = new Map<string, boolean>();
  const canNote = (sheet: string) => {
    if (!managed.has(sheet)) managed.set(sheet, notesManaged(api, read, old, sheet));
    return managed.get(sheet)!;
  };
  const ourNotes = new Set(old?.notes ?? []);

  const run = has(api, "undoGroup") ? { mergeUndoGroup: true } : null;
  await api.run(run, async (context) => {
    const sheets = new Map<string, Excel.Worksheet>();
    const ws = (name: string) => {
      let s = sheets.get(name);
      if (!s) sheets.set(name, (s = context.workbook.worksheets.getItem(name)));
      return s;
    };

    for (const c of stale) {
      restoreFill(ws(c.sheet).getRange(c.cell), c.fill);
      const key = cellKey(c.sheet, c.cell);
      if (ourNotes.has(key) && canNote(c.sheet)) {
        ws(c.sheet).notes.getItem(c.cell).delete();
        ourNotes.delete(key);
      }
    }
    for (const w of plan.writes) {
      const range = ws(w.sheet).getRange(w.cell);
      range.formulas = [[w.formula !== null ? `=${w.formula}` : typeof w.value === "string" ? asText(w.value) : w.value]] as unknown as string[][];
      if (w.numFmt) range.numberFormat = [[w.numFmt]];
    }
    for (const m of plan.marks) {
      ws(m.sheet).getRange(m.cell).format.fill.color = toCssColor(MARK_FILL[m.tone]);
      if (!canNote(m.sheet)) continue;
      const key = cellKey(m.sheet, m.cell);
      if (ourNotes.has(key)) ws(m.sheet).notes.getItem(m.cell).content = m.note;
      else ws(m.sheet).notes.add(m.cell, m.note);
      ourNotes.add(key);
    }

    const created = writeResults(context, plan.results, sheetNames.has(plan.results.name) ? ws(plan.results.name) : null, read);
    const written = plan.writes.filter((w) => w.formula === null).map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value }));
    const journal = { ...mergeJournal(old, captured, created ? [plan.results.name] : [], written), notes: [...ourNotes] };
    const xml = journalToXml(journal);
    if (read.journalSource === "part") context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItemOrNullObject().setXml(xml);
    else if (has(api, "customXml")) context.workbook.customXmlParts.add(xml);
    await context.sync();
  });
  const skipped = [...new Set(plan.marks.map((m) => m.sheet))].filter((s) => !canNote(s));
  return { written: plan.writes.length, marked: plan.marks.length, notesSkipped: has(api, "notes") ? skipped : [] };
}

/** The 「核查结果」 sheet in one block write; returns whether the sheet was created. */
function writeResults(context: Excel.RequestContext, r: ResultsSheet, existing: Excel.Worksheet | null, read: WorkbookRead): boolean {
  const sheet = existing ?? context.workbook.worksheets.add(r.name);
  const oldArea = read.usedRanges.get(r.name);
  if (existing && oldArea) existing.getRange(oldArea).clear();
  const rows = Math.max(...r.cells.map((c) => c.row)) + 1;
  const cols = Math.max(...r.cells.map((c) => c.col)) + 1;
  const block: (string | number)[][] = Array.from({ length: rows }, () => Array<string | number>(cols).fill(""));
  const formats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill("General"));
  for (const c of r.cells) {
    if (c.link) {
      const target = `#'${c.link.sheet.replace(/'/g, "''")}'!${c.link.cell}`.replace(/"/g, '""');
      block[c.row][c.col] = `=HYPERLINK("${target}","${String(c.value).replace(/"/g, '""')}")`;
    } else block[c.row][c.col] = typeof c.value === "string" ? asText(c.value) : c.value;
    if (c.numFmt) formats[c.row][c.col] = c.numFmt;
  }
  const range = sheet.getRange(`A1:${a1(rows - 1, cols - 1)}`);
  range.formulas = block as unknown as string[][];
  range.numberFormat = formats;
  for (const c of r.cells) if (c.bold) sheet.getRange(a1(c.row, c.col)).format.font.bold = true;
  r.columnWidths.forEach((w, i) => (sheet.getRange(a1(0, i)).format.columnWidth = Math.round(w * 7.5)));
  return !existing;
}
