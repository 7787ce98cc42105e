import { a1, parseA1 } from "../address";
import type { Journal, JournalCell } from "../journal";
import { shiftReferences } from "../formulaText";
import { EMPTY_CELL, expectOf, valueMatches } from "./expect";
import type { SheetLocation, UndoInput } from "./plan";

export interface Rebased {
  journal: Journal;
  /** Entries of sheets no longer in the workbook, dropped (there is nothing left to restore). */
  dropped: JournalCell[];
  /** A journaled cell's "sheet!A1" as it is now. */
  keyNow(key: string): string;
  /** Sheets (names now) whose cells were found at different offsets: a re-check must not give stale marks back there by address. */
  unsure: string[];
}

/**
 * The journal moved to where its cells are now, before a re-check uses it: a
 * renamed sheet by its new name, rows or columns inserted since by the offset
 * the engine found (locateJournal). Without this, a re-check would take our
 * own marks at the new positions for originals, and give a stale mark's fill
 * back to whatever cell now sits at its old address. Entries of a sheet that
 * is gone are dropped (and returned, for a line saying so); where the offset
 * is unsure the entries keep their addresses.
 */
export function rebaseJournal(j: Journal, located: SheetLocation[], input: UndoInput): Rebased {
  const where = new Map(located.map((l) => [l.journalName, l]));
  const moves = new Map<string, string>();
  const dropped: JournalCell[] = [];
  const move = (sheet: string, cell: string): { sheet: string; cell: string } | null => {
    const l = where.get(sheet);
    if (!l) return { sheet, cell };
    if (l.status === "missing" || !l.sheet) return null;
    const p = parseA1(cell);
    if (l.status !== "found" || !p || p.row + l.rows < 0 || p.col + l.cols < 0) return { sheet: l.sheet, cell };
    return { sheet: l.sheet, cell: a1(p.row + l.rows, p.col + l.cols) };
  };
  const cells: JournalCell[] = [];
  for (const c of j.cells) {
    const to = move(c.sheet, c.cell);
    if (!to) {
      dropped.push(c);
      continue;
    }
    moves.set(`${c.sheet}!${c.cell}`, `${to.sheet}!${to.cell}`);
    cells.push(withFormulasMoved({ ...c, ...to }, c, where.get(c.sheet), j, input));
  }
  const keyNow = (key: string) => moves.get(key) ?? key;
  const written = j.written.flatMap((w) => {
    const to = move(w.sheet, w.cell);
    return to ? [{ ...w, ...to }] : [];
  });
  const out: Journal = { ...j, cells, written };
  if (j.notes) out.notes = j.notes.filter((k) => moves.has(k)).map(keyNow);
  if (j.noteHashes) out.noteHashes = Object.fromEntries(Object.entries(j.noteHashes).filter(([k]) => moves.has(k)).map(([k, h]) => [keyNow(k), h]));
  if (j.sheets) out.sheets = j.sheets.flatMap((s) => {
    const l = where.get(s.name);
    if (l && (l.status === "missing" || !l.sheet)) return [];
    return [{ ...s, name: l?.sheet ?? s.name }];
  });
  const unsure = located.filter((l) => l.status === "unsure" && l.sheet).map((l) => l.sheet!);
  return { journal: out, dropped, keyNow, unsure };
}

/**
 * Where the host moved our formula's references with the cell (Excel does;
 * openpyxl does not), the journal's formulas move too: what we wrote, and the
 * original, as Excel would have rewritten it.
 */
function withFormulasMoved(c: JournalCell, was: JournalCell, l: SheetLocation | undefined, j: Journal, input: UndoInput): JournalCell {
  if (!l || l.status !== "found" || (!l.rows && !l.cols)) return c;
  const e = expectOf(was, j, input.source ?? "part").value;
  const s = input.sheets.find((x) => x.name === l.sheet);
  if (!e || e.kind !== "formula" || !s) return c;
  if (valueMatches(e, s.cells[c.cell] ?? EMPTY_CELL, l.rows, l.cols) !== "shifted") return c;
  const shift = (f: string) => shiftReferences(f, l.rows, l.cols, "all");
  return { ...c, formula: c.formula ? shift(c.formula) : c.formula, wrote: { ...c.wrote, formula: shift(e.formula) } };
}

/** The line for entries dropped with their sheet: 「工作表“附件3”已不存在，其 12 处撤销记录已删除」. */
export function droppedLines(dropped: JournalCell[]): string[] {
  const by = new Map<string, number>();
  for (const c of dropped) by.set(c.sheet, (by.get(c.sheet) ?? 0) + 1);
  return [...by].map(([s, n]) => `工作表“${s}”已不存在，其 ${n} 处撤销记录已删除`);
}
