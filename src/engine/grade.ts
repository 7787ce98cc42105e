import { foldWidth, stripSpaces } from "./labels";
import type { GradeBand, Profile } from "./profile";

/** The display word for a disputed total: no definitive grade (cells show 【待定】). */
export const GRADE_PENDING = "待定";
/** What the plan writes beside a disputed total. */
export const GRADE_PENDING_CELL = `【${GRADE_PENDING}】`;

/** The band a total falls in; bands are ordered highest first. */
export function gradeFor(score: number, bands: GradeBand[]): string {
  for (const b of bands) {
    if (b.minInclusive ? score >= b.min : score > b.min) return b.grade;
  }
  return bands[bands.length - 1].grade;
}

/** Canonical grade for a stated text ("良" → "良好"), or null when unknown. */
export function canonicalGrade(stated: string, bands: GradeBand[]): string | null {
  const s = stripSpaces(foldWidth(stated)).replace(/[“”"'「」]/g, "");
  for (const b of bands) if (s === b.grade) return b.grade;
  for (const b of bands) if (b.aliases.includes(s)) return b.grade;
  return null;
}

/** Excel formula (no "=") giving the grade of the score in `ref`, built from the bands. */
export function gradeFormula(ref: string, profile: Profile): string {
  const bands = profile.gradeBands;
  let expr = `"${bands[bands.length - 1].grade}"`;
  for (let i = bands.length - 2; i >= 0; i--) {
    const b = bands[i];
    expr = `IF(${ref}${b.minInclusive ? ">=" : ">"}${b.min},"${b.grade}",${expr})`;
  }
  return expr;
}
