import { a1 } from "../../engine/address";
import { mergeJournal, type JournalCell } from "../../engine/journal";
import { MARK_FILL, type Plan, type ResultsSheet } from "../../engine/plan";
import { droppedLines } from "../../engine/undo/rebase";
import { currentFromRead } from "./journaledCells";
import { decideNotes, startApply } from "../shared/applyDecisions";
import { notedBefore, wroteByPlan } from "../../engine/undo/wrote";
import { Grid } from "../../engine/grid";
import { dropExtraParts, writeJournal } from "./journalPart";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { union } from "./readPlan";
import { cellKey, type WorkbookRead, type WorkbookShape } from "./readWorkbook";
import { queueCommentCells, queueCommentProbe } from "./threadedComments";
import { fillRawOf, patternInRaw, type FillPattern } from "./fillPattern";
import { SETTINGS_NS, settingsToXml, type AddinSettings } from "./settings";
import { hyperlinkFormula } from "./hyperlinkFormula";

export interface ApplyOutcome {
  written: number;
  marked: number;
  /** Sheets where a marked cell carries a person's note: it got a fill only (the explanation is in 「核查结果」). */
  notesSkipped: string[];
  /** Notes ("sheet!A1") of ours that a person has edited since: kept as they are, not updated. */
  notesKept: string[];
  /** Marked cells ("sheet!A1") holding a threaded comment: a fill, no note; 「核查结果」 lists them (their sheets are in notesSkipped). */
  notesOnComments?: string[];
  /** Lines for journal entries dropped with their sheet (deleted since the last check). */
  journalDropped: string[];
  /** Below ExcelApi 1.9: fills were read cell by cell; patterns come back solid, white as none. */
  fillsUnknown: boolean;
  /** The workbook's shape after this batch, for the next read. */
  shape: WorkbookShape;
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

/**
 * Put a journaled fill back: its colour, its pattern where it had one (fillPattern.ts; the pattern
 * after the colour, whether or not setting a colour makes a fill solid, which the page does not say), or no fill.
 */
export function restoreFill(range: Excel.Range, fill: string | null, pattern: FillPattern | null = null): void {
  if (!fill) return void range.format.fill.clear();
  range.format.fill.color = toCssColor(fill);
  if (!pattern) return;
  range.format.fill.pattern = pattern.pattern as Excel.FillPattern;
  if (pattern.patternColor) range.format.fill.patternColor = pattern.patternColor;
}

/** The pattern to give back with a journal entry's fill, where this Excel can set one. */
export const patternToRestore = (api: OfficeApi, c: { fillRaw?: unknown }): FillPattern | null => (has(api, "fillPattern") ? patternInRaw(c.fillRaw) : null);

/** "附件2!D5" → ["附件2", "D5"] (a sheet name may itself hold "!"). */
export function splitCellKey(key: string): [string, string] {
  const i = key.lastIndexOf("!");
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * Before anything is written: every sheet the plan changes (「核查结果」 included)
 * must be unprotected, and a new 「核查结果」 needs an unprotected workbook
 * structure (WorkbookProtection, ExcelApi 1.7:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbookprotection).
 * Below 1.7 the structure cannot be read; should Excel then refuse the new
 * sheet, the journal is already written (it goes first) and 撤销 undoes the rest.
 */
export function assertWritable(plan: Plan, read: WorkbookRead, stale: JournalCell[]): void {
  const touched = new Set([...plan.writes.map((w) => w.sheet), ...plan.marks.map((m) => m.sheet), ...stale.map((c) => c.sheet), plan.results.name]);
  for (const s of read.snapshot.sheets) {
    if (touched.has(s.name) && s.protected) {
      throw new AddinError(
        `工作表“${s.name}”受保护，无法写入核算结果。请在“审阅 › 撤消工作表保护”后重新核算；本次未做任何修改。`,
        `sheet "${s.name}" is protected; nothing was written`,
        "protected",
      );
    }
  }
  if (read.workbookProtected && !findSheetName(read, plan.results.name)) {
    throw new AddinError(
      `工作簿结构受保护，无法添加「${plan.results.name}」工作表。请在“审阅 › 保护工作簿”中撤消保护后重新核算；本次未做任何修改。`,
      `workbook structure is protected; the results sheet cannot be added; nothing was written`,
      "protected",
    );
  }
}

/** A sheet of the read by name; Excel compares sheet names case-insensitively (WorksheetCollection.getItem). */
export function findSheetName(read: WorkbookRead, name: string): string | null {
  return read.snapshot.sheets.find((s) => s.name.toLocaleUpperCase() === name.toLocaleUpperCase())?.name ?? null;
}

/**
 * Our notes on a sheet can be managed only when every note there is ours:
 * the sheet's note count equals the number of our journaled notes that still
 * exist (read with notes.getItemOrNullObject, so a note a person deleted is
 * never fetched with getItem, which throws ItemNotFound).
 */
export function notesManaged(api: OfficeApi, read: WorkbookRead, sheet: string): boolean {
  if (!has(api, "notes") || !read.noteCounts) return false;
  const ours = [...read.notesPresent].filter((k) => k.startsWith(`${sheet}!`)).length;
  return (read.noteCounts.get(sheet) ?? 0) === ours;
}

function capture(grids: Map<string, Grid>, read: WorkbookRead, fills: Map<string, string | null>, sheet: string, row: number, col: number, touched: JournalCell["touched"]): JournalCell {
  const cell = grids.get(sheet)?.raw(row, col) ?? null;
  const addr = a1(row, col);
  return {
    sheet,
    cell: addr,
    value: cell ? (cell.error ?? cell.value) : null,
    formula: cell?.formula ?? null,
    numFmt: read.numberFormats.get(cellKey(sheet, addr)) ?? null,
    fill: fills.get(cellKey(sheet, addr)) ?? null,
    ...fillRawOf(read.fillPatterns?.get(cellKey(sheet, addr))),
    note: null,
    touched,
  };
}

/**
 * Below ExcelApi 1.9 there is no getCellProperties: the fill of each cell about
 * to be marked is read one cell at a time through RangeFill.color (ExcelApi 1.1,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangefill#excel-excel-rangefill-color-member),
 * one more sync, about 150 bytes of request a cell. A cell without fill and a
 * white one both read "#FFFFFF" and are restored as no fill; a pattern or
 * gradient fill reads as its colour and comes back solid (the pattern needs 1.9).
 */
async function readFillsOneByOne(context: Excel.RequestContext, cells: { sheet: string; cell: string }[]): Promise<Map<string, string | null>> {
  const fills = cells.map((c) => ({ c, fill: context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill.load("color") }));
  if (fills.length) await context.sync();
  const out = new Map<string, string | null>();
  for (const { c, fill } of fills) {
    const color = fill.color?.toUpperCase() ?? null;
    out.set(cellKey(c.sheet, c.cell), !color || color === "#FFFFFF" ? null : `FF${color.replace("#", "")}`);
  }
  return out;
}

/**
 * Before the write batch, one small batch asks what the plan's new notes need to know (none at all
 * where nothing is unknown: the read loaded the threaded comments' ids, and there are none):
 * - which of `unknown` carry no note (NoteCollection.getItemOrNullObject, ExcelApi 1.18:
 *   https://learn.microsoft.com/en-us/javascript/api/excel/excel.notecollection#excel-excel-notecollection-getitemornullobject-member(1)),
 *   so that notes.add, which fails on a cell that has one, is called only there;
 * - which cells hold a threaded comment (threadedComments.ts): they get no note. `comments` is
 *   false (not asked), the ids the read loaded, or undefined (not read: loaded here, one more sync).
 */
async function probeNoteCells(api: OfficeApi, unknown: { sheet: string; cell: string }[], comments: false | string[] | undefined): Promise<{ free: Set<string>; commented: Set<string> }> {
  const none = new Set<string>();
  // The read already knows the workbook has no threaded comment: nothing to ask about them.
  if (!unknown.length && (comments === false || comments?.length === 0)) return { free: none, commented: none };
  return api.run(null, async (context) => {
    const probes = unknown.map((c) => ({ key: cellKey(c.sheet, c.cell), note: context.workbook.worksheets.getItem(c.sheet).notes.getItemOrNullObject(c.cell).load("content") }));
    const known = comments ? queueCommentCells(context, comments) : null;
    const asked = comments === undefined ? queueCommentProbe(context) : null;
    await context.sync();
    const free = new Set(probes.filter((p) => p.note.isNullObject).map((p) => p.key));
    return { free, commented: known ? known() : asked ? await asked.cells(context) : none };
  });
}

/** 「核查结果」 with one more line, two rows below its last: what the workbook's own notes could not say. */
export function withResultsLine(r: ResultsSheet, text: string): ResultsSheet {
  const row = Math.max(...r.cells.map((c) => c.row)) + 2;
  return { ...r, cells: [...r.cells, { row, col: 0, value: text }] };
}

/** The line 「核查结果」 gets for marked cells holding a threaded comment (they got a fill, no note). */
export function commentedCellsLine(cells: string[]): string {
  return `以下单元格已有批注（新式批注），未添加说明批注，问题说明见上表：${cells.join("、")}`;
}

export interface ApplyOptions {
  /** Show 「核查结果」 when done (the ribbon's command, whose clerk has no pane to look at). */
  activateResults?: boolean;
  /** The pane's choices, stored with this batch's changes (only where they differ from the stored ones). */
  settings?: AddinSettings;
}

/**
 * Queue the settings part's write when the choice differs from what the workbook holds: the part's
 * text replaced, or the part added (Workbook.customXmlParts, ExcelApi 1.5:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartcollection#excel-excel-customxmlpartcollection-add-member(1)).
 * Returns whether the workbook holds the part afterwards.
 */
function storeSettings(api: OfficeApi, context: Excel.RequestContext, read: WorkbookRead, settings: AddinSettings | undefined): boolean {
  if (!has(api, "customXml")) return false;
  const stored = read.shape.settings;
  if (!settings || (stored && settingsToXml(settings) === settingsToXml(read.settings))) return stored;
  if (stored) context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItem().setXml(settingsToXml(settings));
  else context.workbook.customXmlParts.add(settingsToXml(settings));
  return true;
}

/**
 * Apply a plan to the open workbook in one batch (one context.sync; one more
 * below ExcelApi 1.9 to learn the fills it will change), as one undo step
 * where ExcelApi 1.20 allows it. The journal is queued first: whatever part of
 * the batch Excel carries out before a failure, 撤销本次修改 can undo. Only
 * APIs Excel can undo are used: no Worksheet.delete, no Worksheet.visibility.
 */
export async function applyPlanInExcel(api: OfficeApi, plan: Plan, read: WorkbookRead, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  // The journal moved to where its cells are now (a renamed sheet, rows inserted since the last check),
  // the stale marks and each planned cell's kind: decided as in WPS (adapters/shared/applyDecisions.ts).
  const start = startApply(plan, read, currentFromRead(read), cellKey, splitCellKey);
  const { rebased, old, stale, kinds, grids, present } = start;
  assertWritable(plan, read, stale);

  const managed = new Map<string, boolean>();
  const canNote = (sheet: string) => {
    if (!managed.has(sheet)) managed.set(sheet, notesManaged(api, read, sheet));
    return managed.get(sheet)!;
  };
  // On a sheet holding notes the journal does not know (a person's), the cells about to be marked are
  // asked first, in one small batch: our note goes wherever there is none, a person's note stays.
  const unknown = has(api, "notes") ? [...new Map(plan.marks.filter((m) => !canNote(m.sheet) && !present.has(cellKey(m.sheet, m.cell))).map((m) => [cellKey(m.sheet, m.cell), m])).values()] : [];
  // A new note goes only where there is no note now; of those cells, the ones holding a threaded comment get none.
  const adding = has(api, "notes") ? plan.marks.filter((m) => !present.has(cellKey(m.sheet, m.cell))) : [];
  const { free, commented } = await probeNoteCells(api, unknown, adding.length > 0 && has(api, "threadedComments") && read.commentIds !== null && read.commentIds);
  const onComments = [...new Set(adding.filter((m) => commented.has(cellKey(m.sheet, m.cell))).map((m) => cellKey(m.sheet, m.cell)))];
  const noted = onComments.length ? { ...plan, marks: plan.marks.filter((m) => !onComments.includes(cellKey(m.sheet, m.cell))) } : plan;
  const { noteOps, notesKept, skippedNotes, journalNotes } = decideNotes(noted, start, cellKey, { notes: has(api, "notes"), canNote, free });
  for (const k of onComments) skippedNotes.add(splitCellKey(k)[0]);
  const resultsSheet = onComments.length ? withResultsLine(plan.results, commentedCellsLine(onComments)) : plan.results;
  const resultsName = findSheetName(read, plan.results.name);

  const run = has(api, "undoGroup") ? { mergeUndoGroup: true } : null;
  let settingsStored = read.shape.settings;
  await api.run(run, async (context) => {
    const fills = read.fills ?? (await readFillsOneByOne(context, [...kinds.values()].filter((t) => t.kind !== "value" && !old?.cells.some((c) => c.sheet === t.sheet && c.cell === a1(t.row, t.col) && c.touched !== "value")).map((t) => ({ sheet: t.sheet, cell: a1(t.row, t.col) }))));
    const captured = [...kinds.values()].map((t) => capture(grids, read, fills, t.sheet, t.row, t.col, t.kind));
    const written = plan.writes.filter((w) => w.formula === null).map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value }));
    const noted = new Set(noteOps.filter((o) => o.op !== "delete").map((o) => cellKey(o.sheet, o.cell)));
    const deleted = new Set(noteOps.filter((o) => o.op === "delete").map((o) => cellKey(o.sheet, o.cell)));
    // A note of ours left alone (edited by a person, or not read: on a sheet renamed since) keeps its record.
    const wrote = wroteByPlan(plan, stale, (sheet, cell) => (noted.has(cellKey(sheet, cell)) ? true : !deleted.has(cellKey(sheet, cell)) && notedBefore(old, sheet, cell) ? "unchanged" : false));
    const sheetsNow = read.snapshot.sheets.map((s) => ({ name: s.name, ...(read.sheetIds.get(s.name) ? { id: read.sheetIds.get(s.name) } : {}) }));
    const journal = { ...mergeJournal(old, { captured, createdSheets: resultsName ? [] : [plan.results.name], written, wrote, sheets: sheetsNow, at: new Date().toISOString(), fillsKnown: read.fills !== null }), notes: journalNotes };
    // The journal first: a failure later in the batch leaves nothing 撤销 cannot undo.
    // Two runs at once left several parts: the merged journal goes into the first, the others are dropped after.
    if (read.journalSource === "part" || has(api, "customXml")) await writeJournal(context, read, journal);
    settingsStored = storeSettings(api, context, read, options.settings);

    const sheets = new Map<string, Excel.Worksheet>();
    const ws = (name: string) => {
      let s = sheets.get(name);
      if (!s) sheets.set(name, (s = context.workbook.worksheets.getItem(name)));
      return s;
    };
    for (const c of stale) restoreFill(ws(c.sheet).getRange(c.cell), c.fill, patternToRestore(api, c));
    for (const w of plan.writes) {
      const range = ws(w.sheet).getRange(w.cell);
      range.formulas = [[w.formula !== null ? `=${w.formula}` : typeof w.value === "string" ? asText(w.value) : w.value]] as unknown as string[][];
      if (w.numFmt) range.numberFormat = [[w.numFmt]];
    }
    for (const m of plan.marks) {
      const fill = ws(m.sheet).getRange(m.cell).format.fill;
      fill.color = toCssColor(MARK_FILL[m.tone]);
      // Over a patterned template fill our mark is solid, whatever setting the colour does to the pattern.
      if (read.fillPatterns?.has(cellKey(m.sheet, m.cell))) fill.pattern = "Solid";
    }
    for (const o of noteOps) {
      if (o.op === "delete") ws(o.sheet).notes.getItem(o.cell).delete();
      else if (o.op === "update") ws(o.sheet).notes.getItem(o.cell).content = o.text!;
      else ws(o.sheet).notes.add(o.cell, o.text!);
    }
    const results = writeResults(context, resultsSheet, resultsName ? ws(resultsName) : null, read);
    if (!resultsName) setUpPrinting(api, results, resultsSheet);
    // A 「核查结果」 a person has hidden stays hidden: activating a hidden sheet is refused (see selectCellInExcel).
    if (options.activateResults && (!resultsName || read.snapshot.sheets.find((x) => x.name === resultsName)?.visibility === "visible")) results.activate();
    await context.sync();
  });
  await dropExtraParts((batch) => api.run(null, batch), read.journalIds);
  const skipped = [...skippedNotes];
  return {
    written: plan.writes.length,
    marked: plan.marks.length,
    notesSkipped: has(api, "notes") ? skipped : [],
    notesKept,
    notesOnComments: onComments,
    fillsUnknown: read.fills === null,
    journalDropped: droppedLines(rebased?.dropped ?? []),
    shape: { ...shapeAfter(read, { ...plan, results: resultsSheet }, journalNotes, resultsName, read.journalSource === "part" || has(api, "customXml")), settings: settingsStored },
  };
}

/** The workbook's shape after a plan: written cells widen their sheets' areas, 「核查结果」 is there, and so is the journal. */
function shapeAfter(read: WorkbookRead, plan: Plan, journalNotes: string[], resultsName: string | null, partWritten: boolean): WorkbookShape {
  const areas = new Map(read.shape.sheets.map((s) => [s.name, s.area]));
  for (const w of plan.writes) areas.set(w.sheet, union(areas.get(w.sheet) ?? null, { top: w.row, left: w.col, bottom: w.row, right: w.col }));
  const block = resultsBlock(plan.results);
  const name = resultsName ?? plan.results.name;
  areas.set(name, union(areas.get(name) ?? null, { top: 0, left: 0, bottom: block.rows - 1, right: block.cols - 1 }));
  const names = [...read.shape.sheets.map((s) => s.name), ...(resultsName ? [] : [plan.results.name])];
  return { ...read.shape, sheets: names.map((n) => ({ name: n, area: areas.get(n) ?? null })), journal: partWritten, journalIds: undefined, journalNotes };
}

/**
 * Page setup of a new 「核查结果」: A4 landscape, one page wide, header rows
 * repeated (Worksheet.pageLayout, ExcelApi 1.9:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayout).
 * Set once, when the sheet is created (clearing its cells keeps it), last in
 * the batch. Microsoft's list of APIs without undo support
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-undo-capabilities)
 * does not name PageLayout; should Excel refuse it in the undo group
 * (UndoNotSupported), recalculate() applies the plan again without it.
 */
function setUpPrinting(api: OfficeApi, sheet: Excel.Worksheet, r: ResultsSheet): void {
  if (!r.print || !has(api, "pageLayout")) return;
  const layout = sheet.pageLayout;
  layout.orientation = "Landscape";
  layout.paperSize = "A4";
  layout.zoom = { horizontalFitToPages: r.print.fitToWidth, verticalFitToPages: 0 };
  if (r.print.repeatRows) layout.setPrintTitleRows(`$${r.print.repeatRows[0] + 1}:$${r.print.repeatRows[1] + 1}`);
}

const resultsBlock = (r: ResultsSheet) => ({ rows: Math.max(...r.cells.map((c) => c.row)) + 1, cols: Math.max(...r.cells.map((c) => c.col)) + 1 });

/** The 「核查结果」 sheet in one block write; returns the sheet. */
function writeResults(context: Excel.RequestContext, r: ResultsSheet, existing: Excel.Worksheet | null, read: WorkbookRead): Excel.Worksheet {
  const sheet = existing ?? context.workbook.worksheets.add(r.name);
  const oldArea = existing ? read.usedRanges.get(findSheetName(read, r.name)!) : undefined;
  if (existing && oldArea) existing.getRange(oldArea).clear();
  const { rows, cols } = resultsBlock(r);
  const block: (string | number)[][] = Array.from({ length: rows }, () => Array<string | number>(cols).fill(""));
  const formats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill("General"));
  for (const c of r.cells) {
    if (c.link) block[c.row][c.col] = hyperlinkFormula(c.link.sheet, c.link.cell, String(c.value));
    else block[c.row][c.col] = typeof c.value === "string" ? asText(c.value) : c.value;
    if (c.numFmt) formats[c.row][c.col] = c.numFmt;
  }
  const range = sheet.getRange(`A1:${a1(rows - 1, cols - 1)}`);
  range.formulas = block as unknown as string[][];
  range.numberFormat = formats;
  for (const c of r.cells) if (c.bold) sheet.getRange(a1(c.row, c.col)).format.font.bold = true;
  r.columnWidths.forEach((w, i) => (sheet.getRange(a1(0, i)).format.columnWidth = Math.round(w * 7.5)));
  formatWrapped(sheet, r);
  return sheet;
}

/**
 * Contract D in Excel: wrapped cells (问题说明) top-aligned, with the row
 * heights their lines need, since Excel autofits a row only when it is edited.
 * RangeFormat.wrapText and verticalAlignment are ExcelApi 1.1, rowHeight 1.2
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeformat).
 * Consecutive rows wrapped over the same columns are one range (one proxy).
 * Page setup (worksheet.pageLayout, ExcelApi 1.9) is applied by setUpPrinting.
 */
function formatWrapped(sheet: Excel.Worksheet, r: ResultsSheet): void {
  const spans = new Map<number, { left: number; right: number }>();
  for (const c of r.cells) {
    if (!c.wrap) continue;
    const s = spans.get(c.row);
    spans.set(c.row, s ? { left: Math.min(s.left, c.col), right: Math.max(s.right, c.col) } : { left: c.col, right: c.col });
  }
  const rows = [...spans.keys()].sort((a, b) => a - b);
  for (let i = 0; i < rows.length; ) {
    const first = spans.get(rows[i])!;
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1 && spans.get(rows[j + 1])!.left === first.left && spans.get(rows[j + 1])!.right === first.right) j++;
    const f = sheet.getRange(`${a1(rows[i], first.left)}:${a1(rows[j], first.right)}`).format;
    f.wrapText = true;
    f.verticalAlignment = "Top";
    i = j + 1;
  }
  for (const h of r.rowHeights ?? []) sheet.getRange(a1(h.row, 0)).format.rowHeight = h.points;
}
