import { parseRangeA1 } from "../../engine/address";
import { JOURNAL_SHEET, journalOf } from "../../engine/check";
import type { Journal } from "../../engine/journal";
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../../engine/snapshot";
import { journalFromXml, JOURNAL_NS } from "./journalPart";
import { has, type OfficeApi } from "./officeApi";
import { settingsFromXml, SETTINGS_NS, type AddinSettings } from "./settings";

/** Everything one recalculation needs to know of the open workbook, read in one batch. */
export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  journal: Journal | null;
  /** Where the journal was found: the add-in's XML part, or a very-hidden sheet written by the CLI. */
  journalSource: "part" | "sheet" | null;
  /** Solid fill (ARGB) or null, and number format, of every cell in the used ranges, by "sheet!A1". */
  fills: Map<string, string | null> | null;
  numberFormats: Map<string, string>;
  /** Notes on each sheet (null without the notes API). */
  noteCounts: Map<string, number> | null;
  usedRanges: Map<string, string>;
  /** The add-in's settings stored in the workbook. */
  settings: AddinSettings;
}

/** Worksheets probed per batch: getNextOrNullObject chains need no sync between them. */
export const PROBE = 48;

type Probe = {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  notes: OfficeExtension.ClientResult<number> | null;
};

/** A date or time format: y, d or h outside quotes and [brackets], or 年/月/日. */
export function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").toLowerCase();
  return bare !== "general" && (/[ydh]/.test(bare) || /[年月日]/.test(bare));
}

export const cellKey = (sheet: string, a1: string) => `${sheet}!${a1}`;

function queueProbe(api: OfficeApi, sheet: Excel.Worksheet, known = false): Probe {
  sheet.load("name,visibility");
  sheet.protection.load("protected");
  // valuesOnly: formatting alone does not widen what is read. A sheet known to exist uses
  // getUsedRange (A1 when blank), so nothing below is ever called on a null object.
  const used = known ? sheet.getUsedRange(true) : sheet.getUsedRangeOrNullObject(true);
  used.load("address,rowIndex,columnIndex,values,formulas,valueTypes,numberFormat");
  const merged = has(api, "mergedAreas") ? used.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const fills = has(api, "cellProperties") ? used.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : null;
  const notes = has(api, "notes") ? sheet.notes.getCount() : null;
  return { sheet, used, merged, fills, notes };
}

/**
 * Read every sheet's used range in one batch. Worksheets are reached with a
 * getFirst/getNextOrNullObject chain, so no sync is spent learning their
 * names first; a workbook with more than PROBE sheets takes one more batch
 * per PROBE sheets. Excel's documentation does not promise that methods
 * chain through a null object (the sheet after the last one); where that
 * batch is refused, the workbook is read again the safe way, in two batches.
 */
export async function readWorkbook(api: OfficeApi): Promise<WorkbookRead> {
  try {
    return await readByProbing(api);
  } catch (e) {
    console.warn("[核算助手] single-batch read refused, reading sheet by sheet:", (e as Error)?.message);
    return readByNames(api);
  }
}

/** Two batches, no method ever called on a null object: names and part counts first, then everything. */
async function readByNames(api: OfficeApi): Promise<WorkbookRead> {
  return api.run(null, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const parts = has(api, "customXml") ? [JOURNAL_NS, SETTINGS_NS].map((ns) => context.workbook.customXmlParts.getByNamespace(ns).getCount()) : null;
    await context.sync();
    const probes = sheets.items.map((s) => queueProbe(api, context.workbook.worksheets.getItem(s.name), true));
    const xml = (parts ?? []).map((count, i) => (count.value === 1 ? context.workbook.customXmlParts.getByNamespace([JOURNAL_NS, SETTINGS_NS][i]).getOnlyItem().getXml() : null));
    await context.sync();
    const read = toRead(probes, xml[0]?.value ?? null);
    read.settings = settingsFromXml(xml[1]?.value ?? null);
    return read;
  });
}

async function readByProbing(api: OfficeApi): Promise<WorkbookRead> {
  return api.run(null, async (context) => {
    const probes: Probe[] = [];
    let next: Excel.Worksheet = context.workbook.worksheets.getFirst();
    let part: Excel.CustomXmlPart | null = null;
    let xml: OfficeExtension.ClientResult<string> | null = null;
    let settingsPart: Excel.CustomXmlPart | null = null;
    let settingsXml: OfficeExtension.ClientResult<string> | null = null;
    if (has(api, "customXml")) {
      part = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS).getOnlyItemOrNullObject();
      xml = part.getXml();
      settingsPart = context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItemOrNullObject();
      settingsXml = settingsPart.getXml();
    }
    for (;;) {
      const round: Probe[] = [];
      for (let i = 0; i < PROBE; i++) {
        round.push(queueProbe(api, next));
        next = next.getNextOrNullObject();
      }
      await context.sync();
      const present = round.filter((p) => !p.sheet.isNullObject);
      probes.push(...present);
      if (present.length < PROBE) break;
      next = context.workbook.worksheets.getItem(present[present.length - 1].sheet.name).getNextOrNullObject();
    }
    const read = toRead(probes, part && !part.isNullObject && xml ? xml.value : null);
    read.settings = settingsFromXml(settingsPart && !settingsPart.isNullObject && settingsXml ? settingsXml.value : null);
    return read;
  });
}

function toRead(probes: Probe[], xml: string | null): WorkbookRead {
  const fills = probes.some((p) => p.fills) ? new Map<string, string | null>() : null;
  const numberFormats = new Map<string, string>();
  const noteCounts = probes.some((p) => p.notes) ? new Map<string, number>() : null;
  const usedRanges = new Map<string, string>();
  const sheets: SheetSnapshot[] = probes.map((p) => {
    const name = p.sheet.name;
    noteCounts?.set(name, p.notes ? p.notes.value : 0);
    const base: SheetSnapshot = {
      name,
      top: 0,
      left: 0,
      cells: [],
      merges: [],
      visibility: p.sheet.visibility === "VeryHidden" ? "veryHidden" : p.sheet.visibility === "Hidden" ? "hidden" : "visible",
      protected: p.sheet.protection.protected,
    };
    if (p.used.isNullObject) return base;
    usedRanges.set(name, p.used.address.replace(/^.*!/, ""));
    const top = p.used.rowIndex;
    const left = p.used.columnIndex;
    const values = p.used.values as unknown[][];
    const formulas = p.used.formulas as unknown[][];
    const types = p.used.valueTypes as string[][];
    const formats = p.used.numberFormat as string[][];
    const props = p.fills?.value;
    base.top = top;
    base.left = left;
    base.cells = values.map((row, i) =>
      row.map((v, j) => {
        const addr = rcA1(top + i, left + j);
        const fmt = formats[i][j];
        if (fmt && fmt !== "General") numberFormats.set(cellKey(name, addr), fmt);
        if (props) {
          const f = props[i][j].format?.fill;
          fills!.set(cellKey(name, addr), f && f.pattern !== "None" && f.color ? `FF${f.color.replace("#", "").toUpperCase()}` : null);
        }
        return officeCell(v, formulas[i][j], types[i][j], fmt);
      }),
    );
    if (p.merged && !p.merged.isNullObject) base.merges = parseAreas(p.merged.address);
    return base;
  });
  const snapshot: WorkbookSnapshot = { sheets };
  let journal = xml ? journalFromXml(xml) : null;
  let journalSource: WorkbookRead["journalSource"] = journal ? "part" : null;
  if (!journal && sheets.some((s) => s.name === JOURNAL_SHEET)) {
    journal = journalOf(snapshot);
    journalSource = journal ? "sheet" : null;
  }
  snapshot.journal = journal;
  return { snapshot, journal, journalSource, fills, numberFormats, noteCounts, usedRanges, settings: settingsFromXml(null) };
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
  const f = typeof formula === "string" && formula.startsWith("=") ? formula.slice(1) : undefined;
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
