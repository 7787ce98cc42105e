import { where } from "../address";
import type { CheckContext } from "../context";
import type { BasicDataTable } from "../locate/basicData";
import type { BasicRowKey } from "../locate/basicDataRows";
import type { LabeledFigure, SelfEvaluationTable } from "../locate/selfEvaluation";
import { fmtAmount, sameAmount } from "../values";

/** 附件2 项目支出/基本支出 against 附件1's 本年决算数 (表间). */
export function checkCrossTable(basic: BasicDataTable, self: SelfEvaluationTable, ctx: CheckContext): void {
  const pairs: [LabeledFigure | undefined, BasicRowKey, string, string][] = [
    [self.expenditure.parts.project, "project", "项目支出", "项目支出"],
    [self.expenditure.parts.basic, "basicAdjust", "基本支出", "部门基本支出预算调整"],
  ];
  for (const [fig, key, name, basicName] of pairs) {
    if (!fig || fig.figure.kind !== "number") continue;
    const row = basic.rows.find((r) => r.key === key);
    const cell = row?.values.actual;
    if (!cell || cell.parsed.kind !== "number") continue;
    const a2 = fig.figure.value;
    const a1v = cell.parsed.value;
    if (!sameAmount(a2, a1v, ctx.profile.amountTolerance)) {
      ctx.add(
        "error",
        "cross-table-mismatch",
        fig.pos,
        `附件2 ${name} ${fmtAmount(a2)}（${where(fig.pos)}）与附件1 ${basicName}本年决算数 ${fmtAmount(a1v)}（${where(cell.pos)}）不一致。`,
        `附件2 ${name} ${a2} at ${where(fig.pos)} differs from 附件1 ${basicName} actual ${a1v} at ${where(cell.pos)}`,
      );
    }
  }
}
