import { where } from "../address";
import type { CheckContext } from "../context";
import type { Finding } from "../findings";
import { agrees } from "../compute/settle";
import { statedTotalWeight, type SelfEvaluationTable } from "../locate/selfEvaluation";
import type { CellPos } from "../snapshot";
import { fmtAmount } from "../values";

export interface Dispute {
  /** What disputes it: a score out of range, or the stated 总分 itself. */
  cause: "score-out-of-range" | "over-full" | "stated-total";
  zh: string;
  en: string;
}

const PENDING_ZH = "评价等级暂定为“待定”，不给出等级；核实并改正后重新核算。";

/**
 * Is the total disputed? When any 得分 is out of range, or a 总分 a person
 * typed differs from the computed one, no grade is definitive: grading either
 * figure would state a grade the cells beside it contradict. Reported once
 * per form (grade-pending), at the total.
 * `typedByPerson` tells a person's entry from a figure this tool wrote (journal).
 */
export function disputedTotal(
  t: SelfEvaluationTable,
  total: number | null,
  ctx: CheckContext,
  typedByPerson: (pos: CellPos) => boolean,
): Dispute | null {
  const out = ctx.findings.filter((f) => f.rule === "score-out-of-range" && f.form === ctx.form);
  let d: Dispute | null = null;
  if (out.length > 0) {
    const cells = out.map((f) => `${f.sheet}!${f.cell}`);
    d = {
      cause: "score-out-of-range",
      zh: `有得分超出分值范围（${cells.slice(0, 3).join("、")}${cells.length > 3 ? ` 等 ${cells.length} 处` : ""}）`,
      en: `scores out of range at ${cells.join(", ")}`,
    };
  }
  // A total above the form's full marks (190 of 100: a row counted twice, a total read as a row) has no band.
  const full = Math.max(ctx.profile.totalWeight, statedTotalWeight(t) ?? 0);
  if (!d && total !== null && total > full + 1e-9) {
    d = { cause: "over-full", zh: `核算的总分 ${fmtAmount(total)} 超过满分 ${fmtAmount(full)} 分`, en: `computed total ${total} exceeds the full marks ${full}` };
  }
  const sc = t.total?.score;
  if (!d && sc && sc.cell && total !== null && sc.parsed.kind === "number" && sc.cell.formula === undefined && typedByPerson(sc.pos)) {
    if (agrees({ kind: "score", value: total }, sc.cell, ctx) === false) {
      d = {
        cause: "stated-total",
        zh: `总分填写为 ${String(sc.cell.value).trim()}（${where(sc.pos)}），各项得分核算为 ${fmtAmount(total)}`,
        en: `stated total ${String(sc.cell.value)} at ${where(sc.pos)} differs from the computed ${total}`,
      };
    }
  }
  if (!d) return d;
  // Without a total row, the 得分 column's heading is where the total would be read from.
  const ih = t.indicatorHeader;
  const at = sc?.pos ?? t.total?.labelPos ?? (ih && ih.cols.score !== undefined ? { sheet: t.sheet, row: ih.row, col: ih.cols.score } : null);
  if (!at) return d;
  ctx.add("warning", "grade-pending", at, `${d.zh}，${PENDING_ZH}`, `grade pending: ${d.en}`);
  return d;
}

/**
 * One disputed total is one finding at its cell. A stated 总分 that differs from the computed one
 * is an error there (total-score-mismatch, from the settling of computed cells); the grade-pending
 * warning at the same cell would say it again. It is folded into the error: the error keeps its
 * rule and severity and adds that the grade is pending (and why, when the cause is elsewhere: a
 * score out of range).
 */
export function oneFindingPerDisputedTotal(findings: Finding[], disputes: (Dispute | null)[]): Finding[] {
  const at = (f: Finding) => `${f.form}\u0000${f.sheet}\u0000${f.cell}`;
  const mismatches = new Map(findings.filter((f) => f.rule === "total-score-mismatch").map((f) => [at(f), f]));
  const folded = new Set<Finding>();
  const merged = new Map<Finding, Finding>();
  for (const g of findings) {
    const m = g.rule === "grade-pending" ? mismatches.get(at(g)) : undefined;
    if (!m) continue;
    // The stated-total dispute repeats the mismatch's own figures; another cause is named.
    const cause = g.form !== null && disputes[g.form]?.cause === "stated-total" ? PENDING_ZH : g.message;
    merged.set(m, { ...m, message: `${m.message}${cause}`, log: `${m.log}; ${g.log}` });
    folded.add(g);
  }
  return findings.filter((f) => !folded.has(f)).map((f) => merged.get(f) ?? f);
}
