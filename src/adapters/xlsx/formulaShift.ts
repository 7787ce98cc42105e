import { shiftReferences } from "../../engine/formulaText";

/** A shared formula's text as it reads in another cell (relative references moved; see shiftReferences). */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return shiftReferences(formula, dRow, dCol, "relative");
}
