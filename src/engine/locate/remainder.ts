import type { Profile } from "../profile";
import type { CellPos } from "../snapshot";
import { hasMoneyBlock, statedTotalWeight, type SelfEvaluationTable } from "./selfEvaluation";

/**
 * Rows that are the rest of another form, not a form of their own: pages and workbooks that print
 * forms one after another often begin with the end of the form before, its indicator header
 * repeated ("绩效指标(90分) | 一级指标 | …"), a few indicator rows, 合计, 评价结论. Read as a form,
 * such rows give a 总分 over part of a form and, standing first, the workbook's headline.
 *
 * Both rules need rows that do not name a form (no title, no 项目名称 / 单位名称 / 主管部门 line
 * above the header) and have no money block: the points a form counts outside its indicator table
 * are its money block's.
 * - The indicator table's own label claims only part of the form's points: 绩效指标(90分) where the
 *   total row (else the profile) counts 100. The label is the form's own statement that the other
 *   points are elsewhere.
 * - Without such a label, the total row counts more points than the indicator rows carry, and a form
 *   that names itself follows on the same sheet. Alone on its sheet, such a table is read as a form,
 *   and its weights' shortfall is a finding (total-weight-mismatch), not a reason to skip it.
 */
export interface Remainder {
  /** The label or total cell that shows the points are partial. */
  pos: CellPos;
  /** Points the rows carry, and points of the whole form. */
  claims: number;
  of: number;
}

export function formRemainder(t: SelfEvaluationTable, next: SelfEvaluationTable | null, profile: Profile): Remainder | null {
  const ih = t.indicatorHeader;
  if (t.headed || !ih || hasMoneyBlock(t)) return null;
  const stated = statedTotalWeight(t);
  const of = stated ?? profile.totalWeight;
  if (ih.weight !== null && ih.weightPos) return ih.weight < of ? { pos: ih.weightPos, claims: ih.weight, of } : null;
  if (stated === null || !next?.headed || next.sheet !== t.sheet) return null;
  const carried = t.groups.flatMap((g) => g.rows).reduce((a, r) => a + (r.weight?.parsed.kind === "number" ? r.weight.parsed.value : 0), 0);
  return carried > 0 && carried < stated ? { pos: t.total!.labelPos, claims: carried, of: stated } : null;
}
