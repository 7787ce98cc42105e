import { journalKey, type Journal, type JournalCell, type WroteState } from "../journal";
import { noteHash } from "../noteHash";
import { MARK_FILL, type Plan } from "../plan";

/**
 * What an apply of `plan` leaves in each cell, for the journal (version 2):
 * the value or formula and number format of each write, the fill and the
 * hash of our note of each mark, and a stale mark's own fill given back with
 * no note of ours. `noteWritten` says whether the host put our note on a
 * marked cell (true), took ours away or never wrote one (false: it does not
 * write over a person's note, nor without the notes API), or left an earlier
 * note of ours as it was ("unchanged": one a person has edited, one it could
 * not read): that note's record stays, so that undo still finds it, and says
 * when it keeps it.
 */
export function wroteByPlan(plan: Plan, stale: JournalCell[], noteWritten: (sheet: string, cell: string) => boolean | "unchanged"): Map<string, WroteState> {
  const out = new Map<string, WroteState>();
  const add = (k: string, w: WroteState) => out.set(k, { ...(out.get(k) ?? {}), ...w });
  for (const c of stale) add(journalKey(c), { fill: c.fill, ...(noteWritten(c.sheet, c.cell) === "unchanged" ? {} : { noteHash: null }) });
  for (const w of plan.writes) add(journalKey(w), { value: w.formula === null ? w.value : null, formula: w.formula, ...(w.numFmt ? { numFmt: w.numFmt } : {}) });
  for (const m of plan.marks) {
    const note = noteWritten(m.sheet, m.cell);
    add(journalKey(m), { fill: MARK_FILL[m.tone], ...(note === "unchanged" ? {} : { noteHash: note ? noteHash(m.note) : null }) });
  }
  return out;
}

/** Whether the journal records a note of ours on a cell (what "unchanged" keeps). */
export function notedBefore(j: Journal | null, sheet: string, cell: string): boolean {
  const c = j?.cells.find((x) => x.sheet === sheet && x.cell === cell);
  if (!c || c.touched === "value") return false;
  if (c.wrote?.noteHash !== undefined) return c.wrote.noteHash !== null;
  return !!j!.noteHashes?.[`${sheet}!${cell}`] || !!j!.notes?.includes(`${sheet}!${cell}`);
}
