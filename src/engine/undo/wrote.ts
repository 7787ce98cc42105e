import { journalKey, type JournalCell, type WroteState } from "../journal";
import { noteHash } from "../noteHash";
import { MARK_FILL, type Plan } from "../plan";

/**
 * What an apply of `plan` leaves in each cell, for the journal (version 2):
 * the value or formula and number format of each write, the fill and the
 * hash of our note of each mark, and a stale mark's own fill given back with
 * no note of ours. `noteWritten` says whether the host put our note on a
 * marked cell (it does not over a person's note, nor without the notes API),
 * or "edited" where it left alone our earlier note that a person has edited:
 * that note's record stays, so that undo still knows it and says it is kept.
 */
export function wroteByPlan(plan: Plan, stale: JournalCell[], noteWritten: (sheet: string, cell: string) => boolean | "edited"): Map<string, WroteState> {
  const out = new Map<string, WroteState>();
  const add = (k: string, w: WroteState) => out.set(k, { ...(out.get(k) ?? {}), ...w });
  for (const c of stale) add(journalKey(c), { fill: c.fill, noteHash: null });
  for (const w of plan.writes) add(journalKey(w), { value: w.formula === null ? w.value : null, formula: w.formula, ...(w.numFmt ? { numFmt: w.numFmt } : {}) });
  for (const m of plan.marks) {
    const note = noteWritten(m.sheet, m.cell);
    add(journalKey(m), { fill: MARK_FILL[m.tone], ...(note === "edited" ? {} : { noteHash: note ? noteHash(m.note) : null }) });
  }
  return out;
}
