import { a1, rangeA1 } from "./address";
import { CheckContext } from "./context";
import type { ComputedCell } from "./compute/computed";
import { settleComputed } from "./compute/settle";
import { sortFindings } from "./findings";
import { Grid } from "./grid";
import { locateBasicData, type BasicDataTable } from "./locate/basicData";
import { DEVIATION_MARKER, hasMoneyBlock, type SelfEvaluationTable } from "./locate/selfEvaluation";
import { findingMarks, RESULTS_SHEET, RESULTS_TITLE, writeAt, type CellWrite, type Plan } from "./plan";
import { SEED_PROFILE, type Profile } from "./profile";
import type { CheckReport, Computed, FormReport } from "./report";
import { resultsSheet } from "./results";
import { checkBasicIdentities, computeBuildingRates, computeStaffRate } from "./rules/basicDataRules";
import { checkBasicUnits } from "./rules/unitRules";
import { oneFindingPerDisputedTotal, type Dispute } from "./rules/gradePending";
import { checkForm } from "./checkForm";
import type { Remainder } from "./locate/remainder";
import { formsOnSheet } from "./locate/sheetForms";
import { checkNarrative } from "./narrative/check";
import { GRADE_PENDING_CELL, gradeFor } from "./grade";
import { parseJournal, type Journal } from "./journal";
import type { CellPos, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import { cellText, isBlankCell } from "./values";

export const JOURNAL_SHEET = "核算助手撤销记录";
export const GRADE_LABEL = "评价等级";

/** Sheets the add-in itself writes are never read as forms. */
export function isOwnSheet(s: SheetSnapshot): boolean {
  if (s.name === JOURNAL_SHEET) return true;
  return cellText(s.top === 0 && s.left === 0 ? s.cells[0]?.[0] : null) === RESULTS_TITLE;
}

/** The journal the add-in keeps in the workbook, read from its snapshot (null when none). */
export function journalOf(snapshot: WorkbookSnapshot): Journal | null {
  const sheet = snapshot.sheets.find((s) => s.name === JOURNAL_SHEET);
  if (!sheet) return null;
  const chunks = sheet.cells.map((row) => cellText(row[0 - sheet.left] ?? null)).filter((t) => t !== "");
  return parseJournal(chunks);
}

/** The name of the results sheet: ours if it exists, else the first free name. */
function resultsName(snapshot: WorkbookSnapshot): string {
  const taken = new Map(snapshot.sheets.map((s) => [s.name, s]));
  for (let i = 1; ; i++) {
    const name = i === 1 ? RESULTS_SHEET : `${RESULTS_SHEET}(${i})`;
    const s = taken.get(name);
    if (!s || isOwnSheet(s)) return name;
  }
}

/**
 * Check one workbook: find both tables, read them, run every rule, compute the
 * missing figures and plan the write-back. Pure: no I/O, no Office.
 */
export interface CheckOptions {
  /** The narrative report's text, to check against the tables. */
  narrative?: string;
  /**
   * The user chose the profile (--profile, the pane's or the page's 评分规则): it applies to every
   * form, and a form's note that prints other bands is only said. Otherwise a form's note replaces
   * the default profile's bands for that form. Unset: any profile but the default counts as chosen.
   */
  profileChosen?: boolean;
}

export function checkWorkbook(snapshot: WorkbookSnapshot, profile: Profile = SEED_PROFILE, options: CheckOptions = {}): CheckReport {
  const ctx = new CheckContext(profile);
  const grids = new Map<string, Grid>();
  let basic: BasicDataTable | null = null;
  const found: SelfEvaluationTable[] = [];
  for (const sheet of snapshot.sheets) {
    if (isOwnSheet(sheet)) continue;
    const grid = new Grid(sheet);
    grids.set(sheet.name, grid);
    basic ??= locateBasicData(grid);
    const { forms: onSheet, remainders, unreadTitles } = formsOnSheet(grid, profile);
    found.push(...onSheet);
    for (const r of remainders) sayRemainder(r.table, r.remainder, ctx);
    for (const t of unreadTitles) {
      const at = `${sheet.name}!${a1(t.row, t.col)}`;
      ctx.add(
        "warning",
        "form-unreadable",
        { sheet: sheet.name, row: t.row, col: t.col },
        `${at}“${t.text.length > 40 ? t.text.slice(0, 40) + "…" : t.text}”是绩效自评表的表名，但其下未能识别出可核查的表格（需要有预算数和执行数的资金表，或有分值、得分的指标表），该表未核查。`,
        `a self-evaluation title at ${at} but no form could be read under it: not checked`,
      );
    }
  }
  // 部门整体 form(s) first, then the project forms in sheet order: forms[0] is the department's when it
  // has one. Within a family, forms that name themselves (a title, a header line) come before rows
  // that name nothing, so an anonymous table never heads the report over a named form.
  const byFamily = (kind: SelfEvaluationTable["kind"]) => [...found.filter((t) => t.kind === kind && t.headed), ...found.filter((t) => t.kind === kind && !t.headed)];
  const tables = [...byFamily("department"), ...byFamily("project")];
  const self = tables.find((t) => t.kind === "department") ?? null;
  const firstSheet = snapshot.sheets.find((s) => !isOwnSheet(s))?.name ?? "";
  if (firstSheet && (!basic || !self) && (basic || self)) {
    const missing = !basic ? "附件1 部门整体支出绩效评价基础数据表（未找到“经费控制情况”）" : "附件2 部门整体支出绩效自评表（未找到“年度预算申请”或“一级指标”）";
    ctx.add("warning", "table-missing", { sheet: (basic ?? self)!.sheet, row: 0, col: 0 }, `工作簿中没有找到${missing}，相关核查已跳过。`, `table not found: ${!basic ? "basic data" : "self-evaluation"}`);
  }

  const computedCells: ComputedCell[] = [];
  const computed: Computed = {
    executionRate: null,
    executionScore: null,
    staffControlRate: null,
    buildings: [],
    totalScore: null,
    grade: null,
  };
  // 附件1 belongs to the 部门整体 form (form 0) when there is one.
  ctx.form = self ? 0 : null;
  if (basic) {
    checkBasicIdentities(basic, ctx);
    checkBasicUnits(basic, ctx);
    computed.staffControlRate = computeStaffRate(basic, ctx, computedCells);
    computed.buildings = computeBuildingRates(basic, ctx, computedCells);
    for (const c of computedCells) c.form = ctx.form;
  }
  const own = new Map(((snapshot.journal ?? journalOf(snapshot))?.written ?? []).map((w) => [`${w.sheet}\u0000${w.cell}`, w.value]));
  const isOurs = (sheet: string, cell: string, value: unknown) => {
    const key = `${sheet}\u0000${cell}`;
    return own.has(key) && own.get(key) === value;
  };
  const typedByPerson = (p: CellPos) => {
    const cell = grids.get(p.sheet)?.raw(p.row, p.col);
    return !!cell && cell.formula === undefined && !isOurs(p.sheet, a1(p.row, p.col), cell.value);
  };
  // Any profile but the default one was chosen by someone (--profile, 评分规则, a profile file).
  const chosen = options.profileChosen ?? profile.id !== SEED_PROFILE.id;
  const forms: FormReport[] = [];
  const placed: { form: number; label: CellPos }[] = [];
  const disputes: (Dispute | null)[] = [];
  tables.forEach((t, i) => {
    ctx.form = i;
    const o = checkForm(t, t === self ? basic : null, ctx, computedCells, typedByPerson, chosen);
    forms.push({ kind: t.kind, title: t.title, sheet: t.sheet, range: rangeA1(t.range), unit: t.unitName?.text ?? null, budget: budgetFigures(t), computed: o.computed, reading: t.reading, profile: { name: o.profile.name, gradeBands: o.profile.gradeBands } });
    if (o.gradeLabel) placed.push({ form: i, label: o.gradeLabel });
    disputes.push(o.dispute);
  });
  // The workbook's main form: the 部门整体 one, else the first project form (tables are in that order).
  const top = tables.length > 0 ? 0 : -1;
  const main = top >= 0 ? tables[top] : null;
  if (main) Object.assign(computed, forms[top].computed);

  if (options.narrative) {
    // Amounts are checked against 附件1 and the main form; a score or grade against the form the sentence
    // names (narrative/check.ts). Without a computed total, a form's grade is the band of the total it
    // states; a disputed total has no grade.
    ctx.form = main ? top : null;
    const narrativeForms = tables.map((t, i) => {
      const stated = t.total?.score?.parsed.kind === "number" ? t.total.score.parsed.value : null;
      const c = forms[i].computed;
      return { table: t, total: c.totalScore, grade: disputes[i] ? null : (c.grade ?? (stated !== null ? gradeFor(stated, profile.gradeBands) : null)) };
    });
    checkNarrative(options.narrative, basic, narrativeForms, top, ctx);
  }
  let guarded = computedCells;
  for (const p of placed) {
    ctx.form = p.form;
    guarded = gradeCellGuard(guarded, p.form, p.label, grids, ctx);
  }
  ctx.form = null;
  const settled = settleComputed(guarded, grids, ctx, isOurs);
  const writes: CellWrite[] = [...settled.writes];
  for (const p of placed) {
    if (!guarded.some((c) => c.what === GRADE_LABEL && c.form === p.form)) continue;
    const cell = grids.get(p.label.sheet)!.raw(p.label.row, p.label.col);
    if (isBlankCell(cell)) {
      writes.push({ ...writeAt(p.label.sheet, p.label.row, p.label.col), kind: "label", what: GRADE_LABEL, before: cell?.value ?? null, beforeFormula: null, value: GRADE_LABEL, formula: null, numFmt: null });
    }
  }
  const written = new Set(writes.map((w) => `${w.sheet}!${w.cell}`));
  for (const f of ctx.findings) {
    if (f.rule !== "deviation-unexplained" && f.rule !== "indicator-below-target") continue;
    const cell = grids.get(f.sheet)!.raw(f.row, f.col);
    if (isBlankCell(cell) && !written.has(`${f.sheet}!${f.cell}`)) {
      written.add(`${f.sheet}!${f.cell}`);
      writes.push({ sheet: f.sheet, cell: f.cell, row: f.row, col: f.col, kind: "marker", what: "偏差原因", before: cell?.value ?? null, beforeFormula: null, value: DEVIATION_MARKER, formula: null, numFmt: null });
    }
  }

  // A protected sheet is reported, and the plan leaves it alone (Excel would refuse half-way).
  const locked = new Set(snapshot.sheets.filter((s) => s.protected).map((s) => s.name));
  const touched = new Set([...writes.map((w) => w.sheet), ...ctx.findings.map((f) => f.sheet), ...settled.marks.map((m) => m.sheet)]);
  for (const name of locked) {
    if (!touched.has(name)) continue;
    const sheet = snapshot.sheets.find((s) => s.name === name)!;
    ctx.add("warning", "sheet-protected", { sheet: name, row: sheet.top, col: sheet.left }, `工作表“${name}”受保护（${name}!${rangeA1({ top: sheet.top, left: sheet.left, bottom: sheet.top, right: sheet.left })}），核算结果和标记没有写入该表；撤消工作表保护后重新核算即可写入。`, `sheet "${name}" is protected: no writes or marks there`);
  }
  const order = snapshot.sheets.map((s) => s.name);
  // One disputed total, one finding at its cell (an error and a warning said the same).
  const findings = sortFindings(oneFindingPerDisputedTotal(ctx.findings, disputes), order);
  const unit = main?.unitName?.text ?? null;
  const plan: Plan = {
    writes: writes.filter((w) => !locked.has(w.sheet)),
    marks: [...settled.marks, ...findingMarks(findings)].filter((m) => !locked.has(m.sheet)),
    results: resultsSheet(resultsName(snapshot), unit, computed, findings, profile, forms),
  };
  return {
    forms,
    unit,
    tables: {
      basicData: basic ? { sheet: basic.sheet, range: rangeA1(basic.range) } : null,
      selfEvaluation: main ? { sheet: main.sheet, range: rangeA1(main.range) } : null,
    },
    computed,
    findings,
    plan,
  };
}

/** Rows read as the rest of another form (formRemainder) are said at their label and not checked. */
function sayRemainder(t: SelfEvaluationTable, { pos, claims, of }: Remainder, ctx: CheckContext): void {
  const range = rangeA1(t.range);
  ctx.add(
    "info",
    "form-remainder",
    pos,
    `${t.sheet}!${range} 像是另一张表（多为上一张表）的后半部分：其中的绩效指标只有 ${claims} 分（全表 ${of} 分），上方没有表名、项目名称或单位名称，也没有预算执行情况，未作为一张表核查，也不计总分和等级。`,
    `rows ${t.sheet}!${range} read as the rest of another form (indicators carry ${claims} of ${of} points; no title, header lines or money block): not checked as a form`,
  );
}

/** The money block's figures as read, for the report. */
function budgetFigures(t: SelfEvaluationTable): FormReport["budget"] {
  const n = (f: "initial" | "annual" | "executed") => {
    const c = t.budget[f];
    return c && c.parsed.kind === "number" ? c.parsed.value : null;
  };
  return { initial: n("initial"), annual: n("annual"), executed: n("executed"), moneyUnit: hasMoneyBlock(t) ? t.moneyUnit : null };
}

/**
 * The grade goes under a 评价等级 label right of 总分. When either cell holds
 * something else a person wrote, the grade is not written there.
 */
function gradeCellGuard(
  cells: ComputedCell[],
  form: number,
  label: { sheet: string; row: number; col: number } | null,
  grids: Map<string, Grid>,
  ctx: CheckContext,
): ComputedCell[] {
  if (!label) return cells;
  const grid = grids.get(label.sheet)!;
  const labelCell = grid.raw(label.row, label.col);
  const labelOk = isBlankCell(labelCell) || cellText(labelCell).trim() === GRADE_LABEL;
  const gradeCell = grid.raw(label.row + 1, label.col);
  const gradeText = cellText(gradeCell).trim();
  const gradeOk =
    isBlankCell(gradeCell) ||
    gradeCell?.formula !== undefined ||
    gradeText === GRADE_PENDING_CELL ||
    !!ctx.profile.gradeBands.find((b) => b.grade === gradeText || b.aliases.includes(gradeText));
  if (labelOk && gradeOk) return cells;
  const at = labelOk ? { sheet: label.sheet, row: label.row + 1, col: label.col } : label;
  ctx.add("info", "cell-occupied", at, `评价等级应写在总分右侧（${label.sheet}!${rangeA1({ top: label.row, left: label.col, bottom: label.row + 1, right: label.col })}），该处已有内容，未写入。`, `grade cells at ${label.sheet} are occupied; grade not written`);
  return cells.filter((c) => c.what !== GRADE_LABEL || c.form !== form);
}
