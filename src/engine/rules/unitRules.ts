import { where } from "../address";
import type { CheckContext } from "../context";
import { foldWidth } from "../labels";
import type { BasicDataTable } from "../locate/basicData";
import { AMOUNT_COLUMN_NAMES, BASIC_ROWS, type AmountColumn } from "../locate/basicDataRows";
import type { SelfEvaluationTable } from "../locate/selfEvaluation";
import { fmtAmount } from "../values";
import { parseTarget } from "./indicatorRules";

/**
 * Units. Budget figures on both forms are in 万元; a figure whose size only
 * makes sense in 元 is flagged at its cell, never converted.
 */
export function checkBasicUnits(t: BasicDataTable, ctx: CheckContext): void {
  for (const r of t.rows) {
    for (const [col, c] of Object.entries(r.values) as [AmountColumn, NonNullable<(typeof r.values)[AmountColumn]>][]) {
      if (c.parsed.kind !== "number" || c.parsed.value < ctx.profile.maxPlausibleWanYuan) continue;
      const name = BASIC_ROWS.find((x) => x.key === r.key)!.name;
      ctx.add(
        "warning",
        "unit-suspect",
        c.pos,
        `${name}（${AMOUNT_COLUMN_NAMES[col]}）为 ${fmtAmount(c.parsed.value)}，表头单位是万元，这个数更像是以元填写的（${where(c.pos)}）。请核对单位，本工具不会自动换算。`,
        `${name} (${col}) at ${where(c.pos)} is ${c.parsed.value}: looks like 元 under a 万元 header`,
      );
    }
  }
}

/** A cost indicator whose 年度指标值 exceeds the whole year's budget (万元) must be in 元: say so unless the unit is written. */
export function checkIndicatorUnits(t: SelfEvaluationTable, ctx: CheckContext): void {
  const budget = [t.budget.annual, t.budget.executed, t.budget.initial]
    .map((c) => (c && c.parsed.kind === "number" ? { c, v: c.parsed.value } : null))
    .find((x) => x !== null && x.v > 0);
  if (!budget) return;
  for (const g of t.groups) {
    for (const r of g.rows) {
      if (!/成本/.test(r.level2)) continue;
      // A rate or share (成本控制率 100, 节约率 ≥5%) is no amount of money.
      if (/率|比例|比率|占比|百分|%/.test(`${r.name.text}${r.measure?.text ?? ""}${r.target.text}`)) continue;
      const target = parseTarget(r.target.text);
      if (!target || target.value <= budget.v) continue;
      if (/元/.test(foldWidth(r.target.text)) || foldWidth(r.measure?.text ?? "").trim() === "元") continue;
      const label = r.name.text.trim() || `第 ${r.row + 1} 行指标`;
      ctx.add(
        "warning",
        "unit-suspect",
        r.target.pos,
        `“${label}”的年度指标值 ${fmtAmount(target.value)}（${where(r.target.pos)}）大于全年预算 ${fmtAmount(budget.v)} 万元（${where(budget.c.pos)}），应是以元计；请在指标值后注明单位（如“${fmtAmount(target.value)}元”）。`,
        `cost target ${target.value} at ${where(r.target.pos)} exceeds the budget ${budget.v} (万元) at ${where(budget.c.pos)}: unit must be 元, not stated`,
      );
    }
  }
}

/** Amounts typed with their own unit were read in it and converted: say so at each cell (info). */
export function reportConversions(t: SelfEvaluationTable, ctx: CheckContext): void {
  const cells = [t.budget.initial, t.budget.annual, t.budget.executed, ...t.fundParts.flatMap((p) => Object.values(p.values))];
  for (const c of cells) {
    if (!c?.converted || c.parsed.kind !== "number") continue;
    const { written, from, to } = c.converted;
    ctx.add(
      "info",
      "unit-converted",
      c.pos,
      `${where(c.pos)} 填写为“${String(c.cell?.value ?? "").trim()}”，按所写单位读作 ${fmtAmount(written)} ${from}，换算为 ${fmtAmount(c.parsed.value)} ${to}（表头单位为${to}）。`,
      `${where(c.pos)} typed "${String(c.cell?.value ?? "")}": read as ${written} ${from}, converted to ${c.parsed.value} ${to}`,
    );
  }
}
