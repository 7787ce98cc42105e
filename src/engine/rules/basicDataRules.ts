import { where } from "../address";
import type { CheckContext } from "../context";
import type { ComputedCell } from "../compute/computed";
import { RATE_FORMAT } from "../compute/computed";
import { ratioFormula } from "../compute/formulas";
import type { BasicDataTable, BasicRow, BuildingRow } from "../locate/basicData";
import { AMOUNT_COLUMN_NAMES, BASIC_IDENTITIES, BASIC_ROWS, type AmountColumn, type BasicRowKey } from "../locate/basicDataRows";
import type { NumCell } from "../locate/cells";
import { fmtAmount, fmtPercent, sameAmount } from "../values";

const rowName = (key: BasicRowKey) => BASIC_ROWS.find((r) => r.key === key)!.name;

/** 表内 identities of 经费控制情况, column by column (forms.md). */
export function checkBasicIdentities(t: BasicDataTable, ctx: CheckContext): void {
  const byKey = new Map<BasicRowKey, BasicRow[]>();
  for (const r of t.rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const col of Object.keys(t.columns) as AmountColumn[]) {
    for (const id of BASIC_IDENTITIES) {
      const totalRow = byKey.get(id.total)?.[0];
      if (!totalRow) continue;
      const totalCell = totalRow.values[col];
      if (!totalCell) continue;
      const parts: { key: BasicRowKey; cell: NumCell }[] = [];
      for (const k of id.parts) for (const r of byKey.get(k) ?? []) if (r.values[col]) parts.push({ key: k, cell: r.values[col]! });
      if (parts.length === 0) continue;
      const colName = AMOUNT_COLUMN_NAMES[col];
      const total = ctx.value(totalCell, `${rowName(id.total)}（${colName}）`);
      const values = parts.map((p) => ctx.value(p.cell, `${rowName(p.key)}（${colName}）`));
      if (values.some((v, i) => v === null && parts[i].cell.parsed.kind === "invalid")) continue;
      if (totalCell.parsed.kind === "invalid") continue;
      const filled = parts.filter((p) => p.cell.parsed.kind === "number");
      const totalBlank = totalCell.parsed.kind === "blank";
      // Blank counts as 0 only inside a group where something is filled.
      if (filled.length === 0) {
        if (!totalBlank && total !== 0 && id.kind === "sum" && !id.whenPartsFilled) {
          ctx.add(
            "info",
            "breakdown-missing",
            totalCell.pos,
            `${rowName(id.total)}（${colName}）为 ${fmtAmount(total!)}，但其明细行均未填写（${parts.map((p) => where(p.cell.pos)).join("、")}）。`,
            `${rowName(id.total)} (${col}) at ${where(totalCell.pos)} is ${total} but none of its parts is filled`,
          );
        }
        continue;
      }
      const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
      const operands = filled.map((p) => `${rowName(p.key)} ${where(p.cell.pos)}=${fmtAmount(p.cell.parsed.kind === "number" ? p.cell.parsed.value : 0)}`);
      const stated = total ?? 0;
      if (id.kind === "sum" && !sameAmount(stated, sum, ctx.profile.amountTolerance)) {
        ctx.add(
          "error",
          "sum-mismatch",
          totalCell.pos,
          `${rowName(id.total)}（${colName}）${totalBlank ? "未填写" : `为 ${fmtAmount(stated)}`}，应为 ${fmtAmount(sum)}：${operands.join(" + ")}。`,
          `${rowName(id.total)} (${col}) at ${where(totalCell.pos)} is ${totalBlank ? "blank" : stated}, expected ${fmtAmount(sum)} = ${filled.map((p) => where(p.cell.pos)).join(" + ")}`,
        );
      }
      if (id.kind === "subset" && sum > stated + ctx.profile.amountTolerance) {
        ctx.add(
          "error",
          "subset-exceeds",
          totalCell.pos,
          `${rowName(id.total)}（${colName}）${totalBlank ? "未填写" : `为 ${fmtAmount(stated)}`}，小于其中各项之和 ${fmtAmount(sum)}：${operands.join(" + ")}。`,
          `${rowName(id.total)} (${col}) at ${where(totalCell.pos)} is ${stated}, less than its 其中 rows ${fmtAmount(sum)}`,
        );
      }
    }
  }
}

/** 编制控制率 = 实际在职人数 / 编制数; over 100% is 超编. */
export function computeStaffRate(t: BasicDataTable, ctx: CheckContext, out: ComputedCell[]): number | null {
  const s = t.staff;
  if (!s) return null;
  const quota = ctx.required(s.quota, "编制数", "编制控制率", "warning");
  const actual = ctx.required(s.actual, "实际在职人数", "编制控制率", "warning");
  if (quota === null || actual === null) return null;
  if (quota <= 0) {
    ctx.add("warning", "value-missing", s.quota.pos, `编制数为 ${quota}（${where(s.quota.pos)}），编制控制率无法计算。`, `编制数 at ${where(s.quota.pos)} is ${quota}; cannot compute the control rate`);
    return null;
  }
  const rate = actual / quota;
  const at = s.rate?.pos ?? s.actual.pos;
  if (rate > 1 + 1e-9) {
    ctx.add(
      "warning",
      "staff-over-quota",
      at,
      `超编：实际在职 ${actual} 人（${where(s.actual.pos)}）多于编制 ${quota} 人（${where(s.quota.pos)}），编制控制率 ${fmtPercent(rate)}。`,
      `over quota: ${actual} staff at ${where(s.actual.pos)} against ${quota} at ${where(s.quota.pos)} (rate ${rate})`,
    );
  }
  if (s.rate) {
    out.push({
      pos: s.rate.pos,
      what: "编制控制率",
      value: rate,
      formula: ratioFormula(s.actual, s.quota),
      numFmt: RATE_FORMAT,
      kind: "ratio",
      how: `实际在职人数 ${where(s.actual.pos)} ÷ 编制数 ${where(s.quota.pos)}`,
    });
  }
  return rate;
}

export interface BuildingRates {
  scaleControlRate: number | null;
  investmentControlRate: number | null;
}

/** 规模控制率 and 投资概算控制率 of each completed building project. */
export function computeBuildingRates(t: BasicDataTable, ctx: CheckContext, out: ComputedCell[]): BuildingRates[] {
  return t.buildings.map((b) => ({
    scaleControlRate: buildingRate(b, ctx, out, "scale"),
    investmentControlRate: buildingRate(b, ctx, out, "investment"),
  }));
}

function buildingRate(b: BuildingRow, ctx: CheckContext, out: ComputedCell[], which: "scale" | "investment"): number | null {
  const isScale = which === "scale";
  const planned = isScale ? b.approvedScale : b.budgetInvestment;
  const actualCell = isScale ? b.actualScale : b.actualInvestment;
  const rateCell = isScale ? b.scaleRate : b.investmentRate;
  const plannedName = isScale ? "批复规模" : "预算投资";
  const actualName = isScale ? "实际规模" : "实际投资";
  const rateName = isScale ? "规模控制率" : "投资概算控制率";
  const p = ctx.required(planned, plannedName, rateName, "warning");
  const a = ctx.required(actualCell, actualName, rateName, "warning");
  if (p === null || a === null || p <= 0) return null;
  const rate = a / p;
  if (rate > 1 + 1e-9) {
    ctx.add(
      "warning",
      isScale ? "building-over-scale" : "building-over-investment",
      rateCell?.pos ?? actualCell.pos,
      `${actualName} ${fmtAmount(a)}（${where(actualCell.pos)}）超过${plannedName} ${fmtAmount(p)}（${where(planned.pos)}），${rateName} ${fmtPercent(rate)}。`,
      `${which} over plan: ${a} at ${where(actualCell.pos)} > ${p} at ${where(planned.pos)} (rate ${rate})`,
    );
  }
  if (rateCell) {
    out.push({
      pos: rateCell.pos,
      what: rateName,
      value: rate,
      formula: ratioFormula(actualCell, planned),
      numFmt: RATE_FORMAT,
      kind: "ratio",
      how: `${actualName} ${where(actualCell.pos)} ÷ ${plannedName} ${where(planned.pos)}`,
    });
  }
  return rate;
}
