import { where } from "../address";
import type { CheckContext } from "../context";
import { canonicalGrade } from "../grade";
import type { NumCell } from "../locate/cells";
import type { BasicDataTable } from "../locate/basicData";
import type { BasicRowKey } from "../locate/basicDataRows";
import type { SelfEvaluationTable } from "../locate/selfEvaluation";
import type { CellPos } from "../snapshot";
import { fmtAmount, preview, sameAmount } from "../values";
import { extractNarrative, type FormNamed, type NarrativeItem } from "./extract";
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

/** Where each amount and head count lives in the tables (本年决算数 of 附件1, the splits of 附件2). */
function tableFigures(basic: BasicDataTable | null, self: SelfEvaluationTable | null): Partial<Record<NarrativeItem, TableFigure[]>> {
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
  return out;
}

/** A form the report's score and grade can be held against. */
export interface NarrativeForm {
  table: SelfEvaluationTable;
  /** The computed total, or null. */
  total: number | null;
  /** The grade its total earns (null: no total, or a disputed one). */
  grade: string | null;
}

/** How a message names a project form ("" for the 部门整体 form). */
const projectLabel = (t: SelfEvaluationTable) => (t.kind === "project" ? `项目“${t.title}”` : "");

/** The form's total as the check sees it: computed, else as the form states it. */
function formTotal(f: NarrativeForm): TableFigure | null {
  const cell = f.table.total?.score;
  if (!cell) return null;
  const project = projectLabel(f.table);
  if (f.total !== null) return { value: f.total, pos: cell.pos, label: `${project}核算总分` };
  const stated = num(cell);
  return stated && { ...stated, label: project ? `${project}总分` : "附件2 总分" };
}

/**
 * 报告文字 ↔ 表格: every figure the report states that disagrees with the
 * tables, or with itself, is a finding at the table cell it concerns, quoting
 * the sentence. Amounts and head counts are held against 附件1 and the main
 * form; a score or a grade against the form whose project the sentence names,
 * else the main form when it is the 部门整体 one or the only one (never a guess
 * between projects).
 */
export function checkNarrative(text: string, basic: BasicDataTable | null, forms: NarrativeForm[], main: number, ctx: CheckContext): void {
  const self = main >= 0 ? forms[main].table : null;
  const bands = ctx.profile.gradeBands;
  const names = forms.map((f) => (f.table.kind === "project" ? f.table.title : ""));
  const n = extractNarrative(text, [...STANDARD_GRADE_WORDS, ...bands.flatMap((b) => [b.grade, ...b.aliases])], names);
  const tables = tableFigures(basic, self);
  const anchor: CellPos = self?.unitName?.pos ?? (self ? { sheet: self.sheet, row: self.range.top, col: self.range.left } : basic ? { sheet: basic.sheet, row: basic.range.top, col: basic.range.left } : { sheet: "", row: 0, col: 0 });
  if (!anchor.sheet) return;
  const mainForm = ctx.form;
  /** The form a sentence's score or grade is about, or -1: none to hold it against. */
  const target = (named: FormNamed): number => {
    if (typeof named === "number") return named;
    if (named === "several" || main < 0) return -1;
    return forms.length === 1 || forms[main].table.kind === "department" ? main : -1;
  };
  const said = new Set<string>();
  const mismatch = (f: { what: NarrativeItem; value: number; sentence: string }, t: TableFigure) => {
    if (sameAmount(f.value, t.value, ctx.profile.amountTolerance)) return;
    // The same figure repeated in the report is reported once per table cell.
    const key = `${f.what}|${f.value}|${where(t.pos)}`;
    if (said.has(key)) return;
    said.add(key);
    ctx.add(
      "error",
      "narrative-mismatch",
      t.pos,
      `报告写“${NAMES[f.what]} ${fmtAmount(f.value)}”，而${t.label}为 ${fmtAmount(t.value)}（${where(t.pos)}）。原句：“${preview(f.sentence, 80)}”`,
      `report states ${f.what} ${f.value}; table has ${t.value} at ${where(t.pos)}`,
    );
  };
  for (const f of n.figures) {
    if (f.what !== "totalScore") {
      for (const t of tables[f.what] ?? []) mismatch(f, t);
      continue;
    }
    const i = target(f.form);
    const total = i >= 0 ? formTotal(forms[i]) : null;
    if (!total) continue;
    ctx.form = i;
    mismatch(f, total);
    ctx.form = mainForm;
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
  for (const g of n.grades) {
    const i = target(g.form);
    const grade = i >= 0 ? forms[i].grade : null;
    if (!grade) continue;
    // A word that is none of the profile's bands (nor their aliases) cannot be held against the total.
    const stated = canonicalGrade(g.grade, bands);
    if (stated === null || stated === grade) continue;
    const form = forms[i];
    const at = form.table.total?.score?.pos ?? anchor;
    const project = projectLabel(form.table);
    ctx.form = i;
    ctx.add(
      "error",
      "narrative-mismatch",
      at,
      `报告写等级为“${g.grade}”，而${project}总分 ${form.total !== null ? fmtAmount(form.total) : ""}（${where(at)}）对应“${grade}”。原句：“${preview(g.sentence, 80)}”`,
      `report states grade ${g.grade}; computed grade is ${grade}`,
    );
    ctx.form = mainForm;
  }
}
