import { foldWidth, stripSpaces } from "./labels";
import type { SnapshotCell } from "./snapshot";

/**
 * Reading numbers as clerks type them. The result says exactly what was
 * found; nothing is guessed. An unreadable value carries the reason in both
 * languages so the caller can report it at its cell.
 */
export type ParsedNumber =
  /** `na`: a placeholder ("—", "-", "/", "无") was typed: "not applicable", not a missing figure. */
  | { kind: "blank"; na?: boolean }
  | {
      kind: "number";
      value: number;
      /** Written as "90.91%"; value is then the ratio 0.9091. */
      percent: boolean;
      /** True when the cell held text (even a clean "12.5"), not a number. */
      fromText: boolean;
      /** A money unit typed after the figure ("150万", "1,500,000元"): `value` is in that unit, as written. */
      unit?: MoneyUnit;
    }
  /** `fix`: what the clerk should do, when not to type a number in (a formula to recalculate or correct). */
  | { kind: "invalid"; text: string; zh: string; en: string; fix?: string };

export type MoneyUnit = "万元" | "元";

/** Placeholders that mean "nothing here" on these forms. */
const BLANK_WORDS = new Set(["", "-", "--", "—", "——", "－", "/", "\\", "无"]);
/** Unit suffixes met in figure cells; the unit itself is checked elsewhere. */
const UNIT_SUFFIX = /(万元|万|元|人|m2|平方米|分|个|次)$/;
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumberText(raw: string): ParsedNumber {
  const s0 = stripSpaces(foldWidth(raw));
  if (s0 === "") return { kind: "blank" };
  if (BLANK_WORDS.has(s0)) return { kind: "blank", na: true };
  const suffix = UNIT_SUFFIX.exec(s0)?.[1];
  const unit: MoneyUnit | undefined = suffix === "万" || suffix === "万元" ? "万元" : suffix === "元" ? "元" : undefined;
  let s = s0.replace(UNIT_SUFFIX, "");
  const percent = s.endsWith("%");
  if (percent) s = s.slice(0, -1);
  // Thousands separators only between digit groups: "1,234.5".
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
  if (!NUMBER_TEXT.test(s)) {
    return {
      kind: "invalid",
      text: raw,
      zh: `“${preview(raw)}”不是数字`,
      en: `"${preview(raw)}" is not a number`,
    };
  }
  const n = Number(s);
  return { kind: "number", value: percent ? n / 100 : n, percent, fromText: true, ...(unit && !percent ? { unit } : {}) };
}

export function parseNumberCell(cell: SnapshotCell | null | undefined): ParsedNumber {
  if (!cell) return { kind: "blank" };
  if (cell.error) {
    return {
      kind: "invalid",
      text: cell.error,
      zh: `单元格为错误值 ${cell.error}`,
      en: `cell holds the error value ${cell.error}`,
      // A formula that gives an error is corrected, not typed over with a number.
      ...(cell.formula ? { fix: `请检查公式 =${cell.formula} 及其引用的单元格。` } : {}),
    };
  }
  if (cell.date) {
    return { kind: "invalid", text: String(cell.value), zh: "单元格是日期，不是金额或数值", en: "cell holds a date, not a number" };
  }
  const v = cell.value;
  if (v === null || v === undefined) {
    if (cell.formula) {
      return {
        kind: "invalid",
        text: `=${cell.formula}`,
        zh: "公式没有计算结果（文件可能由程序生成，未在 Excel 或 WPS 中保存过）",
        en: "formula has no cached result; recalculate and save in Excel",
        fix: "请在 Excel 或 WPS 中打开并保存后再核查。",
      };
    }
    return { kind: "blank" };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", text: String(v), zh: "数值无效", en: "non-finite number" };
    return { kind: "number", value: v, percent: false, fromText: false };
  }
  if (typeof v === "boolean") {
    return { kind: "invalid", text: String(v), zh: "单元格是逻辑值（TRUE/FALSE），不是数值", en: "cell holds a boolean" };
  }
  return parseNumberText(v);
}

/** Text of a cell for labels and free text; numbers are shown as typed. */
export function cellText(cell: SnapshotCell | null | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return "";
  return String(cell.value);
}

export function isBlankCell(cell: SnapshotCell | null | undefined): boolean {
  if (!cell) return true;
  if (cell.error) return false;
  if (cell.value === null || cell.value === undefined) return !cell.formula;
  return typeof cell.value === "string" && stripSpaces(cell.value) === "";
}

/**
 * A "label：number" cell such as "按收入性质分：269.97" or "其中：基本支出：331.83".
 * Returns the label part and the parsed figure after the last colon.
 */
export function parseLabeledNumber(raw: string): { label: string; figure: ParsedNumber } | null {
  const folded = foldWidth(raw);
  const idx = folded.lastIndexOf(":");
  if (idx < 0) return null;
  const label = folded.slice(0, idx);
  const rest = folded.slice(idx + 1);
  if (stripSpaces(label) === "") return null;
  return { label, figure: parseNumberText(rest) };
}

export function preview(s: string, max = 30): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** Amounts on these forms have two decimals; compare them to the cent. */
export function sameAmount(a: number, b: number, tolerance = 0.005): boolean {
  return Math.abs(a - b) < tolerance + 1e-9;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f;
}

/** "407.3", "0.9091" → "90.91%" etc., for messages. */
export function fmtAmount(n: number): string {
  return String(round(n, 4));
}

export function fmtPercent(ratio: number): string {
  return `${round(ratio * 100, 2)}%`;
}
