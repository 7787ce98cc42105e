import { a1 } from "../address";
import type { NumCell } from "../locate/cells";
import { foldWidth } from "../labels";

/**
 * A cell reference usable as a number in a live formula, or null when Excel
 * could not read the cell as a number (then the figure is written as a
 * value). Text that only differs from a number by width, spaces, commas or
 * a percent sign is read by NUMBERVALUE(ASC(…)), as the engine reads it.
 */
export function operandRef(c: NumCell): string | null {
  if (c.parsed.kind !== "number") return null;
  const ref = a1(c.pos.row, c.pos.col);
  if (c.cell && c.cell.formula !== undefined && typeof c.cell.value === "number") return ref;
  if (!c.parsed.fromText) return ref;
  const folded = foldWidth(String(c.cell?.value ?? ""));
  if (/^[\s\d.,+\-%]+$/.test(folded)) return `NUMBERVALUE(ASC(${ref}))`;
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
