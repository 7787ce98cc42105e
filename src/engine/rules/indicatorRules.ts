import { where } from "../address";
import type { CheckContext } from "../context";
import { foldWidth, stripSpaces } from "../labels";
import type { IndicatorGroup, IndicatorRow, SelfEvaluationTable } from "../locate/selfEvaluation";
import { reasonIsEmpty } from "../locate/selfEvaluation";
import { isSpareName } from "../locate/vocabulary";
import type { GroupKey } from "../profile";
import { fmtAmount, parseNumberText, type MoneyUnit } from "../values";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * Weights: each 一级 group against its label, all indicators against the header. A table with no
 * 分值 column takes its weights from the group labels (checkGroupScores).
 */
export function checkWeights(t: SelfEvaluationTable, ctx: CheckContext): number | null {
  if (t.indicatorHeader && t.indicatorHeader.cols.weight === undefined) return checkGroupScores(t, ctx);
  let all = 0;
  let complete = true;
  for (const g of t.groups) {
    let sum = 0;
    for (const r of g.rows) {
      if (!r.weight) continue;
      const w = ctx.value(r.weight, `分值（${r.name.text.trim() || "第" + (r.row + 1) + "行"}）`);
      if (w === null && r.weight.parsed.kind === "invalid") complete = false;
      sum += w ?? 0;
    }
    all += sum;
    const rule = g.key ? ctx.profile.groups.find((x) => x.key === g.key) : undefined;
    const name = g.label || rule?.name || "未命名一级指标";
    const where0 = g.labelPos ?? g.rows[0]?.weight?.pos;
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
    // Where every level is weighed, a 一级 group adds up its 二级 weights (each checks its own 三级 rows).
    if (g.rows.some((r) => r.level2Weight !== undefined)) sum = g.rows.reduce((a, r) => a + (r.level2Weight ?? 0), 0);
    const expected = g.statedWeight ?? (g.inferred ? rule?.weight ?? null : null);
    // A group none of whose rows carries a weight was left unfilled: there is no sum to compare.
    const weighed = g.rows.some((r) => r.weight && r.weight.parsed.kind !== "blank");
    if (expected !== null && weighed && !near(sum, expected)) {
      ctx.add(
        "error",
        "group-weight-mismatch",
        where0,
        `${name}各三级指标分值合计 ${fmtAmount(sum)}，与${g.statedWeight !== null ? "标注的" : "规定的"} ${expected} 分不符（${g.rows.map((r) => where(r.weight!.pos)).join("、")}）。`,
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
      `绩效指标分值合计 ${fmtAmount(all)}（${weightSpan(t)}），与表头 ${where(h.weightPos)} 标注的 ${h.weight} 分不符。`,
      `indicator weights add up to ${all}, header says ${h.weight}`,
    );
  }
  return complete ? all : null;
}

/**
 * A table without a 分值 column: each group's scores may not add up to more than the weight its
 * label states ("产出指标（50分）"). Returns the groups' weights added up, or null when a group with
 * indicators states none.
 */
function checkGroupScores(t: SelfEvaluationTable, ctx: CheckContext): number | null {
  let all = 0;
  let complete = t.groups.length > 0;
  for (const g of t.groups) {
    const w = g.statedWeight;
    if (w === null) {
      if (g.rows.length > 0) complete = false;
      continue;
    }
    all += w;
    let sum = 0;
    for (const r of g.rows) sum += r.score.parsed.kind === "number" ? r.score.parsed.value : 0;
    if (g.labelPos && sum > w + 1e-9) {
      const name = g.label || "未命名一级指标";
      ctx.add(
        "error",
        "score-out-of-range",
        g.labelPos,
        `${name}各指标得分合计 ${fmtAmount(sum)}，超过标注的 ${fmtAmount(w)} 分（${g.rows.map((r) => where(r.score.pos)).join("、")}）。`,
        `${name}: scores add up to ${sum}, over the group's weight ${w}`,
      );
    }
  }
  // A table printed in parts: each part's scores within the weight its label states.
  for (const part of t.segments) {
    if (part.weight === null || !part.pos) continue;
    const rows = t.groups.flatMap((g) => g.rows).filter((r) => part.rows.includes(r.row));
    const sum = rows.reduce((a, r) => a + (r.score.parsed.kind === "number" ? r.score.parsed.value : 0), 0);
    if (sum > part.weight + 1e-9) {
      ctx.add("error", "score-out-of-range", part.pos, `该部分指标得分合计 ${fmtAmount(sum)}，超过标注的 ${fmtAmount(part.weight)} 分（${where(part.pos)}）。`, `part at ${where(part.pos)}: scores add up to ${sum}, over its weight ${part.weight}`);
    }
  }
  const h = t.indicatorHeader;
  if (h && h.weight !== null && h.weightPos && complete && !near(all, h.weight)) {
    ctx.add("error", "indicator-weight-mismatch", h.weightPos, `各一级指标标注的分值合计 ${fmtAmount(all)}，与表头 ${where(h.weightPos)} 标注的 ${h.weight} 分不符。`, `group weights add up to ${all}, header says ${h.weight}`);
  }
  return complete ? all : null;
}

/** Where the indicator weights were read: "附件2!G14–附件2!G32 各行分值", or that none were found. */
function weightSpan(t: SelfEvaluationTable): string {
  const rows = t.groups.flatMap((g) => g.rows).filter((r) => r.weight);
  if (rows.length === 0) return "未找到任何指标行的分值";
  const first = where(rows[0].weight!.pos);
  const last = where(rows[rows.length - 1].weight!.pos);
  return first === last ? `${first} 的分值` : `${first}–${last} 各行分值`;
}

/** A score cell holding "—", "-" or "/": the indicator does not apply, nothing is owed. */
export const notApplicable = (c: { parsed: { kind: string; na?: boolean } }) => c.parsed.kind === "blank" && c.parsed.na === true;

/**
 * Is a blank 得分 owed? Where the row has a 分值, or where the table has no 分值 column at all
 * (weights from group labels or the note) and the row names a real indicator.
 */
export function scoreOwed(t: SelfEvaluationTable, r: IndicatorRow): boolean {
  if (r.scoredAbove || r.score.parsed.kind !== "blank" || notApplicable(r.score)) return false;
  if (r.weight) return r.weight.parsed.kind === "number";
  if (isSpareName(r.name.text)) return false;
  // Without 分值, a 二级 label merged over several rows may be scored once, on exactly one of its
  // rows: that score is the 二级's, and its other rows owe nothing. Where several of its rows carry
  // scores, or none does, each row is an indicator of its own.
  const c = r.level2Cell;
  if (c) {
    const same = t.groups.flatMap((g) => g.rows).filter((x) => x.level2Cell?.row === c.row && x.level2Cell?.col === c.col);
    if (same.length > 1 && same.filter((x) => x.score.parsed.kind !== "blank" || notApplicable(x.score)).length === 1) return false;
  }
  return true;
}

/** 0 ≤ 得分 ≤ 分值, lost points explained, targets met or explained. */
export function checkIndicatorRows(t: SelfEvaluationTable, ctx: CheckContext): void {
  for (const g of t.groups) {
    for (const r of g.rows) {
      const label = r.name.text.trim() || `第 ${r.row + 1} 行指标`;
      const w = r.weight ? ctx.value(r.weight, `分值（${label}）`) : null;
      const s = ctx.value(r.score, `得分（${label}）`);
      if (scoreOwed(t, r)) {
        const weightText = r.weight && w !== null ? `有分值 ${fmtAmount(w)}（${where(r.weight.pos)}）但` : "";
        ctx.add("error", "score-missing", r.score.pos, `“${label}”${weightText}得分未填写（${where(r.score.pos)}），总分无法计算（不按 0 分计）。`, `score of "${label}" at ${where(r.score.pos)} is blank${r.weight ? ` while its weight at ${where(r.weight.pos)} is ${w}` : ""}; total not computable`);
      }
      if (s !== null && (s < 0 || (w !== null && s > w + 1e-9))) {
        ctx.add(
          "error",
          "score-out-of-range",
          r.score.pos,
          `“${label}”得分 ${fmtAmount(s)} 超出 0–${w ?? "?"} 的范围${r.weight ? `（分值 ${where(r.weight.pos)}）` : ""}。`,
          `score ${s} of "${label}" at ${where(r.score.pos)} outside 0..${w}`,
        );
      }
      if (!r.reason) continue;
      const noReason = reasonIsEmpty(r.reason.text);
      if (s !== null && w !== null && r.weight && s < w - 1e-9 && noReason) {
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

export interface Target {
  op: "ge" | "le" | "eq";
  value: number;
  /** Written as a percentage ("100%"): value is the ratio. */
  percent: boolean;
  /** A money unit written with the figure ("≤90万元"). */
  unit?: MoneyUnit;
}

/** "≥95%", "≤30000元", "≥50个", "100" → comparison, number and unit; null when not numeric. */
export function parseTarget(text: string): Target | null {
  const s = stripSpaces(foldWidth(text));
  if (!s) return null;
  const m = /^(>=|≥|>|<=|≤|<|=)?(.*)$/.exec(s)!;
  const op = m[1] === "≤" || m[1] === "<=" || m[1] === "<" ? "le" : m[1] === "=" || !m[1] ? "eq" : "ge";
  const n = parseNumberText(m[2]);
  return n.kind === "number" ? { op, value: n.value, percent: n.percent, ...(n.unit ? { unit: n.unit } : {}) } : null;
}

/** The comparison a 指标性质 column states ("≥", "≤", "="), else null. */
function natureOp(text: string | undefined): Target["op"] | null {
  const s = stripSpaces(foldWidth(text ?? ""));
  if (/^(≥|>=|>|正向)/.test(s)) return "ge";
  if (/^(≤|<=|<|反向)/.test(s)) return "le";
  if (/^=/.test(s)) return "eq";
  return null;
}

/** Target and actual on one scale: money units to 元, percentage points to a ratio. */
function sameScale(target: Target, actual: Target): [number, number] {
  const yuan = (t: Target) => (t.unit === "万元" ? t.value * 10000 : t.value);
  if (target.unit && actual.unit && target.unit !== actual.unit) return [yuan(target), yuan(actual)];
  if (target.percent !== actual.percent) {
    const ratio = (t: Target) => (!t.percent && t.value > 1.5 ? t.value / 100 : t.value);
    return [ratio(target), ratio(actual)];
  }
  return [target.value, actual.value];
}

function checkTarget(r: IndicatorRow, g: IndicatorGroup, ctx: CheckContext, label: string, noReason: boolean) {
  const parsed = parseTarget(r.target.text);
  if (!parsed) return;
  const stated = natureOp(r.nature?.text);
  const target = parsed.op === "eq" && stated ? { ...parsed, op: stated } : parsed;
  if (!r.actual.text.trim()) {
    ctx.add("info", "indicator-actual-missing", r.actual.pos, `“${label}”有年度指标值 ${r.target.text.trim()}（${where(r.target.pos)}），实际完成值未填写。`, `"${label}" has a target at ${where(r.target.pos)} but no actual value`);
    return;
  }
  const actual = parseTarget(r.actual.text);
  if (!actual) return;
  // A cost (成本指标) or a "≤" target is better when lower.
  const lowerIsBetter = target.op === "le" || /成本/.test(r.level2) || (g.key as GroupKey | null) === null && /成本/.test(label);
  const [tv, av] = sameScale(target, actual);
  // The 指标性质 and 度量单位 columns complete a bare figure in the message: "≥120公里".
  const natureText = parsed.op === "eq" && stated ? stripSpaces(r.nature!.text) : "";
  const unit = stripSpaces(r.measure?.text ?? "").replace(/^[—\-/]+$/, "");
  const withUnit = (text: string) => (/^[\d.,]+$/.test(stripSpaces(foldWidth(text))) ? `${text.trim()}${unit}` : text.trim());
  const worse = lowerIsBetter ? av > tv + 1e-9 : av < tv - 1e-9;
  if (worse && noReason && r.reason) {
    ctx.add(
      "warning",
      "indicator-below-target",
      r.reason.pos,
      `“${label}”实际完成值 ${withUnit(r.actual.text)}（${where(r.actual.pos)}）${lowerIsBetter ? "高于" : "未达到"}年度指标值 ${natureText}${withUnit(r.target.text)}（${where(r.target.pos)}），请填写偏差原因。`,
      `"${label}" actual ${av} at ${where(r.actual.pos)} is worse than target ${tv} at ${where(r.target.pos)}; no reason given`,
    );
  }
}
