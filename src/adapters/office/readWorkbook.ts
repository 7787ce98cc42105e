import { parseRangeA1, rangeA1 } from "../../engine/address";
import { JOURNAL_SHEET, journalOf } from "../../engine/check";
import type { Journal } from "../../engine/journal";
import type { CheckReport } from "../../engine/report";
import { mergeJournalParts } from "../../engine/undo/parts";
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../../engine/snapshot";
import { journalsFromParts, JOURNAL_NS } from "./journalPart";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { CELLS_PER_BATCH, mergeTiles, oversizedSheet, planBatches, skippedSheet, splitRegions, union, within, type Region, type SkippedSheet, type WorkbookShape } from "./readPlan";
import { settingsFromXml, SETTINGS_NS, type AddinSettings } from "./settings";
import { commentIdsOf } from "./threadedComments";
import { patternOf, type FillPattern } from "./fillPattern";

export type { WorkbookShape } from "./readPlan";

/** Everything one recalculation needs to know of the open workbook. */
export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  journal: Journal | null;
  /** Where the journal was found: the add-in's XML part, or a very-hidden sheet written by the command line. */
  journalSource: "part" | "sheet" | null;
  /** Ids of the journal's parts when there are several (two runs at once): `journal` is them merged, and the next write makes them one. */
  journalIds: string[] | null;
  /** Solid fill (ARGB) or null, by "sheet!A1"; null below ExcelApi 1.9 (fills unknown, see applyPlan). */
  fills: Map<string, string | null> | null;
  /** Patterned fills by "sheet!A1" (their colour is in `fills`): journaled so undo gives the pattern back (fillPattern.ts). */
  fillPatterns?: Map<string, FillPattern>;
  numberFormats: Map<string, string>;
  /** Notes on each sheet (null without the notes API, ExcelApi 1.18). */
  noteCounts: Map<string, number> | null;
  /** The journal's notes ("sheet!A1") that still exist: only these are ever fetched with notes.getItem. */
  notesPresent: Set<string>;
  /** Their text now, by "sheet!A1": a note is ours to update or delete only while it reads as we wrote it. */
  noteTexts: Map<string, string>;
  /** Worksheet.id of each sheet by name (ExcelApi 1.1; kept across renames): the journal finds a renamed sheet by it. */
  sheetIds: Map<string, string>;
  /** Used range (values) of each sheet, "A1:G40". */
  usedRanges: Map<string, string>;
  /** Workbook structure protected (null: unknown, below ExcelApi 1.7). */
  workbookProtected: boolean | null;
  settings: AddinSettings;
  /** Ids of the workbook's threaded comments (ExcelApi 1.10); null without the API, undefined when not read. */
  commentIds?: string[] | null;
  /** What this read covered: give it to the next read to read in one batch. */
  shape: WorkbookShape;
  /** Sheets too large to read, read at their top-left corner only (readPlan.readableArea): see refuseOversizedForms. */
  skippedSheets?: SkippedSheet[];
}

/**
 * After the check: a form found on a sheet too large to read means a value
 * typed far away on a form's sheet, and the clerk is told where (Ctrl+End)
 * rather than checked on part of it; otherwise the skipped sheets are unrelated
 * ones, and the check of the rest stands (the caller names them).
 */
export function refuseOversizedForms(report: Pick<CheckReport, "forms" | "tables">, read: Pick<WorkbookRead, "skippedSheets" | "shape">): void {
  const onForm = (read.skippedSheets ?? []).map((s) => s.sheet).filter((name) => [report.tables.basicData, report.tables.selfEvaluation, ...report.forms].some((t) => t?.sheet === name));
  if (!onForm.length) return;
  const why = oversizedSheet(read.shape.sheets.find((s) => s.name === onForm[0])!)!;
  throw new AddinError(why.zh, why.en);
}

/** A date or time format: y, d or h outside quotes and [brackets], or 年/月/日. */
export function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").toLowerCase();
  return bare !== "general" && (/[ydh]/.test(bare) || /[年月日]/.test(bare));
}

export const cellKey = (sheet: string, a1: string) => `${sheet}!${a1}`;

const PAYLOAD_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);
const codeOf = (e: unknown) => (e as { code?: string })?.code;
export const isPayloadError = (e: unknown) => PAYLOAD_ERRORS.has(codeOf(e) ?? "");

/**
 * Read the workbook. With the shape of a previous read (the task pane keeps
 * it) the seed is one batch; without it, two small batches learn the shape
 * first. Every object a method is called on exists (sheets by name, parts
 * counted first): nothing relies on methods of null objects, which Excel's
 * documentation does not describe. A batch Excel refuses for its size
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) is
 * read again in halves; ItemNotFound (a sheet or part gone since the shape
 * was taken) starts over from the workbook as it is; no other error is retried.
 */
export async function readWorkbook(api: OfficeApi, shape?: WorkbookShape | null): Promise<WorkbookRead> {
  return api.run(null, async (context) => {
    let plan = shape ?? (await readShape(api, context));
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await readWithShape(api, context, plan);
        if ("read" in r) return r.read;
        plan = r.shape;
      } catch (e) {
        if (codeOf(e) !== "ItemNotFound" || attempt > 0) throw e;
        plan = await readShape(api, context);
      }
      if (attempt >= 3) throw new AddinError("工作簿在读取过程中不断变化，请稍后重试。", "the workbook kept changing while it was read");
    }
  });
}

/** The shape of a workbook and its stored settings: what the task pane reads when it opens (two small batches). */
export async function openWorkbook(api: OfficeApi): Promise<{ shape: WorkbookShape; settings: AddinSettings }> {
  return api.run(null, async (context) => {
    let settings: AddinSettings = settingsFromXml(null);
    const shape = await readShape(api, context, (xml) => (settings = settingsFromXml(xml)));
    return { shape, settings };
  });
}

/** The shape of the workbook as it is: two small batches (names and part counts; used areas and the journal's notes). */
export async function readShape(api: OfficeApi, context: Excel.RequestContext, onSettings?: (xml: string | null) => void): Promise<WorkbookShape> {
  const sheets = context.workbook.worksheets.load("items/name");
  const counts = has(api, "customXml") ? [JOURNAL_NS, SETTINGS_NS].map((ns) => context.workbook.customXmlParts.getByNamespace(ns).getCount()) : null;
  await context.sync();
  const names = sheets.items.map((s) => s.name);
  const parts = counts?.[0].value ?? 0;
  const settingsHere = counts?.[1].value === 1;
  const queue = (withJournal: boolean) => ({
    used: names.map((n) => context.workbook.worksheets.getItem(n).getUsedRange(true).load("address,rowIndex,columnIndex,rowCount,columnCount")),
    journalXml: withJournal && parts === 1 ? context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItem().getXml() : null,
    settingsXml: onSettings && settingsHere ? context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItem().getXml() : null,
  });
  let q = queue(true);
  let texts: string[] = [];
  let ids: string[] | null = null;
  try {
    await context.sync();
    if (q.journalXml) texts = [q.journalXml.value];
  } catch (e) {
    // Refused for its size (a large journal): nothing of it is loaded; the areas again, the journal on its own.
    if (!isPayloadError(e)) throw e;
    q = queue(false);
    await context.sync();
  }
  if (parts >= 1 && !q.journalXml) {
    // Several parts (two runs at once), or one too large to read with the areas: in batches of their own.
    const read = await readJournalTexts(api, context);
    texts = read.texts;
    if (read.ids.length > 1) ids = read.ids;
  }
  onSettings?.(q.settingsXml?.value ?? null);
  const journal = journalFromTexts(texts);
  return {
    sheets: names.map((name, i) => ({ name, area: areaOf(q.used[i]) })),
    journal: parts >= 1,
    ...(ids ? { journalIds: ids } : {}),
    settings: settingsHere,
    journalNotes: journal?.notes ?? [],
  };
}

/**
 * The journal's parts as they are now, in batches of their own: their ids, then
 * their XML, split while Excel refuses a batch for its size (a journal the
 * command line wrote for a large file is about the file's size).
 */
export async function readJournalTexts(api: OfficeApi, context: Excel.RequestContext): Promise<{ texts: string[]; ids: string[] }> {
  if (!has(api, "customXml")) return { texts: [], ids: [] };
  const parts = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS);
  parts.load("items/id");
  await context.sync();
  const ids = parts.items.map((p) => p.id);
  const xml = await syncInHalves(context, ids, (id) => context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getItem(id).getXml(), (id) => tooLarge("撤销记录", `journal part ${id}`));
  return { texts: xml.map((x) => x.value), ids };
}

/** The journal of its parts' texts: chunks of one id joined, journals of different ids (two runs at once) merged (undo/parts.ts); unreadable ones left out. */
export function journalFromTexts(texts: string[]): Journal | null {
  return mergeJournalParts(journalsFromParts(texts));
}

/** The journal as its parts hold it now (readJournalTexts), merged. */
export async function readJournalParts(api: OfficeApi, context: Excel.RequestContext): Promise<{ journal: Journal | null; ids: string[] }> {
  const { texts, ids } = await readJournalTexts(api, context);
  return { journal: journalFromTexts(texts), ids };
}

/** The shape's area of a loaded used range; a blank sheet's getUsedRange is its A1, read like any cell. */
function areaOf(r: Excel.Range): CellRange {
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

interface SheetProbe {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  notes: OfficeExtension.ClientResult<number> | null;
  ours: [string, Excel.Note][];
}

interface RegionRead {
  region: Region;
  range: Excel.Range;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  merges: Excel.RangeAreas[];
}

function queueRegion(api: OfficeApi, context: Excel.RequestContext, region: Region): RegionRead {
  const ws = context.workbook.worksheets.getItem(region.sheet);
  const range = ws.getRange(rangeA1(region.area)).load("values,formulas,valueTypes,numberFormat");
  const fills = has(api, "cellProperties") ? range.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : null;
  const merges = has(api, "mergedAreas") ? mergeTiles(region.area).map((t) => ws.getRange(t).getMergedAreasOrNullObject().load("address")) : [];
  return { region, range, fills, merges };
}

/** Sync a batch of regions; halve it while Excel refuses it for its size. */
async function syncRegions(api: OfficeApi, context: Excel.RequestContext, regions: Region[], queued: RegionRead[] | null, out: RegionRead[]): Promise<void> {
  const reads = queued ?? regions.map((r) => queueRegion(api, context, r));
  try {
    await context.sync();
    out.push(...reads);
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    const halves = splitRegions(regions);
    if (!halves) throw new AddinError(`工作表“${regions[0].sheet}”第 ${regions[0].area.top + 1} 行内容过多，超出 Excel 网页版单次读取 5 MB 的上限。`, `one row exceeds the 5 MB payload: ${regions[0].sheet}!${rangeA1(regions[0].area)}`);
    for (const h of halves) await syncRegions(api, context, h, null, out);
  }
}

type Attempt = { read: WorkbookRead } | { shape: WorkbookShape };

/** The workbook's structure, checked against the shape a read was planned for. */
interface StructureProbe {
  all: Excel.WorksheetCollection;
  counts: OfficeExtension.ClientResult<number>[] | null;
  wbProtection: Excel.WorkbookProtection | null;
}

function queueStructure(api: OfficeApi, context: Excel.RequestContext): StructureProbe {
  return {
    all: context.workbook.worksheets.load("items/name,items/visibility"),
    counts: has(api, "customXml") ? [JOURNAL_NS, SETTINGS_NS].map((ns) => context.workbook.customXmlParts.getByNamespace(ns).getCount()) : null,
    wbProtection: has(api, "workbookProtection") ? context.workbook.protection.load("protected") : null,
  };
}

function queueSheetProbe(api: OfficeApi, context: Excel.RequestContext, name: string, notes: string[]): SheetProbe {
  const sheet = context.workbook.worksheets.getItem(name);
  sheet.load("name,visibility,id");
  sheet.protection.load("protected");
  return {
    sheet,
    used: sheet.getUsedRange(true).load("address,rowIndex,columnIndex,rowCount,columnCount"),
    notes: has(api, "notes") ? sheet.notes.getCount() : null,
    ours: has(api, "notes") ? notes.map((k): [string, Excel.Note] => [k, sheet.notes.getItemOrNullObject(k.slice(name.length + 1)).load("content")]) : [],
  };
}

/** The journal's notes on a sheet ("sheet!A1"). */
const notesOn = (plan: WorkbookShape, name: string) => plan.journalNotes.filter((k) => k.startsWith(`${name}!`));

/**
 * Sync what `queue` queues for each item; while Excel refuses the batch for
 * its size, read the items again in halves. A refused batch delivers nothing
 * (rules.ts), so each half is queued afresh. One item too large alone: `tooBig`.
 */
export async function syncInHalves<I, R>(context: Excel.RequestContext, items: I[], queue: (item: I) => R, tooBig: (item: I) => Error): Promise<R[]> {
  const reads = items.map(queue);
  try {
    await context.sync();
    return reads;
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    if (items.length < 2) throw tooBig(items[0]);
    const mid = Math.ceil(items.length / 2);
    return [...(await syncInHalves(context, items.slice(0, mid), queue, tooBig)), ...(await syncInHalves(context, items.slice(mid), queue, tooBig))];
  }
}

/** The probes of every sheet in batches of their own: each sheet, then its notes, split while refused. */
async function readProbes(api: OfficeApi, context: Excel.RequestContext, plan: WorkbookShape): Promise<SheetProbe[]> {
  const bare = await syncInHalves(context, plan.sheets, (s) => queueSheetProbe(api, context, s.name, []), (s) => tooLarge(`工作表“${s.name}”的基本信息`, s.name));
  const keys = has(api, "notes") ? plan.journalNotes.filter((k) => plan.sheets.some((s) => k.startsWith(`${s.name}!`))) : [];
  const notes = await syncInHalves(
    context,
    keys,
    (k) => {
      const s = plan.sheets.find((x) => k.startsWith(`${x.name}!`))!;
      return [k, context.workbook.worksheets.getItem(s.name).notes.getItemOrNullObject(k.slice(s.name.length + 1)).load("content")] as [string, Excel.Note];
    },
    (k) => tooLarge(`批注 ${k}`, k),
  );
  return bare.map((p, i) => ({ ...p, ours: notes.filter(([k]) => k.startsWith(`${plan.sheets[i].name}!`)) }));
}

const tooLarge = (what: string, en: string) => new AddinError(`${what}超出 Excel 网页版单次读取 5 MB 的上限，无法读取。请在桌面版 Excel 中打开此工作簿后重试。`, `over the 5 MB response limit alone: ${en}`);

async function readWithShape(api: OfficeApi, context: Excel.RequestContext, plan: WorkbookShape): Promise<Attempt> {
  // Every read is planned here, from a shape of the pane's, a fresh one, or one found to have grown.
  // A sheet too large to read is read at its top-left corner only (readableArea) and named.
  const batches = planBatches(plan, CELLS_PER_BATCH);
  const regions: RegionRead[] = [];
  let structure = queueStructure(api, context);
  const xml = [plan.journal && !plan.journalIds ? JOURNAL_NS : null, plan.settings ? SETTINGS_NS : null].map((ns) => (ns ? context.workbook.customXmlParts.getByNamespace(ns).getOnlyItem().getXml() : null));
  const journalParts = plan.journalIds?.map((id) => context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getItem(id).getXml()) ?? null;
  let probes = plan.sheets.map((s) => queueSheetProbe(api, context, s.name, notesOn(plan, s.name)));
  // Threaded comments' cells (applyPlan gives them no note: threadedComments.ts), in the same batch.
  const queueThreads = () => (has(api, "threadedComments") ? context.workbook.comments.load("items/id") : null);
  let threads = queueThreads();
  const first = (batches[0] ?? []).map((r) => queueRegion(api, context, r));
  // Usually all of it in one batch (the pane's one sync). Should Excel refuse it for its size, nothing
  // of it is loaded: the structure, the probes, the journal's parts and the settings are read again
  // in batches of their own, split while refused, and the cells in halves.
  let journalTexts: string[] | null = null;
  let journalIds = plan.journalIds ?? null;
  let settingsXml: string | null = null;
  let refused = false;
  try {
    await context.sync();
    regions.push(...first);
    journalTexts = journalParts ? journalParts.map((x) => x.value) : xml[0] ? [xml[0].value] : [];
    settingsXml = xml[1]?.value ?? null;
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    refused = true;
    structure = queueStructure(api, context);
    threads = queueThreads();
    const settings = plan.settings ? context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItem().getXml() : null;
    await context.sync();
    settingsXml = settings?.value ?? null;
    probes = await readProbes(api, context, plan);
    const parts = plan.journal ? await readJournalTexts(api, context) : { texts: [], ids: [] };
    journalTexts = parts.texts;
    journalIds = parts.ids.length > 1 ? parts.ids : null;
    await syncRegions(api, context, batches[0] ?? [], null, regions);
  }
  const { all, counts, wbProtection } = structure;

  // Does the workbook still have the shape the batch was planned for?
  const names = all.items.map((s) => s.name);
  const journalCount = counts ? counts[0].value : 0;
  const journalHere = journalCount >= 1;
  const settingsHere = counts ? counts[1].value === 1 : false;
  const journal = journalFromTexts(journalTexts);
  const found: WorkbookShape = {
    sheets: names.map((name) => {
      const p = probes.find((q) => q.sheet.name === name);
      return { name, area: p ? union(plan.sheets.find((s) => s.name === name)!.area, areaOf(p.used)) : null };
    }),
    journal: journalHere,
    settings: settingsHere,
    journalNotes: journal?.notes ?? [],
  };
  const sameSheets = names.length === plan.sheets.length && names.every((n, i) => n === plan.sheets[i].name);
  const covered = probes.every((p, i) => within(areaOf(p.used), plan.sheets[i].area));
  const notesKnown = !has(api, "notes") || (journal?.notes ?? []).every((k) => plan.journalNotes.includes(k));
  // After a refusal the parts were listed afresh: as many as were read.
  const partsPlanned = refused ? (plan.journal ? journalTexts.length : 0) : (plan.journalIds?.length ?? (plan.journal ? 1 : 0));
  const partsAsPlanned = journalCount === partsPlanned;
  if (!sameSheets || !covered || !partsAsPlanned || settingsHere !== plan.settings || !notesKnown) {
    return { shape: sameSheets && partsAsPlanned ? found : await readShape(api, context) };
  }
  for (const batch of batches.slice(1)) await syncRegions(api, context, batch, null, regions);

  const read = toRead(probes, regions, journal);
  read.commentIds = commentIdsOf(threads);
  read.journalIds = journalIds;
  read.settings = settingsFromXml(settingsXml);
  read.workbookProtected = wbProtection ? wbProtection.protected : null;
  read.skippedSheets = plan.sheets.map(skippedSheet).filter((x): x is SkippedSheet => x !== null);
  read.shape = { ...plan, ...(journalIds ? { journalIds } : { journalIds: undefined }), journalNotes: read.journal?.notes ?? [] };
  return { read };
}

function toRead(probes: SheetProbe[], regions: RegionRead[], fromParts: Journal | null): WorkbookRead {
  const fills = regions.some((r) => r.fills) ? new Map<string, string | null>() : null;
  const fillPatterns = new Map<string, FillPattern>();
  const numberFormats = new Map<string, string>();
  const noteCounts = probes.some((p) => p.notes) ? new Map<string, number>() : null;
  const notesPresent = new Set<string>();
  const noteTexts = new Map<string, string>();
  const usedRanges = new Map<string, string>();
  const sheetIds = new Map<string, string>();
  const sheets: SheetSnapshot[] = probes.map((p) => {
    const name = p.sheet.name;
    sheetIds.set(name, p.sheet.id);
    noteCounts?.set(name, p.notes ? p.notes.value : 0);
    for (const [key, note] of p.ours) {
      if (note.isNullObject) continue;
      notesPresent.add(key);
      noteTexts.set(key, note.content);
    }
    usedRanges.set(name, p.used.address.replace(/^.*!/, ""));
    const mine = regions.filter((r) => r.region.sheet === name);
    const base: SheetSnapshot = {
      name,
      top: mine[0]?.region.area.top ?? 0,
      left: mine[0]?.region.area.left ?? 0,
      cells: [],
      merges: [],
      visibility: p.sheet.visibility === "VeryHidden" ? "veryHidden" : p.sheet.visibility === "Hidden" ? "hidden" : "visible",
      protected: p.sheet.protection.protected,
    };
    const seen = new Set<string>();
    for (const r of mine) {
      const { top, left } = r.region.area;
      const values = r.range.values as unknown[][];
      const formulas = r.range.formulas as unknown[][];
      const types = r.range.valueTypes as string[][];
      const formats = r.range.numberFormat as string[][];
      const props = r.fills?.value;
      values.forEach((row, i) =>
        base.cells.push(
          row.map((v, j) => {
            const addr = rcA1(top + i, left + j);
            const fmt = formats[i][j];
            if (fmt && fmt !== "General") numberFormats.set(cellKey(name, addr), fmt);
            if (props) {
              const f = props[i][j].format?.fill;
              fills!.set(cellKey(name, addr), f && f.pattern !== "None" && f.color ? `FF${f.color.replace("#", "").toUpperCase()}` : null);
              if (patternOf(f)) fillPatterns.set(cellKey(name, addr), patternOf(f)!);
            }
            return officeCell(v, formulas[i][j], types[i][j], fmt);
          }),
        ),
      );
      // A merged area crossing tiles is reported by each: keep it once.
      for (const m of r.merges) if (!m.isNullObject) for (const a of parseAreas(m.address)) if (!seen.has(rangeA1(a))) seen.add(rangeA1(a)) && base.merges.push(a);
    }
    return base;
  });
  const snapshot: WorkbookSnapshot = { sheets };
  let journal = fromParts;
  let journalSource: WorkbookRead["journalSource"] = journal ? "part" : null;
  if (!journal && sheets.some((s) => s.name === JOURNAL_SHEET)) {
    journal = journalOf(snapshot);
    journalSource = journal ? "sheet" : null;
  }
  snapshot.journal = journal;
  const shape: WorkbookShape = { sheets: [], journal: false, settings: false, journalNotes: [] };
  return { snapshot, journal, journalSource, fills, fillPatterns, numberFormats, noteCounts, notesPresent, noteTexts, sheetIds, usedRanges, journalIds: null, workbookProtected: null, settings: settingsFromXml(null), shape, skippedSheets: [] };
}

function rcA1(row: number, col: number): string {
  let n = col + 1, s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row + 1}`;
}

/** One cell as Office reports it, in the engine's terms. */
export function officeCell(value: unknown, formula: unknown, type: string, numberFormat: string): SnapshotCell | null {
  // Text typed as '=… comes back in `formulas` without its apostrophe: a String whose value is that very text is text (README › text starting with "=").
  const f = typeof formula === "string" && formula.startsWith("=") && !(type === "String" && value === formula) ? formula.slice(1) : undefined;
  if (type === "Error") return { value: null, error: String(value), ...(f !== undefined ? { formula: f } : {}) };
  if (type === "Empty" && f === undefined) return null;
  const v = value === "" && type === "Empty" ? null : (value as SnapshotCell["value"]);
  const cell: SnapshotCell = { value: v };
  if (f !== undefined) cell.formula = f;
  if (typeof v === "number" && isDateFormat(numberFormat ?? "")) cell.date = true;
  return cell;
}

function parseAreas(address: string): CellRange[] {
  return address
    .split(",")
    .map((a) => parseRangeA1(a.replace(/^.*!/, "")))
    .filter((r): r is CellRange => r !== null);
}
