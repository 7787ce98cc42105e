import { where } from "./address";
import { finding, type Finding, type RuleId, type Severity } from "./findings";
import type { NumCell } from "./locate/cells";
import type { Profile } from "./profile";
import type { CellPos } from "./snapshot";

/**
 * What the rules share while checking one workbook: the profile and the
 * findings so far. Reading a figure through `value` reports an unreadable
 * cell once, at that cell, and yields null: never a guessed number.
 */
export class CheckContext {
  readonly findings: Finding[] = [];
  private readonly reported = new Set<string>();

  /** The form (index into CheckReport.forms) whose rules are running; findings added meanwhile carry it. */
  form: number | null = null;

  /** The profile the running form is checked under: the workbook's, or the form's own note's (formRules.ts). */
  constructor(public profile: Profile) {}

  add(severity: Severity, rule: RuleId, at: CellPos, message: string, log: string): void {
    const key = `${rule}|${at.sheet}|${at.row}|${at.col}|${message}|${this.form}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.findings.push(finding(severity, rule, at, message, log, this.form));
  }

  /** The number in a cell, or null (blank or unreadable; unreadable is reported). */
  value(c: NumCell | null | undefined, what: string): number | null {
    if (!c) return null;
    const p = c.parsed;
    if (p.kind === "number") return p.value;
    if (p.kind === "invalid") {
      this.add(
        "error",
        "value-unreadable",
        c.pos,
        `${what}无法读取：${p.zh}（${where(c.pos)}）。${p.fix ?? "请填写数字。"}`,
        `${what} at ${where(c.pos)} is unreadable: ${p.en}`,
      );
    }
    return null;
  }

  /** Like value(), and a blank is reported as a missing input of `forWhat`. */
  required(c: NumCell | null | undefined, what: string, forWhat: string, severity: Severity = "error"): number | null {
    const v = this.value(c, what);
    if (c && c.parsed.kind === "blank") {
      this.add(
        severity,
        "value-missing",
        c.pos,
        `${what}未填写（${where(c.pos)}），${forWhat}无法计算。`,
        `${what} at ${where(c.pos)} is blank; cannot compute ${forWhat}`,
      );
    }
    return v;
  }
}
