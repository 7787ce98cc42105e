import type { Grid } from "../grid";
import type { CellPos, SnapshotCell } from "../snapshot";
import { cellText, parseNumberCell, type MoneyUnit, type ParsedNumber } from "../values";

/** A cell the engine reads as a figure, with where it is and what it held. */
export interface NumCell {
  pos: CellPos;
  cell: SnapshotCell | null;
  parsed: ParsedNumber;
  /** Set when the figure was typed in another money unit and converted to its header's (locate/money.ts). */
  converted?: { written: number; from: MoneyUnit; to: MoneyUnit };
}

/** Read a figure; a position inside a merge reads (and reports) its top-left cell. */
export function readNum(grid: Grid, row: number, col: number): NumCell {
  const o = grid.owner(row, col);
  const cell = grid.raw(o.row, o.col);
  return { pos: grid.pos(o.row, o.col), cell, parsed: parseNumberCell(cell) };
}

export interface TextCell {
  pos: CellPos;
  text: string;
}

export function readText(grid: Grid, row: number, col: number): TextCell {
  const o = grid.owner(row, col);
  return { pos: grid.pos(o.row, o.col), text: cellText(grid.raw(o.row, o.col)) };
}

/** The numeric value when the cell holds one, else null. */
export function num(c: NumCell | null | undefined): number | null {
  return c && c.parsed.kind === "number" ? c.parsed.value : null;
}

/**
 * Columns of a header row, found by label tests: the first column whose key
 * passes each test, at or right of `fromCol`. Merged headers report their
 * top-left column.
 */
export function headerColumns<K extends string>(
  grid: Grid,
  row: number,
  fromCol: number,
  tests: [K, (key: string) => boolean][],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (let c = fromCol; c <= grid.right; c++) {
    const o = grid.owner(row, c);
    if (o.col !== c) continue;
    const key = grid.key(row, c);
    if (!key) continue;
    for (const [name, test] of tests) {
      if (out[name] === undefined && test(key)) {
        out[name] = c;
        break;
      }
    }
  }
  return out;
}
