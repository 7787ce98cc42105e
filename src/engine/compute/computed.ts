import type { RuleId, Severity } from "../findings";
import type { CellPos } from "../snapshot";

/**
 * A figure the engine computes for a cell of the form: the value, and the
 * live formula that gives it in Excel when every operand can be referenced.
 */
export interface ComputedCell {
  pos: CellPos;
  /** What the figure is, in Chinese, for notes and messages ("执行率"). */
  what: string;
  value: number | string;
  /** Formula without "=", possibly holding planned-cell placeholders; null → write the value. */
  formula: string | null;
  numFmt: string | null;
  /** How to compare with a figure a person typed there. */
  kind: "ratio" | "score" | "text";
  /** How it was computed, for the cell's note ("全年执行数(B) ÷ 全年预算数(A)"). */
  how: string;
  /** The finding when a person typed a different figure there (default: stated-figure-mismatch, error). */
  onMismatch?: { rule: RuleId; severity: Severity };
  /** Written as a plain value by design (【待定】), not for want of a formula. */
  valueOnly?: boolean;
  /** The form (index into CheckReport.forms) the cell belongs to; its findings carry it. */
  form?: number | null;
}

export const RATE_FORMAT = "0.00%";
export const SCORE_FORMAT = "0.00";
