import { where } from "../address";
import type { CheckContext } from "../context";
import { canonicalGrade } from "../grade";
import type { NumCell } from "../locate/cells";
import type { BasicDataTable } from "../locate/basicData";
import type { BasicRowKey } from "../locate/basicDataRows";
import type { SelfEvaluationTable } from "../locate/selfEvaluation";
import type { CellPos } from "../snapshot";
import { fmtAmount, preview, sameAmount } from "../values";
import { extractNarrative, type NarrativeItem } from "./extract";
import { STANDARD_GRADE_WORDS } from "./grades";

const NAMES: Record<NarrativeItem, string> = {
  basic: "基本支出",
  personnel: "人员经费",
  publicFunds: "公用经费",
  project: "项目支出",
  business: "业务工作经费",
  operation: "运行维护经费",
  special: "专项资金",
  staffQuota: "编制数",
  staffActual: "在职人数",
  totalScore: "总分",
};

interface TableFigure {
  value: number;
  pos: CellPos;
  label: string;
}

const num = (c: NumCell | null | undefined): TableFigure | null =>
  c && c.parsed.kind === "number" ? { value: c.parsed.value, pos: c.pos, label: "" } : null;

/** Where each narrative item lives in the tables (本年决算数 of 附件1, the splits of 附件2). */
function tableFigures(basic: BasicDataTable | null, self: SelfEvaluationTable | null, total: number | null): Partial<Record<NarrativeItem, TableFigure[]>> {
  const out: Partial<Record<NarrativeItem, TableFigure[]>> = {};
  const add = (k: NarrativeItem, f: TableFigure | null, label: string) => {
    if (f) (out[k] ??= []).push({ ...f, label });
  };
  const row = (key: BasicRowKey) => basic?.rows.find((r) => r.key === key)?.values.actual;
  add("basic", num(row("basicAdjust")), "附件1 部门基本支出预算调整 本年决算数");
  add("publicFunds", num(row("publicFunds")), "附件1 公用经费 本年决算数");
  add("project", num(row("project")), "附件1 项目支出 本年决算数");
  add("business", num(row("business")), "附件1 业务工作经费 本年决算数");
  add("operation", num(row("operation")), "附件1 运行维护经费 本年决算数");
  add("special", num(row("special")), "附件1 上级专项资金 本年决算数");
  const fig = (f: { figure: { kind: string; value?: number }; pos: CellPos } | undefined) =>
    f && f.figure.kind === "number" ? { value: f.figure.value!, pos: f.pos, label: "" } : null;
  add("basic", fig(self?.expenditure.parts.basic), "附件2 基本支出");
  add("project", fig(self?.expenditure.parts.project), "附件2 项目支出");
  add("staffQuota", num(basic?.staff?.quota), "附件1 编制数");
  add("staffActual", num(basic?.staff?.actual), "附件1 实际在职人数");
  const totalCell = self?.total?.score;
  if (totalCell) add("totalScore", total !== null ? { value: total, pos: totalCell.pos, label: "" } : num(totalCell), total !== null ? "核算总分" : "附件2 总分");
  return out;
}

/**
 * 报告文字 ↔ 表格: every figure the report states that disagrees with the
 * tables, or with itself, is a finding at the table cell it concerns, quoting
 * the sentence.
 */
export function checkNarrative(text: string, basic: BasicDataTable | null, self: SelfEvaluationTable | null, total: number | null, grade: string | null, ctx: CheckContext): void {
  const bands = ctx.profile.gradeBands;
  const n = extractNarrative(text, [...STANDARD_GRADE_WORDS, ...bands.flatMap((b) => [b.grade, ...b.aliases])]);
  const tables = tableFigures(basic, self, total);
  const anchor: CellPos = self?.unitName?.pos ?? (self ? { sheet: self.sheet, row: self.range.top, col: self.range.left } : basic ? { sheet: basic.sheet, row: basic.range.top, col: basic.range.left } : { sheet: "", row: 0, col: 0 });
  if (!anchor.sheet) return;
  const said = new Set<string>();
  for (const f of n.figures) {
    for (const t of tables[f.what] ?? []) {
      if (sameAmount(f.value, t.value, ctx.profile.amountTolerance)) continue;
      // The same figure repeated in the report is reported once per table cell.
      const key = `${f.what}|${f.value}|${where(t.pos)}`;
      if (said.has(key)) continue;
      said.add(key);
      ctx.add(
        "error",
        "narrative-mismatch",
        t.pos,
        `报告写“${NAMES[f.what]} ${fmtAmount(f.value)}”，而${t.label}为 ${fmtAmount(t.value)}（${where(t.pos)}）。原句：“${preview(f.sentence, 80)}”`,
        `report states ${f.what} ${f.value}; table has ${t.value} at ${where(t.pos)}`,
      );
    }
  }
  for (const t of n.totals) {
    const sum = t.parts.reduce((s, p) => s + p.value, 0);
    if (sameAmount(sum, t.total, ctx.profile.amountTolerance)) continue;
    const at = tables[t.what]?.[0]?.pos ?? anchor;
    ctx.add(
      "error",
      "narrative-inconsistent",
      at,
      `报告中${NAMES[t.what]}共计 ${fmtAmount(t.total)} 万元，但其中各项 ${t.parts.map((p) => `${p.label} ${fmtAmount(p.value)}`).join(" + ")} = ${fmtAmount(sum)} 万元（对照 ${where(at)}）。原句：“${preview(t.sentence, 80)}”`,
      `report total ${t.what} ${t.total} != sum of its parts ${sum}`,
    );
  }
  if (grade) {
    for (const g of n.grades) {
      // A word that is none of the profile's bands (nor their aliases) cannot be held against the total.
      const said = canonicalGrade(g.grade, bands);
      if (said === null || said === grade) continue;
      const at = self?.total?.score?.pos ?? anchor;
      ctx.add(
        "error",
        "narrative-mismatch",
        at,
        `报告写等级为“${g.grade}”，而总分 ${total !== null ? fmtAmount(total) : ""}（${where(at)}）对应“${grade}”。原句：“${preview(g.sentence, 80)}”`,
        `report states grade ${g.grade}; computed grade is ${grade}`,
      );
    }
  }
}
