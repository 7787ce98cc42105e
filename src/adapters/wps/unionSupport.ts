import { a1, parseRangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import type { EtRange, EtWorksheet } from "./etApi";
import { unionsOf } from "./unions";

/**
 * Whether this WPS build honours a range of several areas ("A1:A4,C7"). Excel's COM model
 * does ("Refer to multiple ranges", Application.Union), WPS does not document it, and a
 * build might refuse the address, write only its first area, or answer a read
 * (MergeCells, NumberFormat …) from its first area only. The adapter finds out once per
 * run, from calls it makes anyway, and uses one call per area wherever unions are not
 * shown to be honoured: the outcome is the same either way, only the number of calls
 * differs.
 * - reads: one NumberFormat (or Text) of two cells the block reads already know to differ:
 *   Null means every area answered (readFormats reads rectangles only). MergeCells is
 *   assumed to answer as NumberFormat and Text do (the 诊断 page records each);
 * - writes: the first union written that has an area (other than its first) known not to
 *   hold the value yet is read back at that area.
 * "unknown" until a run has such cells; meanwhile every union is treated as not honoured.
 */
export type UnionAnswer = "unknown" | "honoured" | "per-area";

export class UnionSupport {
  reads: UnionAnswer = "unknown";
  writes: UnionAnswer = "unknown";

  /** Range(address of several areas) threw: nothing of this build takes unions. */
  refused(): void {
    this.reads = this.writes = "per-area";
  }

  /** Reads of unions may be used (the merge search). */
  get readsHonoured(): boolean {
    return this.reads === "honoured";
  }

  /**
   * Find out how reads answer (2 calls), from two cells of `ws` the block reads already
   * know to differ: in number format (NumberFormat gives Null when cells differ:
   * https://learn.microsoft.com/en-us/office/vba/api/excel.range.numberformat), else in
   * text (Range.Text "returns Null, except when all the cells in the range have identical
   * contents and formats": https://learn.microsoft.com/en-us/office/vba/api/excel.range.text).
   * Every area answered when the union reads Null. Nothing is asked when no two cells differ.
   */
  probeReads(ws: EtWorksheet, formats: Map<string, string>, texts: Map<string, string>): void {
    if (this.reads !== "unknown") return;
    const format = differing(formats);
    const pair = format ?? differing(texts);
    if (!pair) return;
    let range: EtRange;
    try {
      range = ws.Range(pair.join(","));
    } catch {
      this.refused();
      return;
    }
    let answer: unknown;
    try {
      answer = format ? range.NumberFormat : range.Text;
    } catch {
      this.reads = "per-area";
      return;
    }
    this.reads = answer === null ? "honoured" : "per-area";
  }
}

/** Two cells whose values differ: the first one and the first after it that differs from it. */
function differing(values: Map<string, string>): [string, string] | null {
  let first: [string, string] | null = null;
  for (const [addr, v] of values) {
    if (!first) first = [addr, v];
    else if (v !== first[1]) return [first[0], addr];
  }
  return null;
}

/** One write made on cells of a sheet, area by area or as unions. */
export interface AreaWrite {
  /** The write itself, on a range of one or several areas. */
  set(r: EtRange): void;
  /** Whether a cell already reads as `set` leaves it, as far as the run's reads know (undefined: not known). */
  holds(row: number, col: number): boolean | undefined;
  /** Whether `set` reached a cell, read back (asked once per run, of a cell that did not hold it). */
  reached(cell: EtRange): boolean;
}

const cellsOf = (a: CellRange) => {
  const out: { row: number; col: number }[] = [];
  for (let row = a.top; row <= a.bottom; row++) for (let col = a.left; col <= a.right; col++) out.push({ row, col });
  return out;
};

/**
 * Write `areas` (rectangles of one sheet, "A1:A4", "C7") as unions of at most 255
 * characters where this build honours them, else one call per area. Until the run knows,
 * a union's write is checked at an area that did not hold the value (then the answer is
 * known for the rest of the run); where no such area exists the other areas are written
 * one by one unless each already holds the value (then the union's write is harmless).
 */
export function writeAreas(ws: EtWorksheet, support: UnionSupport, areas: string[], w: AreaWrite): void {
  const one = (a: string) => w.set(ws.Range(a));
  if (support.writes === "per-area") {
    areas.forEach(one);
    return;
  }
  for (const union of unionsOf(areas)) {
    const parts = union.split(",");
    if (parts.length === 1) {
      one(union);
      continue;
    }
    let range: EtRange;
    try {
      range = ws.Range(union);
    } catch {
      support.refused();
      parts.forEach(one);
      continue;
    }
    w.set(range);
    if (support.writes === "honoured") continue;
    const rest = parts.slice(1).map((p) => parseRangeA1(p)!);
    const witness = rest.map((a) => ({ row: a.top, col: a.left })).find((c) => w.holds(c.row, c.col) === false);
    if (witness) {
      if (w.reached(ws.Range(a1(witness.row, witness.col)))) {
        support.writes = "honoured";
        continue;
      }
      support.writes = "per-area";
    } else if (rest.every((a) => cellsOf(a).every((c) => w.holds(c.row, c.col) === true))) continue;
    // Not honoured, or not known: the other areas one by one (the first one was written).
    parts.slice(1).forEach(one);
  }
}
