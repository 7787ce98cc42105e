import { where } from "../address";
import type { CheckContext } from "../context";
import type { NumCell } from "../locate/cells";
import type { SelfEvaluationTable } from "../locate/selfEvaluation";
import { fmtAmount, sameAmount } from "../values";

const COLUMN_NAMES = { initial: "年初预算数", annual: "全年预算数", executed: "全年执行数" } as const;

/**
 * 年度资金总额 = Σ its 其中 rows, column by column, whenever any 其中 row holds
 * money. A total left at 0 or blank over filled rows is the mistake seen in
 * published forms: a sum mismatch like any other.
 */
export function checkFundParts(t: SelfEvaluationTable, ctx: CheckContext): void {
  if (t.fundParts.length === 0) return;
  for (const col of ["initial", "annual", "executed"] as const) {
    const total = t.budget[col];
    if (!total) continue;
    const filled = t.fundParts
      .map((p) => ({ p, c: p.values[col] }))
      .filter((x): x is { p: (typeof t.fundParts)[number]; c: NumCell } => !!x.c && x.c.parsed.kind === "number");
    if (filled.length === 0) continue;
    if (t.fundParts.some((p) => p.values[col]?.parsed.kind === "invalid")) continue; // reported at its cell
    if (total.parsed.kind === "invalid") continue;
    const sum = filled.reduce((s, x) => s + (x.c.parsed as { value: number }).value, 0);
    const stated = total.parsed.kind === "number" ? total.parsed.value : null;
    if (stated !== null && sameAmount(stated, sum, ctx.profile.amountTolerance)) continue;
    const parts = filled.map((x) => `${x.p.label.replace(/^其中[:：]/, "")} ${where(x.c.pos)}=${fmtAmount((x.c.parsed as { value: number }).value)}`).join(" + ");
    const name = `年度资金总额（${COLUMN_NAMES[col]}）`;
    ctx.add(
      "error",
      "sum-mismatch",
      total.pos,
      `${name}${stated === null ? "未填写" : `为 ${fmtAmount(stated)}`}（${where(total.pos)}），其中各项之和为 ${fmtAmount(sum)}：${parts}。${col === "annual" || col === "executed" ? "请改正合计，执行率才能计算。" : ""}`,
      `${name} at ${where(total.pos)} is ${stated ?? "blank"}, its parts add up to ${sum}`,
    );
  }
}
