import { where } from "../address";
import type { CheckContext } from "../context";
import { foldWidth, stripSpaces } from "../labels";
import type { IndicatorGroup, IndicatorRow, SelfEvaluationTable } from "../locate/selfEvaluation";
import { reasonIsEmpty } from "../locate/selfEvaluation";
import type { GroupKey } from "../profile";
import { fmtAmount, parseNumberText } from "../values";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Weights: each 一级 group against its label, all indicators against the header. */
export function checkWeights(t: SelfEvaluationTable, ctx: CheckContext): number | null {
  let all = 0;
  let complete = true;
  for (const g of t.groups) {
    let sum = 0;
    for (const r of g.rows) {
      const w = ctx.value(r.weight, `分值（${r.name.text.trim() || "第" + (r.row + 1) + "行"}）`);
      if (w === null && r.weight.parsed.kind === "invalid") complete = false;
      sum += w ?? 0;
    }
    all += sum;
    const rule = g.key ? ctx.profile.groups.find((x) => x.key === g.key) : undefined;
    const name = g.label || rule?.name || "未命名一级指标";
    const where0 = g.labelPos ?? g.rows[0]?.weight.pos;
    if (!where0) continue;
    if (g.inferred && g.rows.length > 0) {
      ctx.add(
        "info",
        "group-label-missing",
        g.rows[0].name.pos,
        rule
          ? `${where(g.rows[0].name.pos)}–${where(g.rows[g.rows.length - 1].name.pos)} 的一级指标名称空白，按二级指标（${g.rows[0].level2 || "—"}）推定为“${rule.name}”（${rule.weight}分）。`
          : `${where(g.rows[0].name.pos)}–${where(g.rows[g.rows.length - 1].name.pos)} 的一级指标名称空白，无法判断所属一级指标。`,
        `blank 一级指标 over rows ${g.rows[0].row + 1}-${g.rows[g.rows.length - 1].row + 1}; inferred ${rule?.key ?? "nothing"}`,
      );
    }
    const expected = g.statedWeight ?? (g.inferred ? rule?.weight ?? null : null);
    if (expected !== null && !near(sum, expected)) {
      ctx.add(
        "error",
        "group-weight-mismatch",
        where0,
        `${name}各三级指标分值合计 ${fmtAmount(sum)}，与${g.statedWeight !== null ? "标注的" : "规定的"} ${expected} 分不符（${g.rows.map((r) => where(r.weight.pos)).join("、")}）。`,
        `${name}: weights add up to ${sum}, expected ${expected}`,
      );
    }
    if (g.statedWeight !== null && rule && !near(g.statedWeight, rule.weight)) {
      ctx.add(
        "info",
        "profile-weight-differs",
        where0,
        `${name}（${where(where0)}）标注 ${g.statedWeight} 分，与“${ctx.profile.name}”的原则权重 ${rule.weight} 分不同（权重可调整，仅提示）。`,
        `${name} weight ${g.statedWeight} differs from the profile's ${rule.weight}`,
      );
    }
  }
  const h = t.indicatorHeader;
  if (h && h.weight !== null && h.weightPos && complete && !near(all, h.weight)) {
    ctx.add(
      "error",
      "indicator-weight-mismatch",
      h.weightPos,
      `绩效指标分值合计 ${fmtAmount(all)}（${t.groups.map((g) => g.rows.map((r) => where(r.weight.pos))).flat().slice(0, 1)[0] ?? ""} 起各行分值），与表头 ${where(h.weightPos)} 标注的 ${h.weight} 分不符。`,
      `indicator weights add up to ${all}, header says ${h.weight}`,
    );
  }
  return complete ? all : null;
}

/** 0 ≤ 得分 ≤ 分值, lost points explained, targets met or explained. */
export function checkIndicatorRows(t: SelfEvaluationTable, ctx: CheckContext): void {
  for (const g of t.groups) {
    for (const r of g.rows) {
      const label = r.name.text.trim() || `第 ${r.row + 1} 行指标`;
      const w = ctx.value(r.weight, `分值（${label}）`);
      const s = ctx.value(r.score, `得分（${label}）`);
      if (w !== null && r.score.parsed.kind === "blank") {
        ctx.add("error", "value-missing", r.score.pos, `“${label}”有分值 ${w} 但得分未填写（${where(r.score.pos)}），总分无法计算。`, `score of "${label}" at ${where(r.score.pos)} is blank`);
      }
      if (s !== null && (s < 0 || (w !== null && s > w + 1e-9))) {
        ctx.add(
          "error",
          "score-out-of-range",
          r.score.pos,
          `“${label}”得分 ${fmtAmount(s)} 超出 0–${w ?? "?"} 的范围（分值 ${where(r.weight.pos)}）。`,
          `score ${s} of "${label}" at ${where(r.score.pos)} outside 0..${w}`,
        );
      }
      const noReason = reasonIsEmpty(r.reason.text);
      if (s !== null && w !== null && s < w - 1e-9 && noReason) {
        ctx.add(
          "warning",
          "deviation-unexplained",
          r.reason.pos,
          `“${label}”扣 ${fmtAmount(w - s)} 分（分值 ${fmtAmount(w)} ${where(r.weight.pos)}，得分 ${fmtAmount(s)} ${where(r.score.pos)}），请填写偏差原因分析及改进措施。`,
          `"${label}" lost ${w - s} points (${where(r.weight.pos)} vs ${where(r.score.pos)}) with no reason at ${where(r.reason.pos)}`,
        );
      }
      checkTarget(r, g, ctx, label, noReason);
    }
  }
}

/** "≥95%", "≤30000元", "100" → comparison and number; null when not numeric. */
export function parseTarget(text: string): { op: "ge" | "le" | "eq"; value: number } | null {
  const s = stripSpaces(foldWidth(text));
  if (!s) return null;
  const m = /^(>=|≥|>|<=|≤|<|=)?(.*)$/.exec(s)!;
  const op = m[1] === "≤" || m[1] === "<=" || m[1] === "<" ? "le" : m[1] === "=" || !m[1] ? "eq" : "ge";
  const n = parseNumberText(m[2]);
  return n.kind === "number" ? { op, value: n.value } : null;
}

function checkTarget(r: IndicatorRow, g: IndicatorGroup, ctx: CheckContext, label: string, noReason: boolean) {
  const target = parseTarget(r.target.text);
  if (!target) return;
  if (!r.actual.text.trim()) {
    ctx.add("info", "indicator-actual-missing", r.actual.pos, `“${label}”有年度指标值 ${r.target.text.trim()}（${where(r.target.pos)}），实际完成值未填写。`, `"${label}" has a target at ${where(r.target.pos)} but no actual value`);
    return;
  }
  const actual = parseTarget(r.actual.text);
  if (!actual) return;
  // A cost (成本指标) or a "≤" target is better when lower.
  const lowerIsBetter = target.op === "le" || /成本/.test(r.level2) || (g.key as GroupKey | null) === null && /成本/.test(label);
  const worse = lowerIsBetter ? actual.value > target.value + 1e-9 : actual.value < target.value - 1e-9;
  if (worse && noReason) {
    ctx.add(
      "warning",
      "indicator-below-target",
      r.reason.pos,
      `“${label}”实际完成值 ${r.actual.text.trim()}（${where(r.actual.pos)}）${lowerIsBetter ? "高于" : "未达到"}年度指标值 ${r.target.text.trim()}（${where(r.target.pos)}），请填写偏差原因。`,
      `"${label}" actual ${actual.value} at ${where(r.actual.pos)} is worse than target ${target.value} at ${where(r.target.pos)}; no reason given`,
    );
  }
}
