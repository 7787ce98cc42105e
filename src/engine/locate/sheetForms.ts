import type { Grid } from "../grid";
import type { Profile } from "../profile";
import * as L from "./formLabels";
import { formRegions } from "./formRegions";
import { formRemainder, type Remainder } from "./remainder";
import { locateSelfEvaluation, type SelfEvaluationTable } from "./selfEvaluation";

/**
 * The 绩效自评表 of one sheet, in sheet order, and the rows that are only the rest of another form
 * (remainder.ts), which the check says at their cells and does not check. Whether rows are a
 * remainder may depend on the form after them, so a sheet is read whole before either is decided.
 */
export interface SheetForms {
  forms: SelfEvaluationTable[];
  remainders: { table: SelfEvaluationTable; remainder: Remainder }[];
  /** Titles of a 绩效自评表 under which no form could be read: said at the title, never passed over in silence. */
  unreadTitles: { row: number; col: number; text: string }[];
}

export function formsOnSheet(grid: Grid, profile: Profile): SheetForms {
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
  const within = (t: SelfEvaluationTable, p: { row: number; col: number }) => p.row >= t.range.top && p.row <= t.range.bottom && p.col >= t.range.left && p.col <= t.range.right;
  const unreadTitles = grid
    // A title names a table (…自评表, …评价表); a report's cover (…自评报告) is no form.
    .findAll((k) => (L.TITLES.department(k) || L.TITLES.project(k)) && /表/.test(k) && !/报告/.test(k))
    .filter((p) => !read.some((t) => within(t, p)))
    .map((p) => ({ ...p, text: grid.text(p.row, p.col).trim() }));
  return { forms, remainders, unreadTitles };
}
