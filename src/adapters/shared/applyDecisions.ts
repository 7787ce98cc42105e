import { a1 } from "../../engine/address";
import { Grid } from "../../engine/grid";
import { staleMarks, type Journal, type JournalCell } from "../../engine/journal";
import type { Plan } from "../../engine/plan";
import { noteIsOurs } from "../../engine/undo/expect";
import { locateJournal, type CurrentSheet } from "../../engine/undo/plan";
import { rebaseJournal } from "../../engine/undo/rebase";
import type { WorkbookSnapshot } from "../../engine/snapshot";

/**
 * What a host's apply decides before it touches the workbook, the same in Excel and in WPS: the
 * journal moved to where its cells are now, the stale marks to take away, what each planned cell is
 * (a value, a mark, both) and every note operation. Hosts only read the cells and carry these out.
 */
export interface ReadForApply {
  snapshot: WorkbookSnapshot;
  journal: Journal | null;
  journalSource: "sheet" | "part" | null;
  /** Note texts of journaled cells, by cellKey. */
  noteTexts: Map<string, string>;
  /** Cells known to hold a note, by cellKey. */
  notesPresent: Set<string>;
}

export type CellKeyOf = (sheet: string, cell: string) => string;

export interface ApplyStart {
  source: "sheet" | "part";
  rebased: ReturnType<typeof rebaseJournal> | null;
  old: Journal | null;
  keyNow: (k: string) => string;
  noteTexts: Map<string, string>;
  stale: JournalCell[];
  kinds: Map<string, { sheet: string; row: number; col: number; kind: JournalCell["touched"] }>;
  grids: Map<string, Grid>;
  /** Cells holding a note before this run, where they are now. */
  present: Set<string>;
  /** Whether the note at a cell still reads as we wrote it. */
  ours: (key: string) => boolean;
}

export function startApply(
  plan: Plan,
  read: ReadForApply,
  /** The sheets as they are now (the host's read, office/journaledCells' currentFromRead). */
  current: CurrentSheet[],
  cellKey: CellKeyOf,
  splitCellKey: (k: string) => [string, string],
): ApplyStart {
  const source = read.journalSource === "sheet" ? "sheet" : "part";
  const now = { sheets: current, source } as const;
  const rebased = read.journal ? rebaseJournal(read.journal, locateJournal(read.journal, now), now) : null;
  const old = rebased?.journal ?? null;
  const keyNow = rebased?.keyNow ?? ((k: string) => k);
  const noteTexts = new Map([...read.noteTexts].map(([k, t]) => [keyNow(k), t]));
  // Where our cells' position is unsure (rows inserted inside a form), a stale mark is left rather
  // than its fill given to whatever cell is at its old address.
  const stale = staleMarks(old, plan.marks).filter((c) => !rebased?.unsure.includes(c.sheet));
  const kinds: ApplyStart["kinds"] = new Map();
  const touch = (sheet: string, row: number, col: number, kind: "value" | "mark") => {
    const k = cellKey(sheet, a1(row, col));
    const prev = kinds.get(k);
    kinds.set(k, { sheet, row, col, kind: prev && prev.kind !== kind ? "both" : kind });
  };
  plan.writes.forEach((w) => touch(w.sheet, w.row, w.col, "value"));
  plan.marks.forEach((m) => touch(m.sheet, m.row, m.col, "mark"));
  const grids = new Map(read.snapshot.sheets.map((s) => [s.name, new Grid(s)]));
  const present = new Set([...read.notesPresent].map(keyNow));
  const ours = (key: string) => {
    const [sheet, cell] = splitCellKey(key);
    return !!old && noteIsOurs(old, old.cells.find((c) => c.sheet === sheet && c.cell === cell), noteTexts.get(key) ?? "", source);
  };
  return { source, rebased, old, keyNow, noteTexts, stale, kinds, grids, present, ours };
}

export interface NoteOp {
  sheet: string;
  cell: string;
  op: "delete" | "update" | "add";
  text?: string;
}

/**
 * Every note operation, decided before the batch: delete or update only notes known to exist and
 * still reading as we wrote them (a reviewer's added line keeps the note theirs); a new note only
 * where the host may add one (every note of the sheet is known, or the cell was asked and has none).
 */
export function decideNotes(
  plan: Plan,
  start: ApplyStart,
  cellKey: CellKeyOf,
  host: { notes: boolean; canNote: (sheet: string) => boolean; free: Set<string> },
): { noteOps: NoteOp[]; notesKept: string[]; skippedNotes: Set<string>; journalNotes: string[] } {
  const { present, ours } = start;
  const noteOps: NoteOp[] = [];
  const notesKept: string[] = [];
  for (const c of start.stale) {
    const key = cellKey(c.sheet, c.cell);
    if (present.has(key) && host.notes && ours(key)) {
      noteOps.push({ sheet: c.sheet, cell: c.cell, op: "delete" });
      present.delete(key);
    }
  }
  const skippedNotes = new Set<string>();
  // Notes this batch writes: a second mark on the same cell (a computed figure with a finding) replaces the first's note, as in files.
  const writtenNow = new Set<string>();
  for (const m of plan.marks) {
    const key = cellKey(m.sheet, m.cell);
    if (present.has(key)) {
      if (writtenNow.has(key) || (host.notes && ours(key))) {
        noteOps.push({ sheet: m.sheet, cell: m.cell, op: "update", text: m.note });
        writtenNow.add(key);
      } else if (!notesKept.includes(key)) notesKept.push(key);
      continue;
    }
    if (!host.canNote(m.sheet) && !host.free.has(key)) {
      skippedNotes.add(m.sheet);
      continue;
    }
    noteOps.push({ sheet: m.sheet, cell: m.cell, op: "add", text: m.note });
    present.add(key);
    writtenNow.add(key);
  }
  // Notes that may exist after this batch, even if it stops midway (existence is checked at the next read).
  const journalNotes = [...new Set([...present, ...noteOps.map((o) => cellKey(o.sheet, o.cell))])];
  return { noteOps, notesKept, skippedNotes, journalNotes };
}
