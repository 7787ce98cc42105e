import { foldWidth, stripSpaces } from "../labels";
import type { MoneyUnit } from "../values";
import type { NumCell } from "./cells";

/** 1 万元 in 元. */
const YUAN_PER_WAN = 10000;

/** The unit a money block's header states ("项目资金（万元）", "单位：元"); 万元 when it states none, as on every form seen. */
export function moneyUnitOf(header: string): MoneyUnit {
  const s = stripSpaces(foldWidth(header));
  if (/万元/.test(s)) return "万元";
  if (/\(元\)|单位:元|^元$/.test(s)) return "元";
  return "万元";
}

/**
 * An amount in the header's unit. A figure typed with its own unit ("150万",
 * "1,500,000元") is read in the unit the person wrote and converted; the cell
 * keeps what was typed in `converted` so a rule can say so. A figure without a
 * written unit is never converted.
 */
export function inMoneyUnit(c: NumCell, header: MoneyUnit): NumCell {
  const p = c.parsed;
  if (p.kind !== "number" || !p.unit || p.unit === header) return c;
  const factor = p.unit === "元" ? 1 / YUAN_PER_WAN : YUAN_PER_WAN;
  const value = Math.round(p.value * factor * 1e8) / 1e8;
  return { ...c, parsed: { ...p, value, unit: header }, converted: { written: p.value, from: p.unit, to: header } };
}
