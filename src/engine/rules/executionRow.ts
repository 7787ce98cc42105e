import { where } from "../address";
import type { CheckContext } from "../context";
import { agrees } from "../compute/settle";
import { labelKey } from "../labels";
import type { IndicatorRow, SelfEvaluationTable } from "../locate/selfEvaluation";
import { fmtAmount, fmtPercent, round } from "../values";
import type { ExecutionFigures } from "./budgetRules";

/**
 * Forms that score the execution as a row of the indicator table ("预算执行（20分）| 预算执行率 |
 * 19.6") rather than in the money block: that row's score is the execution score, weight × 执行率,
 * where the money block gives the rate and the row's group (or its own 分值) gives the weight. A
 * typed score that disagrees at its precision is flagged; nothing is written over it.
 */
export function scoreExecutionRow(t: SelfEvaluationTable, exec: ExecutionFigures, ctx: CheckContext): ExecutionFigures {
  if (exec.score !== null || exec.rate === null || t.budget.weight || t.budget.score) return exec;
  const found = executionRow(t);
  if (!found) return exec;
  const { row, weight } = found;
  const rule = ctx.profile.executionScore;
  const score = round(weight * (rule.capAtFull ? Math.min(exec.rate, 1) : exec.rate), ctx.profile.scoreDecimals);
  if (row.score.cell && row.score.parsed.kind === "number" && agrees({ kind: "score", value: score }, row.score.cell, ctx) === false) {
    ctx.add(
      "error",
      "stated-figure-mismatch",
      row.score.pos,
      `预算执行率得分填写为 ${fmtAmount(row.score.parsed.value)}（${where(row.score.pos)}），按执行率 ${fmtPercent(exec.rate)} × ${fmtAmount(weight)} 分应为 ${fmtAmount(score)}。`,
      `execution row score ${row.score.parsed.value} at ${where(row.score.pos)} differs from ${weight} × ${exec.rate} = ${score}`,
    );
  }
  return { ...exec, score };
}

/** The one indicator row named 预算执行率 (or 执行率), with its weight: its own 分值, else its group's. */
function executionRow(t: SelfEvaluationTable): { row: IndicatorRow; weight: number } | null {
  const hits: { row: IndicatorRow; weight: number | null }[] = [];
  for (const g of t.groups) {
    for (const r of g.rows) {
      if (!/^(预算|资金)?执行率$|^预算执行$/.test(labelKey(r.name.text).replace(/\(.*?\)/g, ""))) continue;
      const own = r.weight && r.weight.parsed.kind === "number" ? r.weight.parsed.value : null;
      hits.push({ row: r, weight: own ?? (g.rows.length === 1 ? g.statedWeight : null) });
    }
  }
  return hits.length === 1 && hits[0].weight !== null ? { row: hits[0].row, weight: hits[0].weight } : null;
}
