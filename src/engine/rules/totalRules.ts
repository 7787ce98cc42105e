import { a1, where } from "../address";
import type { CheckContext } from "../context";
import { SCORE_FORMAT, type ComputedCell } from "../compute/computed";
import { operandRef, plannedRef } from "../compute/formulas";
import { bandRange } from "../bandWords";
import { canonicalGrade, GRADE_PENDING_CELL, gradeFor, gradeFormula } from "../grade";
import type { NumCell } from "../locate/cells";
import { hasMoneyBlock, statedTotalWeight, type SelfEvaluationTable } from "../locate/selfEvaluation";
import { scoreOwed } from "./indicatorRules";
import { fmtAmount, round } from "../values";
import { agrees } from "../compute/settle";
import type { ExecutionFigures } from "./budgetRules";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * The money row's 分值 against the 执行率 weight: the weight its block label
 * states ("预算执行情况(10分)"), else the profile's. A weight adjusted on
 * purpose still lets the form add up to its 总分 分值 (then only the info
 * profile-weight-differs); one that breaks the sum (100 typed for 10) is an
 * error, and the execution score is not computed from it. True when disputed.
 */
export function checkExecutionWeight(t: SelfEvaluationTable, indicatorWeights: number | null, ctx: CheckContext): boolean {
  const c = t.budget.weight;
  const exec = c && c.parsed.kind === "number" ? c.parsed.value : null;
  if (!c || exec === null) return false;
  const label = t.budgetLabelWeight;
  const expected = label?.weight ?? ctx.profile.executionWeight;
  if (near(exec, expected)) return false;
  const stated = statedTotalWeight(t);
  const totalWeight = stated ?? ctx.profile.totalWeight;
  const addsUp = indicatorWeights !== null && near(exec + indicatorWeights, totalWeight);
  if (!label && addsUp) return false;
  // With no 总分 分值 on the form, weights short of the full marks do not show the money row is the
  // wrong one (a copy cut before its last rows, points printed elsewhere): only a sum above them does.
  if (!label && stated === null && indicatorWeights !== null && exec + indicatorWeights < totalWeight - 1e-6) return false;
  const why = label ? `标题 ${where(label.pos)} 标注为 ${fmtAmount(expected)} 分` : `“${ctx.profile.name}”规定为 ${fmtAmount(expected)} 分`;
  const sum = indicatorWeights !== null ? `；加绩效指标分值合计 ${fmtAmount(indicatorWeights)} 共 ${fmtAmount(exec + indicatorWeights)} 分，与总分分值 ${fmtAmount(totalWeight)} 分不符` : "";
  ctx.add(
    "error",
    "execution-weight-mismatch",
    c.pos,
    `执行率分值填写为 ${fmtAmount(exec)}（${where(c.pos)}），${why}${sum}。执行率得分和总分暂不计算。`,
    `execution weight ${exec} at ${where(c.pos)} differs from ${expected} (${label ? "block label" : "profile"}); indicators ${indicatorWeights}, total weight ${totalWeight}`,
  );
  return true;
}

/** 总分 分值 = 执行率 分值 + Σ indicator 分值, and against the profile's total. */
export function checkTotalWeight(t: SelfEvaluationTable, indicatorWeights: number | null, ctx: CheckContext, execDisputed = false): void {
  const w = t.total?.weight;
  const stated = ctx.value(w, "总分分值");
  const exec = ctx.value(t.budget.weight, "执行率分值");
  if (execDisputed) return;
  if (w && stated !== null && exec !== null && indicatorWeights !== null && !near(stated, exec + indicatorWeights)) {
    ctx.add(
      "error",
      "total-weight-mismatch",
      w.pos,
      `总分分值 ${fmtAmount(stated)} 与执行率分值 ${fmtAmount(exec)}（${where(t.budget.weight!.pos)}）加绩效指标分值合计 ${fmtAmount(indicatorWeights)} 不符。`,
      `total weight ${stated} at ${where(w.pos)} != execution ${exec} + indicators ${indicatorWeights}`,
    );
  }
  if (w && stated !== null && !near(stated, ctx.profile.totalWeight)) {
    ctx.add("info", "profile-weight-differs", w.pos, `总分分值（${where(w.pos)}）为 ${fmtAmount(stated)}，“${ctx.profile.name}”规定为 ${ctx.profile.totalWeight} 分。`, `total weight ${stated} differs from the profile's ${ctx.profile.totalWeight}`);
  }
  if (t.budget.weight && exec !== null && !near(exec, ctx.profile.executionWeight)) {
    ctx.add("info", "profile-weight-differs", t.budget.weight.pos, `执行率分值（${where(t.budget.weight.pos)}）为 ${fmtAmount(exec)}，“${ctx.profile.name}”原则上为 ${ctx.profile.executionWeight} 分。`, `execution weight ${exec} differs from the profile's ${ctx.profile.executionWeight}`);
  }
}

/**
 * Points of the form that no block read carries: with no money block found, the indicator table's
 * own label (绩效指标(90分)) or its weights (90 under a 总分 分值 of 100) say the rest of the points
 * are the 执行率's, in a block the reader could not read. Null when nothing says so (a form without
 * money whose weights make up its total, or whose total weight is not stated).
 */
export function pointsNotRead(t: SelfEvaluationTable, indicatorWeights: number | null, ctx: CheckContext): number | null {
  if (hasMoneyBlock(t)) return null;
  const stated = statedTotalWeight(t);
  const label = t.indicatorHeader?.weight ?? null;
  const of = stated ?? (label !== null ? ctx.profile.totalWeight : null);
  const carried = label ?? indicatorWeights;
  if (of === null || carried === null || carried <= 0 || carried >= of - 1e-6) return null;
  return round(of - carried, 6);
}

/** 总分 = 执行率得分 + Σ indicator 得分; null when any part is missing (or not read: pointsNotRead). */
export function computeTotal(t: SelfEvaluationTable, exec: ExecutionFigures, ctx: CheckContext, out: ComputedCell[], notRead: number | null = null): number | null {
  const rows = t.groups.flatMap((g) => g.rows);
  let sum = 0;
  let complete = true;
  let scored = 0;
  for (const r of rows) {
    if (r.score.parsed.kind === "number") {
      sum += r.score.parsed.value;
      scored++;
    } else if (r.score.parsed.kind === "invalid" || scoreOwed(t, r)) complete = false;
  }
  // A form published unscored has no total, and neither has one with no scores at all.
  if (scored === 0) complete = false;
  // The money block carries its own score (执行率 分值 and 得分) on the national layout; where it
  // has neither, the execution is scored as an indicator (预算执行 20 分) or not at all.
  const moneyScored = t.budget.weight !== undefined || t.budget.score !== undefined;
  const execScore = moneyScored ? exec.score : 0;
  const totalCell = t.total?.score;
  if (notRead !== null) {
    const zh = `总分中有 ${fmtAmount(notRead)} 分不在已识别的表格中（未找到预算资金表，执行率得分无从核算），总分不核算`;
    if (totalCell && totalCell.parsed.kind === "number") {
      ctx.add("info", "value-missing", totalCell.pos, `${zh}；${where(totalCell.pos)} 填写为 ${fmtAmount(totalCell.parsed.value)}。`, `total at ${where(totalCell.pos)} cannot be verified: ${notRead} points lie in no block read (no money block)`);
    }
    t.reading.unread.push({ role: "total", why: zh });
    return null;
  }
  if (execScore === null || !complete) {
    if (totalCell && totalCell.parsed.kind === "number") {
      ctx.add(
        "info",
        "value-missing",
        totalCell.pos,
        `总分暂无法核算（${execScore === null ? `执行率得分缺失${t.budget.annual && t.budget.annual.parsed.kind === "blank" ? `，缺全年预算数(A) ${where(t.budget.annual.pos)}` : ""}` : "有指标得分缺失或无法读取"}），${where(totalCell.pos)} 填写为 ${fmtAmount(totalCell.parsed.value)}。`,
        `total at ${where(totalCell.pos)} cannot be verified: ${execScore === null ? "execution score missing" : "indicator scores missing"}`,
      );
    }
    return null;
  }
  const total = round(execScore + sum, ctx.profile.scoreDecimals);
  // A stated total that is compared only, never written over (a person's text holds it).
  const compareOnly = (c: NumCell | null | undefined, zh: (stated: string) => string, en: string) => {
    if (c && c.parsed.kind === "number" && c.cell && agrees({ kind: "score", value: total }, c.cell, ctx) === false) {
      ctx.add("error", "total-score-mismatch", c.pos, zh(fmtAmount(c.parsed.value)), `${en} ${c.parsed.value} at ${where(c.pos)} differs from the computed ${total}`);
    }
  };
  compareOnly(t.statedAbove, (s) => `表头填写的总分 ${s}（${where(t.statedAbove!.pos)}）与核算的总分 ${fmtAmount(total)} 不符。`, "total stated on the header lines");
  if (totalCell && t.total?.inline) {
    // Written inside its label's cell ("自评总分：95").
    compareOnly(totalCell, (s) => `总分填写为 ${s}（${where(totalCell.pos)}），核算应为 ${fmtAmount(total)}（${moneyScored ? "执行率得分 + " : ""}各指标得分之和）。`, "stated total inside its label's cell");
  } else if (totalCell) {
    const execRef = exec.scoreCell ? plannedRef(exec.scoreCell.pos) : null;
    const sc = t.scoreColumn;
    let terms: string | null = null;
    if (sc && sc.clean && rows.every((r) => r.score.parsed.kind !== "number" || (r.score.cell && typeof r.score.cell.value === "number"))) {
      terms = `SUM(${a1(sc.top, sc.col)}:${a1(sc.bottom, sc.col)})`;
    } else {
      const refs = rows.filter((r) => r.score.parsed.kind === "number").map((r) => operandRef(r.score));
      terms = refs.every((x) => x !== null) ? refs.join("+") || "0" : null;
    }
    out.push({
      pos: totalCell.pos,
      what: "总分",
      value: total,
      formula: terms && (execRef || !moneyScored) ? `ROUND(${moneyScored ? `${execRef}+` : ""}${terms},${ctx.profile.scoreDecimals})` : null,
      numFmt: SCORE_FORMAT,
      kind: "score",
      how: `${moneyScored ? `执行率得分${exec.scoreCell ? " " + where(exec.scoreCell.pos) : ""} + ` : ""}各指标得分之和${sc ? `（${moneyScored ? "" : `${t.sheet}!`}${a1(sc.top, sc.col)}:${a1(sc.bottom, sc.col)}）` : ""}`,
      onMismatch: { rule: "total-score-mismatch", severity: "error" },
    });
  }
  return total;
}

export interface GradePlacement {
  grade: string | null;
  /** Label cell and grade cell the plan fills ("评价等级" above the grade). */
  labelPos: { sheet: string; row: number; col: number } | null;
}

/**
 * The grade for the total's band; a stated grade elsewhere is checked against
 * it. A disputed total (see gradePending.ts) gets no grade: 【待定】 goes beside
 * it, and a grade a person wrote is kept and flagged.
 */
export function computeGrade(t: SelfEvaluationTable, total: number | null, ctx: CheckContext, out: ComputedCell[], pending: { zh: string } | null = null): GradePlacement {
  const bands = ctx.profile.gradeBands;
  if (pending) return pendingGrade(t, ctx, out, pending.zh);
  const stated = t.total?.score && t.total.score.parsed.kind === "number" ? t.total.score.parsed.value : null;
  const basis = total ?? stated;
  const grade = total === null ? null : gradeFor(total, bands);
  const sg = t.statedGrade;
  if (sg && basis !== null) {
    const canon = canonicalGrade(sg.text, bands);
    const expected = gradeFor(basis, bands);
    const planned = t.total ? sg.pos.row === t.total.labelPos.row && sg.pos.col === t.rightCol : false;
    if (!planned && canon !== expected) {
      ctx.add(
        "error",
        "grade-mismatch",
        sg.pos,
        `评价等级写为“${sg.text}”，但总分 ${fmtAmount(basis)}${total === null ? "（表中填写）" : ""} 属于“${expected}”（${bandRange(expected, ctx.profile)}）。`,
        `stated grade "${sg.text}" at ${where(sg.pos)} but total ${basis} is in band ${expected}`,
      );
    }
  }
  if (!t.total || grade === null) return { grade, labelPos: null };
  const row = t.total.labelPos.row;
  const col = t.rightCol;
  const totalPos = t.total.score?.pos;
  out.push({
    pos: { sheet: t.sheet, row, col },
    what: "评价等级",
    value: grade,
    formula: totalPos ? gradeFormula(plannedRef(totalPos), ctx.profile) : null,
    numFmt: null,
    kind: "text",
    how: `总分${totalPos ? ` ${where(totalPos)} ` : ""}属于 ${bandRange(grade, ctx.profile)}，${ctx.profile.name}`,
    onMismatch: { rule: "grade-mismatch", severity: "error" },
  });
  return { grade, labelPos: { sheet: t.sheet, row: row - 1, col } };
}

function pendingGrade(t: SelfEvaluationTable, ctx: CheckContext, out: ComputedCell[], why: string): GradePlacement {
  const sg = t.statedGrade;
  const planned = t.total && sg ? sg.pos.row === t.total.labelPos.row && sg.pos.col === t.rightCol : false;
  if (sg && !planned && sg.text.trim() !== GRADE_PENDING_CELL) {
    ctx.add(
      "warning",
      "grade-pending",
      sg.pos,
      `评价等级写为“${sg.text.trim()}”（${where(sg.pos)}），但${why}，等级应待定；核实并改正后重新核算。`,
      `stated grade "${sg.text}" at ${where(sg.pos)} kept, but the total is disputed`,
    );
  }
  if (!t.total) return { grade: null, labelPos: null };
  const row = t.total.labelPos.row;
  const col = t.rightCol;
  out.push({
    pos: { sheet: t.sheet, row, col },
    what: "评价等级",
    value: GRADE_PENDING_CELL,
    formula: null,
    valueOnly: true,
    numFmt: null,
    kind: "text",
    how: `总分有争议，等级待定：${why}`,
    onMismatch: { rule: "grade-pending", severity: "warning" },
  });
  return { grade: null, labelPos: { sheet: t.sheet, row: row - 1, col } };
}
