import type { CellScalar } from "./snapshot";

/**
 * The undo journal: what a cell held before the add-in first touched it. It
 * is kept inside the workbook (a very-hidden sheet) so that 「撤销本次修改」
 * works on any Excel version, after save and reopen, and for files checked by
 * the command line. Entries are kept from the first check: re-checking never
 * replaces what the person originally had.
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
}

/** A value the add-in wrote as a plain value (not a formula), so a re-check knows it is its own. */
export interface WrittenValue {
  sheet: string;
  cell: string;
  value: CellScalar;
}

export interface Journal {
  version: 1;
  cells: JournalCell[];
  /** Sheets the add-in created (the results sheet), removed on undo. */
  createdSheets: string[];
  /** Latest plain values the add-in wrote. */
  written: WrittenValue[];
  /** Cells ("sheet!A1") that carry a note the add-in wrote (Office only). */
  notes?: string[];
}

export const EMPTY_JOURNAL: Journal = { version: 1, cells: [], createdSheets: [], written: [] };

/** Cells of text a journal is split into: Excel keeps at most 32,767 characters a cell. */
export const JOURNAL_CHUNK = 30000;

export function serializeJournal(j: Journal): string[] {
  const text = JSON.stringify(j);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += JOURNAL_CHUNK) out.push(text.slice(i, i + JOURNAL_CHUNK));
  return out.length ? out : ["{}"];
}

/** Parse chunks back; a damaged journal reads as none (nothing to undo), never throws. */
export function parseJournal(chunks: string[]): Journal | null {
  try {
    const j = JSON.parse(chunks.join("")) as Journal;
    if (j && j.version === 1 && Array.isArray(j.cells) && Array.isArray(j.createdSheets)) return { ...j, written: Array.isArray(j.written) ? j.written : [] };
  } catch {
    /* fall through */
  }
  return null;
}

/** Add newly captured cells; a cell already journaled keeps its first (original) state. */
export function mergeJournal(old: Journal | null, captured: JournalCell[], createdSheets: string[], written: WrittenValue[] = []): Journal {
  const base = old ?? EMPTY_JOURNAL;
  const key = (c: { sheet: string; cell: string }) => `${c.sheet}\u0000${c.cell}`;
  const byKey = new Map(base.cells.map((c) => [key(c), c]));
  for (const c of captured) {
    const prev = byKey.get(key(c));
    if (!prev) byKey.set(key(c), c);
    else if (prev.touched !== c.touched && prev.touched !== "both") byKey.set(key(c), { ...prev, touched: "both" });
  }
  const sheets = [...new Set([...base.createdSheets, ...createdSheets])];
  const values = new Map(base.written.map((w) => [key(w), w]));
  for (const w of written) values.set(key(w), w);
  return { version: 1, cells: [...byKey.values()], createdSheets: sheets, written: [...values.values()] };
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
