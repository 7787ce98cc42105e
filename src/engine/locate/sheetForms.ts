import type { Grid } from "../grid";
import type { Profile } from "../profile";
import { formRegions } from "./formRegions";
import { formRemainder, type Remainder } from "./remainder";
import { locateSelfEvaluation, type SelfEvaluationTable } from "./selfEvaluation";

/**
 * The 绩效自评表 of one sheet, in sheet order, and the rows that are only the rest of another form
 * (remainder.ts), which the check says at their cells and does not check. Whether rows are a
 * remainder may depend on the form after them, so a sheet is read whole before either is decided.
 */
export function formsOnSheet(grid: Grid, profile: Profile): { forms: SelfEvaluationTable[]; remainders: { table: SelfEvaluationTable; remainder: Remainder }[] } {
  const read = formRegions(grid)
    .map((region) => locateSelfEvaluation(region.grid, profile, region.kind, region))
    .filter((t): t is SelfEvaluationTable => t !== null);
  const forms: SelfEvaluationTable[] = [];
  const remainders: { table: SelfEvaluationTable; remainder: Remainder }[] = [];
  read.forEach((t, i) => {
    const remainder = formRemainder(t, read[i + 1] ?? null, profile);
    if (remainder) remainders.push({ table: t, remainder });
    else forms.push(t);
  });
  return { forms, remainders };
}
