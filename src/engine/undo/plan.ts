import { a1, parseA1 } from "../address";
import { shiftReferences } from "../formulaText";
import type { Journal, JournalCell } from "../journal";
import type { CellScalar } from "../snapshot";
import { distinctive, EMPTY_CELL, expectOf, sameValue, fillMatches, noteMatches, valueMatches, type CellExpect, type CurrentCell } from "./expect";

export type { CurrentCell } from "./expect";

/**
 * The undo decision, made once for every host (the Excel adapter, the file
 * adapter, the command line): the journal and the journaled cells as they are
 * now in, an undo plan out. A cell is restored only where it still holds what
 * the add-in wrote (part by part: value, fill, note); what a person changed
 * since is kept and listed. A sheet is found by Worksheet.id, else by name,
 * else as the sheet holding what we wrote; rows or columns inserted or
 * deleted since are found as one offset of all our cells on the sheet, or
 * nothing is restored there.
 */

/** A sheet as it is now: every non-empty cell of what the host read, by A1 address; a cell not given is empty. */
export interface CurrentSheet {
  name: string;
  /** Excel's Worksheet.id; files have none. */
  id?: string;
  cells: Record<string, CurrentCell>;
}

export interface UndoInput {
  sheets: CurrentSheet[];
  /** Where the journal came from: the custom XML part, or the command line's old very-hidden sheet. */
  source?: "part" | "sheet";
}

/** One cell to put back, at its address now, part by part. */
export interface CellRestore {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  /** The journal entry (its adapter-specific fields too, e.g. a file's style index). */
  original: JournalCell;
  /** The original value or formula (references moved with the cell) and number format. */
  value?: { value: CellScalar; formula: string | null; numFmt: string | null };
  /** The original fill (null: none). */
  fill?: { fill: string | null };
  /** Our note taken away (null) or the note that was there before put back. */
  note?: { text: string | null };
  /** The cell sits where it was journaled (no rows or columns moved it). */
  inPlace: boolean;
}

export type KeptReason = "value" | "fill" | "note" | "unread" | "moved" | "sheet";

/** A cell left as it is, and why (「附件1!D4 已被修改，保留现值」). */
export interface KeptCell {
  sheet: string;
  cell: string;
  why: string;
  reason: KeptReason;
}

/** Where a journaled sheet is now. */
export interface SheetLocation {
  /** The name in the journal. */
  journalName: string;
  /** The sheet now, or null when none holds our cells. */
  sheet: string | null;
  rows: number;
  cols: number;
  /** found: at one offset; unsure: our cells are at different offsets (rows inserted inside the form); missing: no such sheet. */
  status: "found" | "unsure" | "missing";
}

export interface UndoPlan {
  restore: CellRestore[];
  kept: KeptCell[];
  /** Sheets the add-in created, to remove (their names now). */
  removeSheets: string[];
  located: SheetLocation[];
}

export const KEPT_WHY: Record<KeptReason, string> = {
  value: "已被修改，保留现值",
  fill: "填充色已被修改，保留现填充色",
  note: "批注已被修改，保留",
  unread: "无法读取填充色，保留现状",
  moved: "所在表格的行列已变动，无法确定原位置，未恢复",
  sheet: "所在工作表已不存在，未恢复",
};

/** An offset supported by fewer of our cells than this does not make a sheet's position unsure (a look-alike cell). */
const RIVAL_SUPPORT = 2;

interface Entry {
  c: JournalCell;
  row: number;
  col: number;
  e: CellExpect;
}

const cellOf = (s: CurrentSheet, row: number, col: number): CurrentCell => (row < 0 || col < 0 ? EMPTY_CELL : (s.cells[a1(row, col)] ?? EMPTY_CELL));

/** Whether the entry's distinctive parts are all found at the offset (null: nothing to tell by). */
function foundAt(en: Entry, s: CurrentSheet, dr: number, dc: number): boolean | null {
  const d = distinctive(en.e);
  const cur = cellOf(s, en.row + dr, en.col + dc);
  let known = 0;
  if (d.value) {
    known++;
    if (!valueMatches(en.e.value!, cur, dr, dc)) return false;
  }
  if (d.fill) {
    const m = fillMatches(en.e.fill!, cur);
    if (m !== "unknown") {
      known++;
      if (!m) return false;
    }
  }
  if (d.note) {
    const m = noteMatches(en.e.note!, cur);
    if (m === true) known++;
    else if (m === false || m === "gone") {
      known++;
      return false;
    }
  }
  return known ? true : null;
}

const refPattern = /\$?[A-Za-z]{1,3}\$?\d+/g;
const skeleton = (f: string) => f.replace(/^=/, "").replace(/_xlfn\./gi, "").replace(/\s+/g, "").toUpperCase().replace(refPattern, "R");

/** Offsets looked at beside (0,0): the ones most of our cells point to (a form's many 【待说明】 alike would otherwise give hundreds). */
const CANDIDATES = 12;

/** Offsets at which some distinctive cell of ours is found in what the host read, the best supported first. */
function candidates(entries: Entry[], s: CurrentSheet): string[] {
  const support = new Map<string, number>();
  const cells = Object.entries(s.cells).map(([addr, c]) => ({ pos: parseA1(addr), c })).filter((x): x is { pos: { row: number; col: number }; c: CurrentCell } => x.pos !== null);
  const byValue = entries.filter((en) => distinctive(en.e).value);
  const probe = byValue.length ? byValue : entries.filter((en) => distinctive(en.e).fill);
  for (const en of probe) {
    const v = en.e.value;
    const sk = v?.kind === "formula" ? skeleton(v.formula) : null;
    for (const { pos, c } of cells) {
      if (v?.kind === "formula" && (!c.formula || skeleton(c.formula) !== sk)) continue;
      if (v?.kind === "value" && (c.formula !== null || !sameValue(c.value, v.value))) continue;
      const dr = pos.row - en.row, dc = pos.col - en.col;
      if (!foundAt(en, s, dr, dc)) continue;
      const k = `${dr},${dc}`;
      support.set(k, (support.get(k) ?? 0) + 1);
    }
  }
  const best = [...support].filter(([k]) => k !== "0,0").sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([k]) => k);
  return ["0,0", ...best];
}

/** Where our cells of one journaled sheet are on a sheet now: the offset most of them are found at. */
function locateOn(entries: Entry[], s: CurrentSheet): { rows: number; cols: number; score: number; unsure: boolean } {
  const scored = candidates(entries, s).map((k) => {
    const [dr, dc] = k.split(",").map(Number);
    const found = entries.map((en) => foundAt(en, s, dr, dc));
    return { dr, dc, found, score: found.filter((f) => f === true).length };
  });
  const best = Math.max(...scored.map((x) => x.score));
  const top = scored.filter((x) => x.score === best);
  const pick = best === 0 ? scored[0] : (top.find((x) => x.dr === 0 && x.dc === 0) ?? top[0]);
  if (best > 0 && top.length > 1 && !top.some((x) => x.dr === 0 && x.dc === 0)) return { rows: pick.dr, cols: pick.dc, score: best, unsure: true };
  // Cells not found at the offset but found together at another (a row inserted inside the form) make it unsure.
  const claimed = new Set(entries.filter((_, i) => pick.found[i] === true).map((en) => `${en.row + pick.dr},${en.col + pick.dc}`));
  const unsure = scored.some((x) => {
    if (x === pick) return false;
    const support = entries.filter((en, i) => pick.found[i] === false && x.found[i] === true && !claimed.has(`${en.row + x.dr},${en.col + x.dc}`)).length;
    return support >= RIVAL_SUPPORT;
  });
  return { rows: pick.dr, cols: pick.dc, score: best, unsure };
}

function entriesOf(cells: JournalCell[], j: Journal, source: "part" | "sheet"): Entry[] {
  return cells.flatMap((c) => {
    const p = parseA1(c.cell);
    return p ? [{ c, row: p.row, col: p.col, e: expectOf(c, j, source) }] : [];
  });
}

const upper = (s: string) => s.toLocaleUpperCase();

/** Where each journaled sheet is now: by Worksheet.id, else by name, else as the sheet holding what we wrote. */
export function locateJournal(j: Journal, input: UndoInput): SheetLocation[] {
  const source = input.source ?? "part";
  const names = [...new Set(j.cells.map((c) => c.sheet))];
  const ids = new Map((j.sheets ?? []).filter((s) => s.id).map((s) => [s.name, s.id!]));
  const taken = new Set<string>();
  const match = new Map<string, CurrentSheet>();
  for (const n of names) {
    const s = ids.has(n) ? input.sheets.find((x) => x.id === ids.get(n)) : undefined;
    if (s) (match.set(n, s), taken.add(s.name));
  }
  for (const n of names) {
    if (match.has(n)) continue;
    const s = input.sheets.find((x) => upper(x.name) === upper(n) && !taken.has(x.name));
    if (s) (match.set(n, s), taken.add(s.name));
  }
  const created = new Set(j.createdSheets.map(upper));
  for (const n of names) {
    if (match.has(n)) continue;
    const entries = entriesOf(j.cells.filter((c) => c.sheet === n), j, source);
    const scored = input.sheets.filter((x) => !taken.has(x.name) && !created.has(upper(x.name))).map((x) => ({ x, score: locateOn(entries, x).score }));
    const best = Math.max(0, ...scored.map((x) => x.score));
    const top = scored.filter((x) => x.score === best);
    if (best > 0 && top.length === 1) (match.set(n, top[0].x), taken.add(top[0].x.name));
  }
  return names.map((n) => {
    const s = match.get(n);
    if (!s) return { journalName: n, sheet: null, rows: 0, cols: 0, status: "missing" };
    const at = locateOn(entriesOf(j.cells.filter((c) => c.sheet === n), j, source), s);
    return { journalName: n, sheet: s.name, rows: at.rows, cols: at.cols, status: at.unsure ? "unsure" : "found" };
  });
}

/** The undo plan: what to restore where, what to keep and why, which sheets to remove. */
export function planUndo(j: Journal, input: UndoInput): UndoPlan {
  const source = input.source ?? "part";
  const located = locateJournal(j, input);
  const restore: CellRestore[] = [];
  const kept: KeptCell[] = [];
  const keep = (sheet: string, cell: string, reason: KeptReason) => kept.push({ sheet, cell, why: KEPT_WHY[reason], reason });
  for (const loc of located) {
    const entries = entriesOf(j.cells.filter((c) => c.sheet === loc.journalName), j, source);
    const s = input.sheets.find((x) => x.name === loc.sheet);
    if (!s || loc.status !== "found") {
      for (const en of entries) keep(loc.sheet ?? loc.journalName, en.c.cell, loc.status === "missing" ? "sheet" : "moved");
      continue;
    }
    const { rows: dr, cols: dc } = loc;
    for (const en of entries) {
      const row = en.row + dr, col = en.col + dc;
      if (row < 0 || col < 0) {
        keep(s.name, en.c.cell, "moved");
        continue;
      }
      const cell = a1(row, col);
      const cur = cellOf(s, row, col);
      const r: CellRestore = { sheet: s.name, cell, row, col, original: en.c, inPlace: dr === 0 && dc === 0 };
      if (en.e.value) {
        const m = valueMatches(en.e.value, cur, dr, dc);
        const formula = en.c.formula && m === "shifted" ? shiftReferences(en.c.formula, dr, dc, "all") : en.c.formula;
        if (m) r.value = { value: en.c.value, formula, numFmt: en.c.numFmt };
        else keep(s.name, cell, "value");
      }
      if (en.e.fill) {
        const m = fillMatches(en.e.fill, cur);
        if (m === true) r.fill = { fill: en.c.fill };
        else keep(s.name, cell, m === "unknown" ? "unread" : "fill");
      }
      if (en.e.note) {
        const m = noteMatches(en.e.note, cur);
        if (m === true) r.note = { text: en.c.note };
        else if (m === false) keep(s.name, cell, "note");
      }
      if (r.value || r.fill || r.note) restore.push(r);
    }
  }
  const removeSheets = j.createdSheets.flatMap((n) => input.sheets.filter((s) => upper(s.name) === upper(n)).map((s) => s.name));
  return { restore, kept, removeSheets, located };
}
