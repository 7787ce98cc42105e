import { journalKey, type Journal, type JournalCell, type WroteState } from "../journal";
import { sameValue } from "./expect";

/**
 * Several journal parts in one workbook (two runs at once: the ribbon's and the
 * pane's runtimes, or two co-authors; Office.js cannot add a part only if none
 * exists) merged into one. For each cell the earliest captured state wins —
 * unless it equals what another part wrote there: that run captured the other
 * run's write, not the person's original. What was last written comes from the
 * part written last. Parts without times (written before they carried them)
 * count as later than any that have one.
 */
export function mergeJournalParts(parts: Journal[]): Journal | null {
  if (parts.length <= 1) return parts[0] ?? null;
  const time = (t: string | undefined) => (t ? Date.parse(t) : Infinity);
  const byCapture = [...parts].sort((a, b) => time(a.capturedAt) - time(b.capturedAt));
  const byWrite = [...parts].sort((a, b) => time(b.writtenAt) - time(a.writtenAt));
  const keys = [...new Set(parts.flatMap((p) => p.cells.map(journalKey)))];
  const cells: JournalCell[] = keys.map((k) => {
    const entries = byCapture.map((p) => ({ p, c: p.cells.find((c) => journalKey(c) === k) })).filter((e): e is { p: Journal; c: JournalCell } => !!e.c);
    const writes = entries.map((e) => e.c.wrote).filter((w): w is WroteState => !!w);
    const original = entries.find((e) => !writes.some((w) => w !== e.c.wrote && holds(e.c, w))) ?? entries[0];
    const touched = entries.some((e) => e.c.touched !== original.c.touched) ? "both" : original.c.touched;
    const latest = byWrite.map((p) => p.cells.find((c) => journalKey(c) === k)?.wrote).find((w) => w !== undefined);
    const cell: JournalCell = { ...original.c, touched };
    if (latest) cell.wrote = latest;
    else delete cell.wrote;
    return cell;
  });
  const written = new Map<string, Journal["written"][number]>();
  for (const p of [...byWrite].reverse()) for (const w of p.written) written.set(journalKey(w), w);
  const sheets = new Map<string, NonNullable<Journal["sheets"]>[number]>();
  for (const p of [...byWrite].reverse()) for (const s of p.sheets ?? []) sheets.set(s.name, { ...sheets.get(s.name), ...s });
  const out: Journal = {
    version: 2,
    cells,
    createdSheets: [...new Set(parts.flatMap((p) => p.createdSheets))],
    written: [...written.values()],
    notes: [...new Set(parts.flatMap((p) => p.notes ?? []))],
    sheets: [...sheets.values()],
  };
  const hashes = Object.assign({}, ...[...byWrite].reverse().map((p) => p.noteHashes ?? {}));
  if (Object.keys(hashes).length) out.noteHashes = hashes;
  const captured = byCapture.find((p) => p.capturedAt)?.capturedAt;
  const lastWrite = byWrite.find((p) => p.writtenAt)?.writtenAt;
  if (captured) out.capturedAt = captured;
  if (lastWrite) out.writtenAt = lastWrite;
  return out;
}

/** Whether a captured state is what a run wrote (its value or formula, or its fill): then it is not an original. */
function holds(c: JournalCell, w: WroteState): boolean {
  if (c.touched !== "mark" && (w.formula !== undefined || w.value !== undefined)) {
    const blank = w.value === null || w.value === undefined || w.value === "";
    if (w.formula ? c.formula === w.formula : !blank && c.formula === null && sameValue(c.value, w.value ?? null)) return true;
  }
  return c.touched !== "value" && w.fill !== undefined && w.fill !== null && c.fill === w.fill;
}
