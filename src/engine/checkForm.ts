import type { CheckContext } from "./context";
import type { ComputedCell } from "./compute/computed";
import type { BasicDataTable } from "./locate/basicData";
import type { SelfEvaluationTable } from "./locate/selfEvaluation";
import { formRules, type FormRules } from "./formRules";
import type { FormReport } from "./report";
import { checkExecutionReason, checkSplits, computeExecution } from "./rules/budgetRules";
import { checkCrossTable } from "./rules/crossTableRules";
import { scoreExecutionRow } from "./rules/executionRow";
import { checkFundParts } from "./rules/fundRules";
import { disputedTotal, type Dispute } from "./rules/gradePending";
import { checkIndicatorRows, checkWeights } from "./rules/indicatorRules";
import { checkExecutionWeight, checkTotalWeight, computeGrade, computeTotal, pointsNotRead } from "./rules/totalRules";
import { checkIndicatorUnits, reportConversions } from "./rules/unitRules";
import type { Profile } from "./profile";
import type { CellPos } from "./snapshot";

export interface FormOutcome {
  computed: FormReport["computed"];
  /** Where the 评价等级 label goes (above the grade cell), when a grade or 【待定】 is planned. */
  gradeLabel: CellPos | null;
  dispute: Dispute | null;
  /** The profile the form was checked under (its note's bands may replace the workbook's). */
  profile: Profile;
}

/**
 * Every rule of the 附件2 grid on one form of either family, in the order the
 * figures depend on each other. Findings carry ctx.form; the computed cells
 * are appended to `out` tagged with it.
 */
export function checkForm(
  t: SelfEvaluationTable,
  basic: BasicDataTable | null,
  ctx: CheckContext,
  out: ComputedCell[],
  typedByPerson: (pos: CellPos) => boolean,
  /** The user chose the profile: a form's note does not replace it. */
  chosenProfile = false,
): FormOutcome {
  const mine: ComputedCell[] = [];
  const rules = formRules(t, ctx.profile, chosenProfile, ctx);
  const workbookProfile = ctx.profile;
  ctx.profile = rules.profile;
  t.reading.ruleSources = rules.sources;
  try {
    return { ...checkUnder(t, basic, ctx, out, typedByPerson, mine, rules), profile: rules.profile };
  } finally {
    ctx.profile = workbookProfile;
  }
}

function checkUnder(
  t: SelfEvaluationTable,
  basic: BasicDataTable | null,
  ctx: CheckContext,
  out: ComputedCell[],
  typedByPerson: (pos: CellPos) => boolean,
  mine: ComputedCell[],
  rules: FormRules,
): Omit<FormOutcome, "profile"> {
  reportConversions(t, ctx);
  checkFundParts(t, ctx);
  const weights = checkWeights(t, ctx);
  const execDisputed = checkExecutionWeight(t, weights, ctx);
  const exec = scoreExecutionRow(t, computeExecution(t, ctx, mine, execDisputed, rules.executionWeight), ctx);
  checkExecutionReason(t, exec, ctx, execDisputed);
  checkSplits(t, ctx);
  if (basic) checkCrossTable(basic, t, ctx);
  checkIndicatorRows(t, ctx);
  checkIndicatorUnits(t, ctx);
  checkTotalWeight(t, weights, ctx, execDisputed);
  const totalScore = computeTotal(t, exec, ctx, mine, pointsNotRead(t, weights, ctx));
  const dispute = disputedTotal(t, totalScore, ctx, typedByPerson);
  const g = computeGrade(t, totalScore, ctx, mine, dispute);
  for (const c of mine) out.push({ ...c, form: ctx.form });
  return {
    computed: { executionRate: exec.rate, executionScore: exec.score, totalScore, grade: g.grade },
    gradeLabel: g.labelPos,
    dispute,
  };
}
