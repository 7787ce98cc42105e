import { a1, parseRangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import { addressOf } from "./app";
import type { EtWorksheet } from "./etApi";
import { UNION_CHARS } from "./unions";

/** Candidate cells next to each other in one column (one area of a union address). */
interface Run {
  col: number;
  top: number;
  bottom: number;
}

/**
 * Candidates asked at once: forms have about one merged cell in four
 * candidates (the seed: 29 of 115). Where so many are positive, small groups
 * need the fewest questions (Hwang's generalised binary splitting gives 2);
 * on the seed, groups of 2, 4, 8 and 255 characters read in 243, 239, 251
 * and 262 calls. A run longer than that (a ledger's column) stays one area:
 * it is answered False at once.
 */
const GROUP_CELLS = 4;

type Holding = "none" | "some" | "all";

const runAddress = (r: Run) => (r.top === r.bottom ? a1(r.top, r.col) : `${a1(r.top, r.col)}:${a1(r.bottom, r.col)}`);
const cellsIn = (runs: Run[]) => runs.reduce((n, r) => n + r.bottom - r.top + 1, 0);
const inside = (m: CellRange, row: number, col: number) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;

/** A group's two halves by cells (a single run is cut in the middle), so that a group costs log2 of its size to search. */
function halves(runs: Run[]): [Run[], Run[]] {
  if (runs.length === 1) {
    const r = runs[0];
    const mid = r.top + Math.floor((r.bottom - r.top) / 2);
    return [[{ ...r, bottom: mid }], [{ ...r, top: mid + 1 }]];
  }
  const half = cellsIn(runs) / 2;
  let n = 0, i = 0;
  while (i < runs.length - 1 && n + (runs[i].bottom - runs[i].top + 1) <= half) {
    n += runs[i].bottom - runs[i].top + 1;
    i++;
  }
  if (i === 0) i = 1;
  return [runs.slice(0, i), runs.slice(i)];
}

/**
 * Merged areas that show a value. Excel and WPS keep a merged area's value in
 * its top-left cell only, so such an area starts at a filled cell whose right
 * or lower neighbour is empty in the block read: only those cells (the
 * candidates) are asked about. Candidates are taken column by column, and
 * neighbours in a column make one area ("L1:L300"), so a ledger beside the
 * forms adds a few areas, not a call per row. A union of areas whose address
 * fits 255 characters is asked MergeCells once: False when none of its cells
 * is merged, True when all are, null otherwise [M aa206522]. A mixed union
 * is halved; when the first half holds no merge the second must, and when
 * it is all merged the second is not, so a single cell left there is not
 * asked again. A merged candidate gives its area
 * through MergeArea (single cells only [M aa175731]) and Address: three calls
 * each, the least any merge can cost. A merge of blank cells shows nothing
 * and changes nothing the engine reads. With `unions` false (a build that
 * refuses unions or answers them from their first area), each run is asked
 * on its own: the same merges, more calls.
 */
export function readMerges(ws: EtWorksheet, area: CellRange, filled: (row: number, col: number) => boolean, unions = true): CellRange[] {
  const found: CellRange[] = [];
  const runs: Run[] = [];
  for (let c = area.left; c <= area.right; c++) {
    for (let r = area.top; r <= area.bottom; r++) {
      if (!(filled(r, c) && (!filled(r, c + 1) || (r < area.bottom && !filled(r + 1, c))))) continue;
      const last = runs[runs.length - 1];
      if (last && last.col === c && last.bottom === r - 1) last.bottom = r;
      else runs.push({ col: c, top: r, bottom: r });
    }
  }
  /** The merge holding one cell: its MergeArea, unless an area found already holds it. Whether it is merged. */
  const areaOf = (row: number, col: number, range = ws.Range(a1(row, col))): boolean => {
    const m = parseRangeA1(addressOf(range.MergeArea));
    if (!m || (m.top === m.bottom && m.left === m.right)) return false;
    if (!found.some((f) => f.top === m.top && f.left === m.left)) found.push(m);
    return true;
  };
  const covered = (row: number, col: number) => found.some((m) => inside(m, row, col));
  /**
   * Search a group: whether none, some or all of its cells are merged.
   * `known`: what its mixed parent's other half implies — a merged cell is
   * in it ("one"), or an unmerged one ("notAll"); for a single cell that is
   * the answer, so it is not asked.
   */
  const search = (group: Run[], known: "one" | "notAll" | null): Holding => {
    if (cellsIn(group) === 1) {
      const { top: row, col } = group[0];
      if (covered(row, col)) return "all";
      if (known === "notAll") return "none";
      if (known === "one") return areaOf(row, col) ? "all" : "none";
      const range = ws.Range(a1(row, col));
      return range.MergeCells === true && areaOf(row, col, range) ? "all" : "none";
    }
    const merged = ws.Range(group.map(runAddress).join(",")).MergeCells;
    if (merged === false) return "none";
    if (merged === true) {
      for (const r of group) for (let row = r.top; row <= r.bottom; row++) search([{ col: r.col, top: row, bottom: row }], "one");
      return "all";
    }
    const [first, second] = halves(group);
    const a = search(first, null);
    const b = search(second, a === "none" ? "one" : a === "all" ? "notAll" : null);
    return a === b && a !== "some" ? a : "some";
  };
  // Groups whose union address fits in 255 characters; one run (one rectangle) each where this build's unions are not known to be answered for all their areas (unionSupport.ts).
  let group: Run[] = [];
  let chars = 0;
  for (const run of runs) {
    const text = runAddress(run);
    if (group.length && (!unions || chars + 1 + text.length > UNION_CHARS || cellsIn(group) >= GROUP_CELLS)) {
      search(group, null);
      group = [];
      chars = 0;
    }
    chars += (group.length ? 1 : 0) + text.length;
    group.push(run);
  }
  if (group.length) search(group, null);
  return found;
}
