import { boundingRange } from "../address";
import type { CellRange } from "../snapshot";
import type { Grid } from "../grid";
import { labelKey, weightInLabel } from "../labels";
import type { GroupKey, Profile } from "../profile";
import { parseLabeledNumber, type MoneyUnit, type ParsedNumber } from "../values";
import * as A from "./anchors";
import { headerColumns, readNum, readText, type NumCell, type TextCell } from "./cells";
import * as L from "./formLabels";
import type { BudgetField, FormKind, IndicatorField } from "./formLabels";
import { inMoneyUnit, moneyUnitOf } from "./money";

export type { BudgetField, FormKind } from "./formLabels";

/** A row under the money total that breaks it down ("其中：当年财政拨款", "上年结转资金"). */
export interface FundPart {
  label: string;
  pos: TextCell["pos"];
  values: Partial<Record<"initial" | "annual" | "executed", NumCell>>;
}

export type SplitPartKey = "general" | "fund" | "nonTax" | "other" | "basic" | "project";

export interface LabeledFigure {
  pos: TextCell["pos"];
  label: string;
  figure: ParsedNumber;
}

export interface Split {
  total: LabeledFigure | null;
  parts: Partial<Record<SplitPartKey, LabeledFigure>>;
}

export interface IndicatorRow {
  row: number;
  level2: string;
  name: TextCell;
  target: TextCell;
  actual: TextCell;
  weight: NumCell;
  score: NumCell;
  reason: TextCell;
  /** 指标性质 ("=", "≥", "≤") and 度量单位 columns, where the form has them. */
  nature: TextCell | null;
  measure: TextCell | null;
}

export interface IndicatorGroup {
  /** null when neither the label nor the 二级指标 tell which group it is. */
  key: GroupKey | null;
  label: string;
  labelPos: TextCell["pos"] | null;
  /** Weight written in the label ("效益指标（30分）"), else null. */
  statedWeight: number | null;
  /** True when the label was blank and the key comes from the 二级指标. */
  inferred: boolean;
  rows: IndicatorRow[];
}

export interface SelfEvaluationTable {
  /** 部门整体支出绩效自评表 or 项目支出绩效自评表: one grid, two families of labels. */
  kind: FormKind;
  /** "部门整体支出绩效自评表", or the project's 项目名称 (else the form's title). */
  title: string;
  sheet: string;
  range: CellRange;
  unitName: TextCell | null;
  budget: Partial<Record<BudgetField, NumCell>>;
  /** Unit of the money block's header ("项目资金（万元）"); 万元 when unstated. */
  moneyUnit: MoneyUnit;
  /** Weight stated in the money block's label ("预算执行情况(10分)"), else null. */
  budgetLabelWeight: { weight: number; pos: TextCell["pos"] } | null;
  /** 原因 of the money total row, where the form has that column (Sichuan variant). */
  budgetReason: TextCell | null;
  /** 其中 rows under the money total (project forms). */
  fundParts: FundPart[];
  income: Split;
  expenditure: Split;
  indicatorHeader: { row: number; weight: number | null; weightPos: TextCell["pos"] | null; cols: IndicatorCols } | null;
  groups: IndicatorGroup[];
  total: { labelPos: TextCell["pos"]; weight: NumCell | null; score: NumCell | null } | null;
  /**
   * The 得分 column over the indicator rows, and whether it holds nothing but
   * indicator scores (so a SUM over it equals the engine's sum).
   */
  scoreColumn: { col: number; top: number; bottom: number; clean: boolean } | null;
  /** A grade a person wrote on the form, if any. */
  statedGrade: TextCell | null;
  /** First column right of the table, where the grade is written. */
  rightCol: number;
}

type IndicatorCols = Partial<Record<IndicatorField, number>>;

const SPLIT_KEYS: [SplitPartKey | "incomeTotal" | "expenditureTotal", (k: string) => boolean][] = [
  ["incomeTotal", (k) => k.includes("收入性质")],
  ["expenditureTotal", (k) => k.includes("支出性质")],
  ["general", (k) => k.includes("一般公共预算")],
  ["fund", (k) => k.includes("政府性基金")],
  ["nonTax", (k) => k.includes("非税收入") || k.includes("专户")],
  ["other", (k) => k.includes("其他资金")],
  ["basic", (k) => k.includes("基本支出")],
  ["project", (k) => k.includes("项目支出")],
];

const MARKER = "【待说明】";

/** True when a 偏差原因 cell holds no explanation (blank or only our marker). */
export function reasonIsEmpty(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, "");
  return t === "" || t === MARKER;
}
export const DEVIATION_MARKER = MARKER;

/**
 * Read one 绩效自评表 of either family from a grid cut to its rows (see
 * formRegions.ts). Today's callers that pass a whole sheet get the first form on it.
 */
export function locateSelfEvaluation(grid: Grid, profile: Profile, kind: FormKind = "department"): SelfEvaluationTable | null {
  const isBudgetAnchor = (k: string) => L.BUDGET_ANCHORS.department(k) || L.BUDGET_ANCHORS.project(k);
  const budgetAnchor = grid.find(isBudgetAnchor);
  const header = grid.find(L.isIndicatorHeader);
  if (!budgetAnchor && !header) return null;
  const touched: { row: number; col: number }[] = [];
  const note = (row: number, col: number) => touched.push({ row, col });
  const start = budgetAnchor ?? header!;

  const title = grid.find((k) => L.TITLES.department(k) || L.TITLES.project(k), { bottom: start.row });
  if (title && start.row - title.row <= (kind === "project" ? 6 : 3)) note(title.row, title.col);
  const headTop = Math.max(grid.top, start.row - (kind === "project" ? 6 : 4));
  const unitName = readUnitName(grid, kind, headTop, start.row, note);
  const projectLabel = kind === "project" ? grid.find(L.isProjectNameLabel, { top: headTop, bottom: start.row }) : null;
  const projectName = projectLabel ? readLabelValue(grid, projectLabel, note) : null;

  const budget: Partial<Record<BudgetField, NumCell>> = {};
  const income: Split = { total: null, parts: {} };
  const expenditure: Split = { total: null, parts: {} };
  const fundParts: FundPart[] = [];
  let moneyUnit: MoneyUnit = "万元";
  let budgetLabelWeight: SelfEvaluationTable["budgetLabelWeight"] = null;
  let budgetReason: TextCell | null = null;
  if (budgetAnchor) {
    note(budgetAnchor.row, budgetAnchor.col);
    const anchorText = grid.text(budgetAnchor.row, budgetAnchor.col);
    moneyUnit = moneyUnitOf(anchorText);
    const w = weightInLabel(anchorText);
    if (w !== null) budgetLabelWeight = { weight: w, pos: grid.pos(budgetAnchor.row, budgetAnchor.col) };
    const hdr = findBudgetHeader(grid, budgetAnchor);
    const totalLabel = grid.find(L.isFundsTotalRow, { top: hdr.row, bottom: hdr.row + 3 });
    const totalRow = totalLabel?.row ?? hdr.row + 1;
    for (const [field, col] of Object.entries(hdr.cols) as [BudgetField, number][]) {
      note(hdr.row, col);
      const c = readNum(grid, totalRow, col);
      budget[field] = field === "initial" || field === "annual" || field === "executed" ? inMoneyUnit(c, moneyUnit) : c;
      note(totalRow, col);
    }
    const reasonCol = headerColumns(grid, hdr.row, budgetAnchor.col + 1, [["reason", L.BUDGET_REASON]]).reason;
    if (reasonCol !== undefined) {
      note(hdr.row, reasonCol);
      budgetReason = readText(grid, totalRow, reasonCol);
      note(totalRow, reasonCol);
    }
    const stop = grid.find((k) => L.isGoalAnchor(k) || L.isIndicatorHeader(k), { top: totalRow + 1 })?.row ?? totalRow + 12;
    const last = Math.min(stop - 1, totalRow + 12);
    if (totalLabel) readFundParts(grid, totalLabel.col, totalRow + 1, last, hdr.cols, moneyUnit, fundParts, note);
    readSplits(grid, totalRow + 1, last, income, expenditure, note);
  }

  const hdrCell = header && header.row >= start.row ? header : grid.find(L.isIndicatorHeader, { top: start.row });
  let indicatorHeader: SelfEvaluationTable["indicatorHeader"] = null;
  let groups: IndicatorGroup[] = [];
  let total: SelfEvaluationTable["total"] = null;
  let scoreColumn: SelfEvaluationTable["scoreColumn"] = null;
  let rightCol = 0;
  for (const p of touched) rightCol = Math.max(rightCol, p.col);
  let lastRow = touched.length ? Math.max(...touched.map((p) => p.row)) : start.row;

  if (hdrCell) {
    const cols = headerColumns(grid, hdrCell.row, hdrCell.col, L.INDICATOR_COLUMNS) as IndicatorCols;
    for (const c of Object.values(cols)) note(hdrCell.row, c as number);
    // The header's own weight sits in a (merged) cell left of 一级指标: "绩效指标（90分）".
    let weight: number | null = null;
    let weightPos: TextCell["pos"] | null = null;
    for (let c = grid.left; c < hdrCell.col; c++) {
      if (grid.key(hdrCell.row, c).includes("指标")) {
        const t = readText(grid, hdrCell.row, c);
        weight = weightInLabel(t.text);
        weightPos = t.pos;
        note(t.pos.row, t.pos.col);
        break;
      }
    }
    indicatorHeader = { row: hdrCell.row, weight, weightPos, cols };
    const totalCell = grid.find(L.isTotalRow, { top: hdrCell.row + 1, right: cols.weight ?? grid.right });
    const endRow = totalCell ? totalCell.row - 1 : findIndicatorEnd(grid, hdrCell.row + 1);
    groups = readIndicators(grid, hdrCell.row + 1, endRow, cols, profile, note);
    scoreColumn = scoreColumnOf(grid, groups, cols.score);
    if (totalCell) {
      note(totalCell.row, totalCell.col);
      total = readTotal(grid, totalCell, cols);
      if (total.weight) note(total.weight.pos.row, total.weight.pos.col);
      if (total.score) note(total.score.pos.row, total.score.pos.col);
    }
    rightCol = Math.max(rightCol, ...(Object.values(cols) as number[]));
    lastRow = Math.max(lastRow, endRow, totalCell?.row ?? 0);
  }
  for (const p of touched) rightCol = Math.max(rightCol, p.col);

  const statedGrade = findStatedGrade(grid, total?.labelPos.row ?? lastRow, rightCol);
  // A 自评等级 row inside the table's columns is part of the form.
  if (statedGrade && statedGrade.pos.col <= rightCol && statedGrade.pos.row > lastRow) note(statedGrade.pos.row, statedGrade.pos.col);

  const box = boundingRange(touched)!;
  return {
    kind,
    title: kind === "project" ? projectName?.text || (title ? grid.text(title.row, title.col).trim() : "项目支出绩效自评表") : "部门整体支出绩效自评表",
    sheet: grid.name,
    range: { ...box, right: rightCol },
    unitName,
    budget,
    moneyUnit,
    budgetLabelWeight,
    budgetReason,
    fundParts,
    income,
    expenditure,
    indicatorHeader,
    groups,
    total,
    scoreColumn,
    statedGrade,
    rightCol: rightCol + 1,
  };
}

type Note = (row: number, col: number) => void;

/** The unit's name from the header lines, by the family's order of preference (formLabels.UNIT_LABELS). */
function readUnitName(grid: Grid, kind: FormKind, top: number, bottom: number, note: Note): TextCell | null {
  for (const test of L.UNIT_LABELS[kind]) {
    for (const label of grid.findAll(test, { top, bottom })) {
      const v = readLabelValue(grid, label, note);
      if (v) return v;
    }
  }
  return null;
}

/** The value of a header label: after its colon ("单位名称：X"), else the first text right of it, up to the next label. */
function readLabelValue(grid: Grid, label: { row: number; col: number }, note: Note): TextCell | null {
  const own = grid.text(label.row, label.col);
  const inline = own.split(/[:：]/).slice(1).join("：").trim();
  if (/[:：]/.test(own) && inline) {
    note(label.row, label.col);
    return { pos: grid.pos(label.row, label.col), text: inline };
  }
  for (let c = (grid.merge(label.row, label.col)?.right ?? label.col) + 1; c <= grid.right; c++) {
    if (grid.owner(label.row, c).col !== c) continue;
    if (L.isHeaderLabel(grid.key(label.row, c))) return null;
    const t = readText(grid, label.row, c);
    if (t.text.trim()) {
      note(label.row, label.col);
      note(t.pos.row, t.pos.col);
      return { pos: t.pos, text: t.text.replace(/[\s\u3000]+$/g, "").trim() };
    }
  }
  return null;
}

function findBudgetHeader(grid: Grid, anchor: { row: number; col: number }) {
  const tests = L.BUDGET_COLUMNS;
  // Headers are on the anchor's row, or on the next one when the anchor spans two.
  for (let r = anchor.row; r <= anchor.row + 1; r++) {
    const cols = headerColumns(grid, r, anchor.col + 1, tests);
    if (cols.annual !== undefined || cols.executed !== undefined) return { row: r, cols };
  }
  return { row: anchor.row, cols: {} as Partial<Record<BudgetField, number>> };
}

/** 其中 rows under the money total, each with its amounts; the 部门整体 "label：number" split cells are not these. */
function readFundParts(
  grid: Grid,
  labelCol: number,
  from: number,
  to: number,
  cols: Partial<Record<BudgetField, number>>,
  unit: MoneyUnit,
  out: FundPart[],
  note: Note,
) {
  for (let r = from; r <= to; r++) {
    const o = grid.owner(r, labelCol);
    if (o.row !== r) continue;
    const raw = grid.text(r, labelCol);
    if (/[:：]/.test(raw.replace(/^[\s\u3000]*其中[:：]/, ""))) continue;
    const key = grid.key(r, labelCol);
    if (!L.FUND_PART_ROWS(key)) continue;
    note(r, labelCol);
    const values: FundPart["values"] = {};
    for (const f of ["initial", "annual", "executed"] as const) {
      const c = cols[f];
      if (c === undefined) continue;
      values[f] = inMoneyUnit(readNum(grid, r, c), unit);
      note(r, c);
    }
    out.push({ label: raw.trim(), pos: grid.pos(r, labelCol), values });
  }
}

function readSplits(grid: Grid, from: number, to: number, income: Split, expenditure: Split, note: Note) {
  for (let r = from; r <= to; r++) {
    for (let c = grid.left; c <= grid.right; c++) {
      const o = grid.owner(r, c);
      if (o.row !== r || o.col !== c) continue;
      const raw = grid.text(r, c);
      if (!raw) continue;
      const parsed = parseLabeledNumber(raw);
      if (!parsed) continue;
      const key = labelKey(parsed.label);
      const hit = SPLIT_KEYS.find(([, t]) => t(key));
      if (!hit) continue;
      const fig: LabeledFigure = { pos: grid.pos(r, c), label: parsed.label.trim(), figure: parsed.figure };
      note(r, c);
      const m = grid.merge(r, c);
      if (m) note(r, m.right);
      const name = hit[0];
      if (name === "incomeTotal") income.total ??= fig;
      else if (name === "expenditureTotal") expenditure.total ??= fig;
      else if (name === "basic" || name === "project") expenditure.parts[name] ??= fig;
      else income.parts[name] ??= fig;
    }
  }
}

function findIndicatorEnd(grid: Grid, from: number): number {
  const end = grid.find(L.isNoteRow, { top: from });
  return end ? end.row - 1 : grid.bottom;
}

function groupKeyOf(label: string, profile: Profile): GroupKey | null {
  const k = labelKey(label);
  for (const g of profile.groups) if (k.includes(g.name.replace(/指标$/, ""))) return g.key;
  return null;
}

function groupKeyFromLevel2(level2: string, profile: Profile): GroupKey | null {
  const k = labelKey(level2);
  if (!k) return null;
  for (const g of profile.groups) if (g.secondLevelKeywords.some((w) => k.includes(w))) return g.key;
  return null;
}

function readIndicators(grid: Grid, from: number, to: number, cols: IndicatorCols, profile: Profile, note: Note): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  let current: IndicatorGroup | null = null;
  let level2 = "";
  for (let r = from; r <= to; r++) {
    if (cols.l1 !== undefined) {
      const l1 = readText(grid, r, cols.l1);
      const startsHere = l1.pos.row === r && l1.text.trim() !== "";
      if (startsHere) {
        note(l1.pos.row, l1.pos.col);
        current = {
          key: groupKeyOf(l1.text, profile),
          label: l1.text.trim(),
          labelPos: l1.pos,
          statedWeight: weightInLabel(l1.text),
          inferred: false,
          rows: [],
        };
        groups.push(current);
        level2 = "";
      }
    }
    if (cols.l2 !== undefined) {
      const t = readText(grid, r, cols.l2).text.trim();
      if (t) level2 = t;
    }
    const cell = (c: number | undefined) => (c === undefined ? null : readText(grid, r, c));
    const name = cell(cols.l3);
    const row: IndicatorRow | null =
      cols.weight === undefined || cols.score === undefined || cols.reason === undefined || cols.l3 === undefined
        ? null
        : {
            row: r,
            level2,
            name: name!,
            target: cell(cols.target) ?? { pos: grid.pos(r, cols.l3), text: "" },
            actual: cell(cols.actual) ?? { pos: grid.pos(r, cols.l3), text: "" },
            weight: readNum(grid, r, cols.weight),
            score: readNum(grid, r, cols.score),
            reason: readText(grid, r, cols.reason),
            nature: cell(cols.nature),
            measure: cell(cols.measure),
          };
    if (!row) continue;
    // Only a row that owns its 三级指标 cell and holds something is an indicator.
    const owns = (c: number | undefined) => c !== undefined && grid.owner(r, c).row === r && !grid.isBlank(r, c);
    if (!(owns(cols.l3) || owns(cols.weight) || owns(cols.score) || owns(cols.target) || owns(cols.actual))) continue;
    if (!current) {
      current = { key: null, label: "", labelPos: null, statedWeight: null, inferred: true, rows: [] };
      groups.push(current);
    }
    for (const c of [cols.l2, cols.l3, cols.nature, cols.measure, cols.target, cols.actual, cols.weight, cols.score, cols.reason]) if (c !== undefined) note(r, c);
    current.rows.push(row);
  }
  for (const g of groups) {
    if (g.key !== null || !g.inferred) continue;
    const keys = new Set(g.rows.map((r) => groupKeyFromLevel2(r.level2, profile)));
    if (keys.size === 1) g.key = [...keys][0];
  }
  return groups.filter((g) => g.rows.length > 0 || g.statedWeight !== null);
}

function scoreColumnOf(grid: Grid, groups: IndicatorGroup[], col: number | undefined): SelfEvaluationTable["scoreColumn"] {
  const rows = groups.flatMap((g) => g.rows.map((r) => r.row));
  if (col === undefined || rows.length === 0) return null;
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const own = new Set(rows);
  let clean = true;
  for (let r = top; r <= bottom; r++) if (!own.has(r) && grid.owner(r, col).row === r && !grid.isBlank(r, col)) clean = false;
  return { col, top, bottom, clean };
}

function readTotal(grid: Grid, label: { row: number; col: number }, cols: IndicatorCols) {
  const weight = cols.weight === undefined ? null : readNum(grid, label.row, cols.weight);
  const score = cols.score === undefined ? null : readNum(grid, label.row, cols.score);
  const labelPos = grid.pos(label.row, label.col);
  if ((weight && weight.parsed.kind !== "blank") || (score && score.parsed.kind !== "blank")) return { labelPos, weight, score };
  // Fallback: a total row typed left to right ("总分 | 100 | 88") outside the columns.
  const nums: ReturnType<typeof readNum>[] = [];
  for (let c = (grid.merge(label.row, label.col)?.right ?? label.col) + 1; c <= grid.right && nums.length < 2; c++) {
    if (grid.owner(label.row, c).col !== c) continue;
    const n = readNum(grid, label.row, c);
    if (n.parsed.kind === "number") nums.push(n);
  }
  if (nums.length === 2) return { labelPos, weight: nums[0], score: nums[1] };
  return { labelPos, weight, score };
}

function findStatedGrade(grid: Grid, totalRow: number, rightCol: number): TextCell | null {
  const hits = grid.findAll(A.isGradeLabel, { top: totalRow - 3, bottom: totalRow + 3, right: rightCol + 3 });
  // The 评价等级 label this tool writes (above the grade, right of 总分) yields to a grade row of the form's own.
  const planned = (h: { row: number; col: number }) => h.row === totalRow - 1 && h.col === rightCol + 1;
  const hit = hits.find((h) => !planned(h)) ?? hits[0];
  if (!hit) return null;
  const own = grid.text(hit.row, hit.col);
  const inline = own.split(/[:：]/)[1];
  if (inline && inline.trim()) return { pos: grid.pos(hit.row, hit.col), text: inline.trim() };
  const below = () => readText(grid, grid.mergeBottom(hit.row, hit.col) + 1, hit.col);
  const right = () => readText(grid, hit.row, (grid.merge(hit.row, hit.col)?.right ?? hit.col) + 1);
  // Beside the table a grade stands under its label; a 自评等级 row inside the table holds it to its right
  // (the row below is the form's next line, e.g. 填表人).
  const order = hit.col > rightCol ? [below, right] : [right];
  for (const read of order) {
    const t = read();
    if (t.text.trim()) return t;
  }
  return null;
}
