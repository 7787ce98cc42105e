import { where } from "../address";
import type { CheckContext } from "../context";
import { agrees } from "../compute/settle";
import type { SelfEvaluationTable } from "../locate/selfEvaluation";
import type { CellPos } from "../snapshot";
import { fmtAmount } from "../values";

export interface Dispute {
  zh: string;
  en: string;
}

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
      zh: `有得分超出分值范围（${cells.slice(0, 3).join("、")}${cells.length > 3 ? ` 等 ${cells.length} 处` : ""}）`,
      en: `scores out of range at ${cells.join(", ")}`,
    };
  }
  const sc = t.total?.score;
  if (!d && sc && sc.cell && total !== null && sc.parsed.kind === "number" && sc.cell.formula === undefined && typedByPerson(sc.pos)) {
    if (agrees({ kind: "score", value: total }, sc.cell, ctx) === false) {
      d = {
        zh: `总分填写为 ${String(sc.cell.value).trim()}（${where(sc.pos)}），各项得分核算为 ${fmtAmount(total)}`,
        en: `stated total ${String(sc.cell.value)} at ${where(sc.pos)} differs from the computed ${total}`,
      };
    }
  }
  if (!d || !t.total) return d;
  const at = sc?.pos ?? t.total.labelPos;
  ctx.add("warning", "grade-pending", at, `${d.zh}，评价等级暂定为“待定”，不给出等级；核实并改正后重新核算。`, `grade pending: ${d.en}`);
  return d;
}
