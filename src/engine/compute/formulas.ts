import { a1 } from "../address";
import type { NumCell } from "../locate/cells";

/** ASCII digits with spaces (ideographic too) and an optional percent sign. */
const COERCIBLE_TEXT = /^[ \t\u3000]*[+-]?(\d+(\.\d*)?|\.\d+)%?[ \t\u3000]*$/;

/**
 * A cell reference usable as a number in a live formula, or null when a
 * spreadsheet could not read the cell as a number (then the figure is written
 * as a value). Text such as "10　" or "90.91%" is read by
 * --TRIM(SUBSTITUTE(…)): Excel and LibreOffice both evaluate it the way the
 * engine reads the cell (NUMBERVALUE and ASC differ between them).
 */
export function operandRef(c: NumCell): string | null {
  if (c.parsed.kind !== "number") return null;
  const ref = a1(c.pos.row, c.pos.col);
  if (c.cell && c.cell.formula !== undefined && typeof c.cell.value === "number") return ref;
  if (!c.parsed.fromText) return ref;
  if (COERCIBLE_TEXT.test(String(c.cell?.value ?? ""))) return `(--TRIM(SUBSTITUTE(${ref},"\u3000"," ")))`;
  return null;
}

/** "B/A" as a formula, when both operands can be referenced. */
export function ratioFormula(numerator: NumCell, denominator: NumCell): string | null {
  const n = operandRef(numerator);
  const d = operandRef(denominator);
  return n && d ? `${n}/${d}` : null;
}

/**
 * Reference to a cell the plan itself computes. It is a placeholder until the
 * plan is settled: it becomes the cell's address when that cell will hold the
 * engine's figure, or the cell's own formula inlined when a person's differing
 * entry stays there (so a dependent formula never builds on a wrong figure).
 */
export function plannedRef(pos: { row: number; col: number }): string {
  return `⟦${pos.row},${pos.col}⟧`;
}

export const PLANNED_REF = /⟦(\d+),(\d+)⟧/g;
