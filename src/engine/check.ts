import { rangeA1 } from "./address";
import { CheckContext } from "./context";
import type { ComputedCell } from "./compute/computed";
import { settleComputed } from "./compute/settle";
import { sortFindings } from "./findings";
import { Grid } from "./grid";
import { locateBasicData, type BasicDataTable } from "./locate/basicData";
import { DEVIATION_MARKER, locateSelfEvaluation, type SelfEvaluationTable } from "./locate/selfEvaluation";
import { findingMarks, RESULTS_SHEET, RESULTS_TITLE, writeAt, type CellWrite, type Plan } from "./plan";
import { SEED_PROFILE, type Profile } from "./profile";
import type { CheckReport, Computed, FormReport } from "./report";
import { resultsSheet } from "./results";
import { checkBasicIdentities, computeBuildingRates, computeStaffRate } from "./rules/basicDataRules";
import { checkSplits, computeExecution } from "./rules/budgetRules";
import { checkCrossTable } from "./rules/crossTableRules";
import { checkIndicatorRows, checkWeights } from "./rules/indicatorRules";
import { checkTotalWeight, computeGrade, computeTotal } from "./rules/totalRules";
import { checkBasicUnits, checkIndicatorUnits } from "./rules/unitRules";
import { checkNarrative } from "./narrative/check";
import { gradeFor } from "./grade";
import { parseJournal, type Journal } from "./journal";
import type { SheetSnapshot, WorkbookSnapshot } from "./snapshot";
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
}

export function checkWorkbook(snapshot: WorkbookSnapshot, profile: Profile = SEED_PROFILE, options: CheckOptions = {}): CheckReport {
  const ctx = new CheckContext(profile);
  const grids = new Map<string, Grid>();
  let basic: BasicDataTable | null = null;
  let self: SelfEvaluationTable | null = null;
  for (const sheet of snapshot.sheets) {
    if (isOwnSheet(sheet)) continue;
    const grid = new Grid(sheet);
    grids.set(sheet.name, grid);
    basic ??= locateBasicData(grid);
    self ??= locateSelfEvaluation(grid, profile);
  }
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
  // The 部门整体 form is form 0; its findings (附件1 and 附件2 alike) carry it.
  if (self) ctx.form = 0;
  if (basic) {
    checkBasicIdentities(basic, ctx);
    checkBasicUnits(basic, ctx);
    computed.staffControlRate = computeStaffRate(basic, ctx, computedCells);
    computed.buildings = computeBuildingRates(basic, ctx, computedCells);
  }
  let gradeLabel: { sheet: string; row: number; col: number } | null = null;
  if (self) {
    const exec = computeExecution(self, ctx, computedCells);
    computed.executionRate = exec.rate;
    computed.executionScore = exec.score;
    checkSplits(self, ctx);
    if (basic) checkCrossTable(basic, self, ctx);
    const weights = checkWeights(self, ctx);
    checkIndicatorRows(self, ctx);
    checkIndicatorUnits(self, ctx);
    checkTotalWeight(self, weights, ctx);
    computed.totalScore = computeTotal(self, exec, ctx, computedCells);
    const g = computeGrade(self, computed.totalScore, ctx, computedCells);
    computed.grade = g.grade;
    gradeLabel = g.labelPos;
  }

  if (options.narrative) {
    // Without a computed total, the report's grade is held against the band of the total the form states.
    const stated = self?.total?.score?.parsed.kind === "number" ? self.total.score.parsed.value : null;
    const grade = computed.grade ?? (stated !== null ? gradeFor(stated, profile.gradeBands) : null);
    checkNarrative(options.narrative, basic, self, computed.totalScore, grade, ctx);
  }
  if (self) for (const c of computedCells) c.form ??= 0;
  ctx.form = self ? 0 : null;
  const guarded = gradeCellGuard(computedCells, gradeLabel, grids, ctx);
  ctx.form = null;
  const own = new Map(((snapshot.journal ?? journalOf(snapshot))?.written ?? []).map((w) => [`${w.sheet}\u0000${w.cell}`, w.value]));
  const settled = settleComputed(guarded, grids, ctx, (sheet, cell, value) => own.has(`${sheet}\u0000${cell}`) && own.get(`${sheet}\u0000${cell}`) === value);
  const writes: CellWrite[] = [...settled.writes];
  if (gradeLabel && guarded.some((c) => c.what === GRADE_LABEL)) {
    const cell = grids.get(gradeLabel.sheet)!.raw(gradeLabel.row, gradeLabel.col);
    if (isBlankCell(cell)) {
      writes.push({ ...writeAt(gradeLabel.sheet, gradeLabel.row, gradeLabel.col), kind: "label", what: GRADE_LABEL, before: cell?.value ?? null, beforeFormula: null, value: GRADE_LABEL, formula: null, numFmt: null });
    }
  }
  for (const f of ctx.findings) {
    if (f.rule !== "deviation-unexplained" && f.rule !== "indicator-below-target") continue;
    const cell = grids.get(f.sheet)!.raw(f.row, f.col);
    if (isBlankCell(cell) && !writes.some((w) => w.sheet === f.sheet && w.cell === f.cell)) {
      writes.push({ ...writeAt(f.sheet, f.row, f.col), kind: "marker", what: "偏差原因", before: cell?.value ?? null, beforeFormula: null, value: DEVIATION_MARKER, formula: null, numFmt: null });
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
  const findings = sortFindings(ctx.findings, order);
  const unit = self?.unitName?.text ?? null;
  const plan: Plan = {
    writes: writes.filter((w) => !locked.has(w.sheet)),
    marks: [...settled.marks, ...findingMarks(findings)].filter((m) => !locked.has(m.sheet)),
    results: resultsSheet(resultsName(snapshot), unit, computed, findings, profile),
  };
  const forms: FormReport[] = self
    ? [{ kind: "department", title: "部门整体支出绩效自评表", sheet: self.sheet, range: rangeA1(self.range), unit, computed: { executionRate: computed.executionRate, executionScore: computed.executionScore, totalScore: computed.totalScore, grade: computed.grade } }]
    : [];
  return {
    forms,
    unit,
    tables: {
      basicData: basic ? { sheet: basic.sheet, range: rangeA1(basic.range) } : null,
      selfEvaluation: self ? { sheet: self.sheet, range: rangeA1(self.range) } : null,
    },
    computed,
    findings,
    plan,
  };
}

/**
 * The grade goes under a 评价等级 label right of 总分. When either cell holds
 * something else a person wrote, the grade is not written there.
 */
function gradeCellGuard(
  cells: ComputedCell[],
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
    isBlankCell(gradeCell) || gradeCell?.formula !== undefined || !!ctx.profile.gradeBands.find((b) => b.grade === gradeText || b.aliases.includes(gradeText));
  if (labelOk && gradeOk) return cells;
  const at = labelOk ? { sheet: label.sheet, row: label.row + 1, col: label.col } : label;
  ctx.add("info", "cell-occupied", at, `评价等级应写在总分右侧（${label.sheet}!${rangeA1({ top: label.row, left: label.col, bottom: label.row + 1, right: label.col })}），该处已有内容，未写入。`, `grade cells at ${label.sheet} are occupied; grade not written`);
  return cells.filter((c) => c.what !== GRADE_LABEL);
}
