import { where } from "../address";
import type { CheckContext } from "../context";
import { RATE_FORMAT, SCORE_FORMAT, type ComputedCell } from "../compute/computed";
import { operandRef, plannedRef, ratioFormula } from "../compute/formulas";
import type { NumCell } from "../locate/cells";
import { reasonIsEmpty, type BudgetField, type LabeledFigure, type SelfEvaluationTable, type Split, type SplitPartKey } from "../locate/selfEvaluation";
import { fmtAmount, fmtPercent, round, sameAmount } from "../values";

export interface ExecutionFigures {
  rate: number | null;
  score: number | null;
  /** Where the execution score is (or will be), for the 总分 formula. */
  scoreCell: NumCell | null;
  scoreWritten: boolean;
}

const BUDGET_NAMES: Record<BudgetField, string> = {
  initial: "年初预算数",
  annual: "全年预算数(A)",
  executed: "全年执行数(B)",
  weight: "执行率分值",
  rate: "执行率(B/A)",
  score: "执行率得分",
};

/**
 * 执行率 = B/A and its 得分 by the profile's rule. With `weightDisputed` (the
 * money row's 分值 is wrong, see checkExecutionWeight) the rate is computed and
 * the score is not: it would only repeat the wrong weight.
 */
export function computeExecution(
  t: SelfEvaluationTable,
  ctx: CheckContext,
  out: ComputedCell[],
  weightDisputed = false,
  /** The weight when the money block has no 分值 column: its label's or the note's (formRules.ts). */
  statedWeight: { weight: number } | null = null,
): ExecutionFigures {
  const { annual, executed, weight, rate: rateCell, score: scoreCell } = t.budget;
  const none: ExecutionFigures = { rate: null, score: null, scoreCell: scoreCell ?? null, scoreWritten: false };
  // A total left blank or 0 over filled 其中 rows is reported there (fundRules), with what it blocks.
  const explained = (c: NumCell | undefined) =>
    !!c && ctx.findings.some((f) => f.rule === "sum-mismatch" && f.sheet === c.pos.sheet && f.row === c.pos.row && f.col === c.pos.col);
  const a = explained(annual) ? null : ctx.required(annual, BUDGET_NAMES.annual, "执行率");
  const b = explained(executed) ? null : ctx.required(executed, BUDGET_NAMES.executed, "执行率");
  for (const f of ["initial", "rate", "score"] as BudgetField[]) ctx.value(t.budget[f], BUDGET_NAMES[f]);
  if (a === null || b === null || !annual || !executed) return none;
  if (a <= 0) {
    ctx.add("error", "value-missing", annual.pos, `全年预算数(A)为 ${a}（${where(annual.pos)}），执行率无法计算。`, `全年预算数 at ${where(annual.pos)} is ${a}; cannot compute 执行率`);
    return none;
  }
  const rate = b / a;
  if (rate > 1 + 1e-9) {
    ctx.add(
      "warning",
      "execution-over-100",
      rateCell?.pos ?? executed.pos,
      `执行率 ${fmtPercent(rate)} 超过 100%：全年执行数 ${fmtAmount(b)}（${where(executed.pos)}）大于全年预算数 ${fmtAmount(a)}（${where(annual.pos)}）。`,
      `execution rate ${rate} over 100%: B ${b} at ${where(executed.pos)} > A ${a} at ${where(annual.pos)}`,
    );
  }
  if (rateCell) {
    out.push({
      pos: rateCell.pos,
      what: "执行率",
      value: rate,
      formula: ratioFormula(executed, annual),
      numFmt: RATE_FORMAT,
      kind: "ratio",
      how: `全年执行数(B) ${where(executed.pos)} ÷ 全年预算数(A) ${where(annual.pos)}`,
    });
  }
  const w = weight ? ctx.required(weight, BUDGET_NAMES.weight, "执行率得分") : statedWeight?.weight ?? null;
  if (w === null || weightDisputed) return { ...none, rate };
  const rule = ctx.profile.executionScore;
  const scored = rule.capAtFull ? Math.min(rate, 1) : rate;
  const score = round(w * scored, ctx.profile.scoreDecimals);
  if (scoreCell) {
    const wRef = weight ? operandRef(weight) : String(w);
    const rRef = rateCell ? plannedRef(rateCell.pos) : null;
    const inner = rule.capAtFull ? `MIN(${rRef},1)` : `${rRef}`;
    out.push({
      pos: scoreCell.pos,
      what: "执行率得分",
      value: score,
      formula: wRef && rRef ? `ROUND(${wRef}*${inner},${ctx.profile.scoreDecimals})` : null,
      numFmt: SCORE_FORMAT,
      kind: "score",
      how: `分值 ${weight ? where(weight.pos) : fmtAmount(w)} × 执行率${rule.capAtFull ? "（超过 100% 按 100% 计）" : ""}`,
    });
  }
  return { rate, score, scoreCell: scoreCell ?? null, scoreWritten: !!scoreCell };
}

/**
 * Points lost on 预算执行率 are explained in the money row's 原因, on forms that have that column
 * (the Sichuan variant): the same duty as an indicator's 偏差原因. The score is the one the check
 * computed, else the one written; a disputed weight decides nothing.
 */
export function checkExecutionReason(t: SelfEvaluationTable, exec: ExecutionFigures, ctx: CheckContext, weightDisputed: boolean): void {
  const reason = t.budgetReason;
  const weight = t.budget.weight;
  if (!reason || !weight || weightDisputed || !reasonIsEmpty(reason.text)) return;
  const w = weight.parsed.kind === "number" ? weight.parsed.value : null;
  const stated = t.budget.score?.parsed.kind === "number" ? t.budget.score.parsed.value : null;
  const s = exec.score ?? stated;
  if (w === null || s === null || s >= w - 1e-9) return;
  const head = exec.rate === null ? "预算执行" : `预算执行率 ${fmtPercent(exec.rate)}，`;
  ctx.add(
    "warning",
    "deviation-unexplained",
    reason.pos,
    `${head}扣 ${fmtAmount(w - s)} 分（分值 ${fmtAmount(w)} ${where(weight.pos)}，得分 ${fmtAmount(s)}），请在“原因”栏（${where(reason.pos)}）说明预算未执行完的原因。`,
    `budget execution lost ${w - s} points (weight at ${where(weight.pos)}) with no reason at ${where(reason.pos)}`,
  );
}

const PART_NAMES: Record<SplitPartKey, string> = {
  general: "一般公共预算",
  fund: "政府性基金拨款",
  nonTax: "纳入专户管理的非税收入拨款",
  other: "其他资金",
  basic: "基本支出",
  project: "项目支出",
};

function figureValue(f: LabeledFigure, ctx: CheckContext, what: string): number | null {
  if (f.figure.kind === "number") return f.figure.value;
  if (f.figure.kind === "invalid") {
    ctx.add("error", "value-unreadable", f.pos, `${what}无法读取：${f.figure.zh}（${where(f.pos)}）。${f.figure.fix ?? ""}`, `${what} at ${where(f.pos)} is unreadable: ${f.figure.en}`);
  }
  return null;
}

/** Each split adds up to its own total, and that total is one of the 年度资金总额 figures. */
export function checkSplits(t: SelfEvaluationTable, ctx: CheckContext): void {
  const fundFigures: { name: string; cell: NumCell; value: number }[] = [];
  for (const f of ["initial", "annual", "executed"] as BudgetField[]) {
    const c = t.budget[f];
    const v = c && c.parsed.kind === "number" ? c.parsed.value : null;
    if (c && v !== null) fundFigures.push({ name: BUDGET_NAMES[f], cell: c, value: v });
  }
  const basis: Record<"income" | "expenditure", string | null> = { income: null, expenditure: null };
  for (const [side, split, title] of [
    ["income", t.income, "按收入性质分"],
    ["expenditure", t.expenditure, "按支出性质分"],
  ] as ["income" | "expenditure", Split, string][]) {
    if (!split.total) continue;
    const total = figureValue(split.total, ctx, title);
    const parts = Object.entries(split.parts) as [SplitPartKey, LabeledFigure][];
    const values = parts.map(([k, f]) => figureValue(f, ctx, PART_NAMES[k]));
    const filled = parts.filter(([, f]) => f.figure.kind === "number");
    if (total === null) {
      if (split.total.figure.kind === "blank" && filled.length > 0) {
        const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
        ctx.add("error", "split-sum-mismatch", split.total.pos, `${title}合计未填写，其各项之和为 ${fmtAmount(sum)}。`, `${title} total at ${where(split.total.pos)} is blank; parts add up to ${sum}`);
      }
      continue;
    }
    if (filled.length > 0 && !values.some((v, i) => v === null && parts[i][1].figure.kind === "invalid")) {
      const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
      if (!sameAmount(sum, total, ctx.profile.amountTolerance)) {
        const ops = filled.map(([k, f]) => `${PART_NAMES[k]} ${where(f.pos)}=${fmtAmount((f.figure as { value: number }).value)}`);
        ctx.add(
          "error",
          "split-sum-mismatch",
          split.total.pos,
          `${title}合计 ${fmtAmount(total)} 与各项之和 ${fmtAmount(sum)} 不符：${ops.join(" + ")}。`,
          `${title} total ${total} at ${where(split.total.pos)} differs from its parts ${sum}`,
        );
      }
    }
    const match = fundFigures.find((f) => sameAmount(f.value, total, ctx.profile.amountTolerance));
    if (match) basis[side] = match.name;
    else if (fundFigures.length > 0) {
      ctx.add(
        "error",
        "split-total-unmatched",
        split.total.pos,
        `${title}合计 ${fmtAmount(total)} 与年度资金总额的任何一个数都不相符（${fundFigures.map((f) => `${f.name} ${where(f.cell.pos)}=${fmtAmount(f.value)}`).join("，")}）。`,
        `${title} total ${total} at ${where(split.total.pos)} matches none of the fund figures`,
      );
    }
  }
  if (basis.income && basis.expenditure && basis.income !== basis.expenditure && t.expenditure.total) {
    ctx.add(
      "warning",
      "split-basis-differs",
      t.expenditure.total.pos,
      `按收入性质分的合计对应“${basis.income}”（${where(t.income.total!.pos)}），按支出性质分的合计对应“${basis.expenditure}”（${where(t.expenditure.total.pos)}），两者口径不一致。`,
      `income split matches ${basis.income}, expenditure split matches ${basis.expenditure}`,
    );
  }
}
