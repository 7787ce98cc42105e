import type { CellScalar } from "./snapshot";

/**
 * The undo journal: what a cell held before the add-in first touched it, and
 * (version 2) what the add-in last wrote there. It is kept inside the
 * workbook (a custom XML part; earlier versions a very-hidden sheet) so that
 * 「撤销本次修改」 works on any Excel version, after save and reopen, and for
 * files checked by the command line. Entries are kept from the first check:
 * re-checking never replaces what the person originally had. One format for
 * Excel, the command line and WPS (docs/xlsx-adapter.md › The journal).
 */
export interface JournalCell {
  sheet: string;
  cell: string;
  value: CellScalar;
  formula: string | null;
  numFmt: string | null;
  /** Solid fill colour (ARGB) or null for none. */
  fill: string | null;
  note: string | null;
  /** Adapter-specific exact format (ExcelJS fill object), restored when present. */
  fillRaw?: unknown;
  /** What the plan did here: a value write restores the value, a mark only the format. */
  touched: "value" | "mark" | "both";
  /**
   * Version 2: what the add-in left in the cell, so that undo restores it only
   * while it still holds that (src/engine/undo/plan.ts). Absent in version-1
   * entries, which undo judges by `written` and the marks' colours instead.
   */
  wrote?: WroteState;
}

/** What the add-in last left in a cell (each part present only where it wrote it). */
export interface WroteState {
  /** Value writes: the plain value, or the formula (without "="), and the number format after the write. */
  value?: CellScalar;
  formula?: string | null;
  numFmt?: string | null;
  /** Marks: the fill the cell was left with (ARGB; null for none, e.g. a stale mark given back its own). */
  fill?: string | null;
  /** Marks: hash (noteHash) of the note the add-in wrote there, or null when it left no note of its own. */
  noteHash?: string | null;
}

/** A value the add-in wrote as a plain value (not a formula), so a re-check knows it is its own. */
export interface WrittenValue {
  sheet: string;
  cell: string;
  value: CellScalar;
}

/** A sheet the journal's cells are on: its name when journaled and, in Excel, its Worksheet.id (kept across renames). */
export interface JournalSheet {
  name: string;
  id?: string;
}

export interface Journal {
  /** 2 since cells record what was written; 1 is still read (and undone, see undo/plan.ts). */
  version: 1 | 2;
  cells: JournalCell[];
  /** Sheets the add-in created (the results sheet), removed on undo. */
  createdSheets: string[];
  /** Latest plain values the add-in wrote. */
  written: WrittenValue[];
  /** Cells ("sheet!A1") that carry a note the add-in wrote. */
  notes?: string[];
  /** Version 1 files: hash of each note we wrote ("sheet!A1" → noteHash); version 2 keeps it in `wrote`. */
  noteHashes?: Record<string, string>;
  /** Version 2: the sheets of `cells`, by name, with Excel's Worksheet.id where known. */
  sheets?: JournalSheet[];
  /** When this journal's first state was captured, and when it was last written (ISO 8601): how parts written at once are merged (undo/parts.ts). */
  capturedAt?: string;
  writtenAt?: string;
}

export const JOURNAL_VERSION = 2;
export const EMPTY_JOURNAL: Journal = { version: 2, cells: [], createdSheets: [], written: [] };

/** Cells of text a journal is split into: Excel keeps at most 32,767 characters a cell. */
export const JOURNAL_CHUNK = 30000;

export function serializeJournal(j: Journal): string[] {
  const text = JSON.stringify(j);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += JOURNAL_CHUNK) out.push(text.slice(i, i + JOURNAL_CHUNK));
  return out.length ? out : ["{}"];
}

/** Parse chunks back; a damaged journal (or one of a later version) reads as none (nothing to undo), never throws. */
export function parseJournal(chunks: string[]): Journal | null {
  try {
    const j = JSON.parse(chunks.join("")) as Journal;
    if (j && (j.version === 1 || j.version === 2) && Array.isArray(j.cells) && Array.isArray(j.createdSheets)) return { ...j, written: Array.isArray(j.written) ? j.written : [] };
  } catch {
    /* fall through */
  }
  return null;
}

export const journalKey = (c: { sheet: string; cell: string }) => `${c.sheet}\u0000${c.cell}`;

export interface JournalUpdate {
  /** What the touched cells hold now, before this apply: kept only for cells not journaled yet. */
  captured: JournalCell[];
  createdSheets?: string[];
  /** Plain values this apply writes. */
  written?: WrittenValue[];
  /** What this apply leaves in each cell it writes or marks (or gives back a stale mark), by journalKey. */
  wrote?: Map<string, WroteState>;
  /** The sheets as they are now (name, and id where the host has one). */
  sheets?: JournalSheet[];
  /** This apply's time (ISO 8601), from the host's clock: the engine has none. */
  at?: string;
  /** The captured fills are what the cells hold (false below ExcelApi 1.9, where journaled cells' fills are not read again). */
  fillsKnown?: boolean;
}

/**
 * The parts of a journaled cell's original that are no longer its original
 * (null: none): a part this apply writes that no check wrote before (its
 * state now is the one to give back), or one a person changed since our last
 * write (a version-1 entry has no record of that write: kept).
 */
function changedSince(prev: JournalCell, now: JournalCell, fillsKnown: boolean): Partial<JournalCell> | null {
  const w = prev.wrote;
  const out: Partial<JournalCell> & Record<string, unknown> = {};
  const norm = (f: string) => f.replace(/\s+/g, "").replace(/_xlfn\./gi, "").toUpperCase();
  const valueNow = { value: now.value, formula: now.formula, numFmt: now.numFmt };
  if (now.touched !== "mark" && prev.touched === "mark") Object.assign(out, valueNow);
  else if (w && w.formula !== undefined) {
    const holds = w.formula ? now.formula !== null && norm(now.formula) === norm(w.formula) : now.formula === null && sameScalar(now.value, w.value ?? null);
    if (!holds) Object.assign(out, valueNow);
  }
  // A cell marked for the first time has its fill read by every host (below ExcelApi 1.9 too); a fill
  // marked before is compared with ours only where the host read it again (fillsKnown).
  const fillNow = { fill: now.fill, fillRaw: now.fillRaw };
  if (now.touched !== "value" && prev.touched === "value") Object.assign(out, fillNow);
  else if (fillsKnown && w && w.fill !== undefined && (now.fill?.toUpperCase() ?? null) !== (w.fill?.toUpperCase() ?? null)) Object.assign(out, fillNow);
  if (!Object.keys(out).length) return null;
  // An adapter's exact format of the first original (a file's style index) no longer describes it.
  out.style = undefined;
  return out;
}

function sameScalar(a: CellScalar, b: CellScalar): boolean {
  const blank = (v: CellScalar) => v === null || v === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/**
 * Add newly captured cells; a cell already journaled keeps its first
 * (original) state, and what this apply wrote replaces what the last one did.
 * The result is version 2; version-1 entries keep no `wrote` until written again.
 */
export function mergeJournal(old: Journal | null, u: JournalUpdate): Journal {
  const base = old ?? EMPTY_JOURNAL;
  const byKey = new Map(base.cells.map((c) => [journalKey(c), c]));
  for (const c of u.captured) {
    const prev = byKey.get(journalKey(c));
    if (!prev) {
      byKey.set(journalKey(c), { ...c, wrote: undefined });
      continue;
    }
    let next = prev.touched !== c.touched && prev.touched !== "both" ? { ...prev, touched: "both" as const } : prev;
    // A person changed the cell since our last write, and this apply writes there again: what they
    // left is what undo gives back (they cleared our figure: undo leaves it clear), not the first original.
    const since = changedSince(prev, c, u.fillsKnown !== false);
    if (since) next = { ...next, ...since };
    byKey.set(journalKey(c), next);
  }
  for (const [k, w] of u.wrote ?? []) {
    const c = byKey.get(k);
    // Per part: a version-1 entry rewritten only in its mark keeps the version-1 rule for its value (see undo/plan.ts).
    if (c) byKey.set(k, { ...c, wrote: { ...(c.wrote ?? {}), ...w } });
  }
  const createdSheets = [...new Set([...base.createdSheets, ...(u.createdSheets ?? [])])];
  const values = new Map(base.written.map((w) => [journalKey(w), w]));
  for (const w of u.written ?? []) values.set(journalKey(w), w);
  const cells = [...byKey.values()].map((c) => (c.wrote === undefined ? withoutWrote(c) : c));
  const out: Journal = { ...base, version: 2, cells, createdSheets, written: [...values.values()] };
  if (u.at) {
    // A re-check that changes nothing keeps the journal as it was, its time included (a second click changes nothing).
    const untimed = (j: Journal) => JSON.stringify({ ...j, capturedAt: undefined, writtenAt: undefined });
    out.capturedAt = base.capturedAt ?? u.at;
    out.writtenAt = base.writtenAt && untimed(out) === untimed(base) ? base.writtenAt : u.at;
  }
  const names = new Set(cells.map((c) => c.sheet));
  const sheets = new Map((base.sheets ?? []).map((s) => [s.name, s]));
  for (const s of u.sheets ?? []) if (names.has(s.name)) sheets.set(s.name, s);
  for (const n of names) if (!sheets.has(n)) sheets.set(n, { name: n });
  out.sheets = [...sheets.values()].filter((s) => names.has(s.name));
  return out;
}

function withoutWrote(c: JournalCell): JournalCell {
  const { wrote: _w, ...rest } = c;
  return rest;
}

/**
 * Cells marked by an earlier check that this plan no longer marks: their
 * original fill and note come back before the new marks go on, so a fixed
 * problem does not stay red.
 */
export function staleMarks(j: Journal | null, marked: { sheet: string; cell: string }[]): JournalCell[] {
  if (!j) return [];
  const now = new Set(marked.map((m) => `${m.sheet}\u0000${m.cell}`));
  return j.cells.filter((c) => c.touched !== "value" && !now.has(`${c.sheet}\u0000${c.cell}`));
}
