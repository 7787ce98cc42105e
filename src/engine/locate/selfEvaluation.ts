import { a1, boundingRange, rangeA1 } from "../address";
import type { CellPos, CellRange } from "../snapshot";
import type { Grid } from "../grid";
import { groupWeightInLabel, labelKey, weightInLabel } from "../labels";
import type { GroupKey, Profile } from "../profile";
import { parseLabeledNumber, type MoneyUnit, type ParsedNumber } from "../values";
import * as A from "./anchors";
import { readNum, readText, type NumCell, type TextCell } from "./cells";
import * as L from "./formLabels";
import type { BudgetField, FormKind, IndicatorField } from "./formLabels";
import { readFormNote, type FormNote } from "./formNote";
import { formRegions, type FormRegion } from "./formRegions";
import { sameColumns, type IndicatorHeader, type MoneyHeader } from "./headerRows";
import { inMoneyUnit, moneyUnitOf } from "./money";
import type { FormLayout, FormReading } from "./reading";
import { isMoneyPartLabel, isMoneyTotalLabel, isNoteLabel, isSpareName, isTotalLabel, ROLE_NAMES_ZH } from "./vocabulary";

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
  /** null when the table has no 分值 column (weights come from the group labels or the note). */
  weight: NumCell | null;
  score: NumCell;
  /** null when the table has no 偏差原因 column. */
  reason: TextCell | null;
  /** The weight of the 二级指标 that starts on this row, where every level is weighed. */
  level2Weight?: number;
  /** The 二级指标 cell over this row when it is merged over several rows (its top-left), else absent. */
  level2Cell?: CellPos;
  /** 指标性质 ("=", "≥", "≤") and 度量单位 columns, where the form has them. */
  nature: TextCell | null;
  measure: TextCell | null;
  /** Scored with the row above, under one 分值 / 得分 merged over both: it owes no score of its own. */
  scoredAbove?: boolean;
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
  /** `inline`: the figure is written in the label's own cell ("自评总分: 95"), so it is compared, never written. */
  total: { labelPos: TextCell["pos"]; weight: NumCell | null; score: NumCell | null; inline?: boolean } | null;
  /**
   * The 得分 column over the indicator rows, and whether it holds nothing but
   * indicator scores (so a SUM over it equals the engine's sum).
   */
  scoreColumn: { col: number; top: number; bottom: number; clean: boolean } | null;
  /** The 权重 column was typed as shares of the form's 100 points ("20%" beside a 得分 of 20): read as points. */
  weightsInPercent: CellPos | null;
  /** A grade a person wrote on the form, if any. */
  statedGrade: TextCell | null;
  /** First column right of the table, where the grade is written. */
  rightCol: number;
  /** The weights and grade bands the form's own note prints, if any. */
  note: FormNote | null;
  /** An indicator table printed in parts under repeated headers: each part's weight and rows (empty for one part). */
  segments: { weight: number | null; pos: CellPos | null; rows: number[] }[];
  /** What was read, where, and what could not be (rule sources are filled in by the check). */
  reading: FormReading;
  /** A title or a header line (项目名称, 单位名称, 主管部门 …) stands above its first header (remainder.ts). */
  headed: boolean;
  /** The total stated again on the header lines, beside the total row's (compared, never written). */
  statedAbove: NumCell | null;
}

type IndicatorCols = Partial<Record<IndicatorField, number>>;

/** Whether a money block was read on the form (not only looked for). */
export const hasMoneyBlock = (t: SelfEvaluationTable): boolean => t.reading.blocks.some((b) => b.role === "money");

/** The 总分 分值 the form itself prints on its total row, or null. */
export const statedTotalWeight = (t: SelfEvaluationTable): number | null => (t.total?.weight?.parsed.kind === "number" ? t.total.weight.parsed.value : null);

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
 * Read one 绩效自评表 of either family from a grid cut to its rows (see formRegions.ts), by the
 * blocks its header rows were found to be (a money header, an indicator header). A caller that
 * passes a whole sheet gets the first form on it. Null when the rows hold no form (a fragment: a
 * money block without figures, an indicator table without rows).
 */
export function locateSelfEvaluation(grid: Grid, profile: Profile, kind: FormKind | null = null, blocks?: Pick<FormRegion, "money" | "indicators" | "more">): SelfEvaluationTable | null {
  const found = blocks ?? formRegions(grid)[0];
  if (!found || (!found.money && !found.indicators)) return null;
  const touched: { row: number; col: number }[] = [];
  const note = (row: number, col: number) => touched.push({ row, col });
  const unread: FormReading["unread"] = [];
  const readBlocks: FormReading["blocks"] = [];
  const start = Math.min(found.money?.row ?? Infinity, found.indicators?.row ?? Infinity);
  // The money block may follow the indicators (formRegions.ts): each block then ends where the other begins.
  const moneyBelow = !!found.money && !!found.indicators && found.money.row > found.indicators.row;

  // The grid is cut to this form's rows (formRegions.ts): its title and header lines are above its start.
  const title = grid.find((k) => L.TITLES.department(k) || L.TITLES.project(k), { bottom: start });
  if (title) note(title.row, title.col);
  const headTop = grid.top;

  const budget: Partial<Record<BudgetField, NumCell>> = {};
  const income: Split = { total: null, parts: {} };
  const expenditure: Split = { total: null, parts: {} };
  const fundParts: FundPart[] = [];
  let moneyUnit: MoneyUnit = "万元";
  let budgetLabelWeight: SelfEvaluationTable["budgetLabelWeight"] = null;
  let budgetReason: TextCell | null = null;
  let moneyLabel = "";
  let moneyEnd = -1;
  if (found.money) {
    const m = readMoney(grid, found.money, note, unread, found.indicators && !moneyBelow ? found.indicators.row - 1 : grid.bottom);
    if (m) {
      moneyEnd = m.lastRow;
      Object.assign(budget, m.budget);
      moneyUnit = m.unit;
      budgetLabelWeight = m.labelWeight;
      budgetReason = m.reason;
      moneyLabel = m.label;
      fundParts.push(...m.parts);
      readSplits(grid, m.firstRow, m.scanTo, income, expenditure, note);
      const splitRows = [income.total, expenditure.total, ...Object.values(income.parts), ...Object.values(expenditure.parts)].filter((f) => f).map((f) => f!.pos.row);
      readBlocks.push({ role: "money", range: rangeA1({ top: found.money.row, left: m.left, bottom: Math.max(m.lastRow, ...splitRows), right: found.money.right }), columns: columnsA1(grid, found.money) });
    }
  } else unread.push({ role: "money", why: "未找到预算资金表（预算数、执行数列），执行率不核算" });

  const familyKind: FormKind = kind ?? (/项目/.test(moneyLabel) ? "project" : "department");
  // A form names itself above its first header: a title or a header line (项目名称, 单位名称 …).
  const headed = !!title || !!grid.find(L.isHeaderLabel, { top: headTop, bottom: start });
  // Nothing on the form names it at all: the default family is said, not hidden.
  if (!kind && !headed && familyKind === "department") unread.push({ role: "kind", why: "表上没有表名或项目名称，按部门整体支出绩效自评表核查" });
  const unitName = readUnitName(grid, familyKind, headTop, start, note);
  if (!unitName) unread.push({ role: "unit", why: "未找到单位名称" });
  const projectLabel = familyKind === "project" ? grid.find(L.isProjectNameLabel, { top: headTop, bottom: start }) : null;
  const projectName = projectLabel ? readLabelValue(grid, projectLabel, note) : null;

  let indicatorHeader: SelfEvaluationTable["indicatorHeader"] = null;
  let groups: IndicatorGroup[] = [];
  let total: SelfEvaluationTable["total"] = null;
  let scoreColumn: SelfEvaluationTable["scoreColumn"] = null;
  let weightsInPercent: SelfEvaluationTable["weightsInPercent"] = null;
  const segments: SelfEvaluationTable["segments"] = [];
  let rightCol = 0;
  for (const p of touched) rightCol = Math.max(rightCol, p.col);
  let lastRow = touched.length ? Math.max(...touched.map((p) => p.row)) : start;

  const ih = found.indicators;
  if (ih) {
    const cols = ih.cols as IndicatorCols;
    for (const c of Object.values(cols)) note(ih.row, c as number);
    for (const a of ih.ambiguous) unread.push({ role: a.role, why: `${a.cols.map((c) => a1(ih.row, c)).join("、")} 都像${ROLE_NAMES_ZH[a.role] ?? a.role}列，未读取` });
    const nameCol = cols.l3 ?? cols.l2 ?? cols.l1;
    if (cols.score === undefined) unread.push({ role: "score", why: "未能识别得分列" });
    if (cols.weight === undefined) unread.push({ role: "weight", why: "指标无分值列，按组权重核算" });
    // The table's own weight: a (merged) cell left of the first column, or the row above: "绩效指标（90分）".
    // A table printed in parts ("年度绩效目标1（40分）", "年度绩效目标2（40分）", each under the same
    // header) weighs what its parts do.
    const heads = [ih, ...(found.more ?? [])];
    const segmentWeights = heads.map((h) => tableWeight(grid, h, note));
    const weighed = segmentWeights.every((w) => w !== null);
    const weight = weighed ? segmentWeights.reduce((a, w) => a + w!.weight, 0) : null;
    const weightPos = weighed ? segmentWeights[0]!.pos : null;
    indicatorHeader = { row: ih.row, weight, weightPos, cols };
    const valueCol = cols.weight ?? cols.score ?? grid.right;
    const lastHead = heads[heads.length - 1];
    const totalRight = Math.max(valueCol - 1, grid.left);
    const totalCell = moneyBelow
      ? grid.find(isTotalLabel, { top: lastHead.bottom + 1, bottom: found.money!.row - 1, right: totalRight }) ?? grid.find(isTotalLabel, { top: Math.max(moneyEnd, found.money!.bottom) + 1, right: totalRight })
      : grid.find(isTotalLabel, { top: lastHead.bottom + 1, right: totalRight });
    const rowsEnd = totalCell && totalCell.row < (moneyBelow ? found.money!.row : Infinity) ? totalCell.row - 1 : findIndicatorEnd(grid, lastHead.bottom + 1);
    const endRow = moneyBelow ? Math.min(rowsEnd, found.money!.row - 1) : rowsEnd;
    groups = [];
    heads.forEach((h, i) => {
      const to = i + 1 < heads.length ? heads[i + 1].row - 1 : endRow;
      // Each part is read by its own header's columns (a part may print them otherwise).
      const hc = h.cols as IndicatorCols;
      const name = hc.l3 ?? hc.l2 ?? hc.l1;
      if (i > 0) for (const c of Object.values(hc)) note(h.row, c as number);
      const part = name === undefined ? [] : readIndicators(grid, h.bottom + 1, to, { ...hc, l3: name }, profile, note, h.levelWeights);
      groups.push(...part);
      if (heads.length > 1) segments.push({ weight: segmentWeights[i]?.weight ?? null, pos: segmentWeights[i]?.pos ?? null, rows: part.flatMap((g) => g.rows.map((r) => r.row)) });
    });
    const moneyWeight = budget.weight?.parsed.kind === "number" ? budget.weight.parsed.value : budgetLabelWeight?.weight ?? 0;
    const sumRow = totalCell ? null : totalRowByFigures(groups, profile, moneyWeight);
    // One 得分 column for the whole table only when every part scores in it.
    scoreColumn = heads.every((h) => h.cols.score === cols.score) ? scoreColumnOf(grid, groups, cols.score) : null;
    weightsInPercent = percentWeightsAsPoints(groups);
    if (totalCell) {
      note(totalCell.row, totalCell.col);
      total = readTotal(grid, totalCell, cols);
      if (total.weight) note(total.weight.pos.row, total.weight.pos.col);
      if (total.score) note(total.score.pos.row, total.score.pos.col);
    } else if (sumRow) {
      // Its label is the row's first words ("分总" in the 一级 column), else its name cell.
      let labelPos = sumRow.name.pos;
      for (let c = grid.left; c < sumRow.name.pos.col; c++) {
        const o = grid.owner(sumRow.row, c);
        if (o.col === c && o.row === sumRow.row && grid.text(sumRow.row, c).trim()) {
          labelPos = grid.pos(sumRow.row, c);
          break;
        }
      }
      total = { labelPos, weight: sumRow.weight, score: sumRow.score };
      note(labelPos.row, labelPos.col);
    }
    // A total typed in percent like the rows above it (100%) is the form's points too.
    const tw = total?.weight?.parsed;
    if (weightsInPercent && total?.weight && tw?.kind === "number" && tw.percent) total.weight = asPoints(total.weight);
    rightCol = Math.max(rightCol, ...(Object.values(cols) as number[]));
    lastRow = Math.max(lastRow, endRow, totalCell?.row ?? 0);
    const rows = groups.flatMap((g) => g.rows.map((x) => x.row));
    if (heads.every((h) => sameColumns(h, ih))) {
      readBlocks.push({ role: "indicators", range: rangeA1({ top: ih.row, left: ih.left, bottom: rows.length ? Math.max(...rows) : ih.bottom, right: ih.right }), columns: columnsA1(grid, ih) });
    } else {
      // Parts with columns of their own: each part's header and rows, as read.
      heads.forEach((h, i) => {
        const below = groups.flatMap((g) => g.rows.map((x) => x.row)).filter((r) => r > h.bottom && (i + 1 >= heads.length || r < heads[i + 1].row));
        readBlocks.push({ role: "indicators", range: rangeA1({ top: h.row, left: h.left, bottom: below.length ? Math.max(...below) : h.bottom, right: h.right }), columns: columnsA1(grid, h) });
      });
    }
    if (rows.length === 0) unread.push({ role: "indicators", why: "绩效指标表没有指标行" });
  } else unread.push({ role: "indicators", why: "未找到绩效指标表（指标名称、分值或得分列）" });
  // A total stated again on the header lines ("自评总分(分) | 95" above a 合计 row) is compared too.
  let statedAbove: NumCell | null = null;
  if (total && start > grid.top) {
    const above = statedTotalElsewhere(grid, note, { top: grid.top, bottom: start - 1 });
    if (above?.score && above.score.parsed.kind === "number" && (above.score.pos.row !== total.score?.pos.row || above.score.pos.col !== total.score?.pos.col)) statedAbove = above.score;
  }
  if (!total) {
    total = statedTotalElsewhere(grid, note);
    if (!total && ih) unread.push({ role: "total", why: "未找到总分行" });
  }
  if (total) readBlocks.push({ role: "total", range: rangeA1({ top: total.labelPos.row, left: total.labelPos.col, bottom: total.labelPos.row, right: Math.max(total.labelPos.col, total.score?.pos.col ?? 0) }), columns: { ...(total.weight ? { weight: a1(total.weight.pos.row, total.weight.pos.col) } : {}), ...(total.score ? { score: a1(total.score.pos.row, total.score.pos.col) } : {}) } });
  for (const p of touched) rightCol = Math.max(rightCol, p.col);

  // A fragment is not a form: a money block without a figure and no indicator rows.
  const anyBudget = (["initial", "annual", "executed"] as const).some((f) => budget[f] && budget[f]!.parsed.kind !== "blank");
  if (!anyBudget && groups.every((g) => g.rows.length === 0)) return null;

  const statedGrade = findStatedGrade(grid, total?.labelPos.row ?? lastRow, rightCol);
  // A 自评等级 row inside the table's columns is part of the form.
  if (statedGrade && statedGrade.pos.col <= rightCol && statedGrade.pos.row > lastRow) note(statedGrade.pos.row, statedGrade.pos.col);
  const formNote = readNotes(grid, lastRow);

  const box = boundingRange(touched)!;
  return {
    kind: familyKind,
    title: familyKind === "project" ? projectName?.text || (title ? grid.text(title.row, title.col).trim() : "项目支出绩效自评表") : "部门整体支出绩效自评表",
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
    weightsInPercent,
    statedGrade,
    rightCol: rightCol + 1,
    note: formNote,
    segments,
    reading: { layout: layoutOf(found, groups, budget, budgetLabelWeight), blocks: readBlocks, unread, ruleSources: [] },
    headed,
    statedAbove,
  };
}


/** The heading cell of each column role: the lowest one of a header over two rows ("一级指标" under "绩效指标"). */
function columnsA1(grid: Grid, h: { row: number; bottom: number; cols: Partial<Record<string, number>> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [role, c] of Object.entries(h.cols)) {
    if (c === undefined) continue;
    let at = grid.owner(h.row, c);
    for (let r = Math.max(h.row, h.bottom); r > h.row; r--) {
      const o = grid.owner(r, c);
      if (o.row === r && grid.text(r, c).trim() !== "") {
        at = o;
        break;
      }
    }
    out[role] = a1(at.row, at.col);
  }
  return out;
}

/** The family of layout, for the reading summary and the coverage list. */
function layoutOf(
  found: Pick<FormRegion, "money" | "indicators">,
  groups: IndicatorGroup[],
  budget: Partial<Record<BudgetField, NumCell>>,
  labelWeight: SelfEvaluationTable["budgetLabelWeight"],
): FormLayout {
  const ih = found.indicators;
  if (!ih) return "money-only";
  if (ih.cols.l1 === undefined && ih.cols.l2 === undefined) return "single-level";
  if (groups.some((g) => /决策|过程|投入|管理|履职|效果|绩效目标/.test(labelKey(g.label)))) return "evaluation";
  const w = budget.weight && budget.weight.parsed.kind === "number" ? budget.weight.parsed.value : labelWeight?.weight ?? null;
  if (!found.money || ih.cols.weight === undefined || (w !== null && w !== 10)) return "split";
  return "national";
}

/** The weight a table's label states: a (merged) cell left of its header, or the row above it. */
function tableWeight(grid: Grid, h: IndicatorHeader, note: Note): { weight: number; pos: CellPos } | null {
  // A figure under the 分值 heading inside the header's own rows ("分值" over "90" above the first
  // indicator, the header's other cells merged down past it) is the table's weight.
  const wc = h.cols.weight;
  for (let r = h.row + 1; wc !== undefined && r <= h.bottom; r++) {
    const o = grid.owner(r, wc);
    if (o.row !== r || o.col !== wc) continue;
    const n = readNum(grid, r, wc);
    if (n.parsed.kind === "number") {
      note(r, wc);
      return { weight: n.parsed.value, pos: n.pos };
    }
  }
  for (const [r, c0, c1] of [[h.row, grid.left, h.left - 1], [h.row - 1, h.left, h.right]] as const) {
    if (r < grid.top) continue;
    for (let c = c0; c <= c1; c++) {
      if (grid.owner(r, c).col !== c) continue;
      const t = readText(grid, r, c);
      const w = weightInLabel(t.text);
      if (w !== null && /指标|目标/.test(grid.key(r, c))) {
        note(t.pos.row, t.pos.col);
        return { weight: w, pos: t.pos };
      }
    }
  }
  return null;
}

interface MoneyRead {
  budget: Partial<Record<BudgetField, NumCell>>;
  unit: MoneyUnit;
  labelWeight: SelfEvaluationTable["budgetLabelWeight"];
  reason: TextCell | null;
  label: string;
  parts: FundPart[];
  firstRow: number;
  /** The block's last row of figures (its total and 其中 rows). */
  lastRow: number;
  /** How far the "label：number" splits are looked for. */
  scanTo: number;
  left: number;
}

/**
 * The money block under its header row: the total row (labelled 合计 / 总额 / 年度资金总额 …, else
 * the one row of figures, else the row its parts add up to), its 其中 rows, the block's label (unit,
 * weight) left of or above the header.
 */
function readMoney(grid: Grid, h: MoneyHeader, note: Note, unread: FormReading["unread"], limit: number): MoneyRead | null {
  const cols = h.cols;
  if (h.pairs) return readMoneyPairs(grid, h, note);
  for (const a of h.ambiguous) unread.push({ role: a.role, why: `${a.cols.map((c) => a1(h.row, c)).join("、")} 都像${ROLE_NAMES_ZH[a.role] ?? a.role}列，未读取` });
  if (cols.executed === undefined) unread.push({ role: "executed", why: "未能识别执行数列" });
  if (cols.annual === undefined) unread.push({ role: "annual", why: cols.initial !== undefined ? "未能识别全年预算数列（只有年初预算数）" : "未能识别全年预算数列" });
  for (const c of Object.values(cols)) note(h.row, c as number);
  const firstValueCol = Math.min(...(Object.values(cols) as number[]));
  // The block's label: cells left of the first value column on the header row (or merged down over
  // it), and the row above the header.
  const labels: TextCell[] = [];
  for (let c = grid.left; c < firstValueCol; c++) {
    const o = grid.owner(h.row, c);
    if (o.col !== c) continue;
    const t = readText(grid, h.row, c);
    if (t.text.trim()) labels.push(t);
  }
  if (h.row - 1 >= grid.top) {
    for (let c = grid.left; c <= h.right; c++) {
      const o = grid.owner(h.row - 1, c);
      if (o.col !== c || o.row !== h.row - 1) continue;
      const t = readText(grid, h.row - 1, c);
      if (t.text.trim() && /资金|预算|经费|万元|单位[:：]|执行/.test(t.text) && !/名称|单位名称|主管部门|实施单位/.test(t.text)) labels.push(t);
    }
  }
  for (const t of labels) note(t.pos.row, t.pos.col);
  const headerText = [...labels.map((t) => t.text), ...Object.values(cols).map((c) => grid.text(h.row, c as number))].join(" ");
  const unit = moneyUnitOf(headerText);
  let labelWeight: MoneyRead["labelWeight"] = null;
  for (const t of labels) {
    const w = weightInLabel(t.text);
    if (w !== null) {
      labelWeight = { weight: w, pos: t.pos };
      break;
    }
  }
  const label = labels.map((t) => t.text).join(" ");

  // Rows of the block: from under the header to the goals or the next header, at most 12.
  const first = h.bottom + 1;
  const stop = grid.find((k) => L.isGoalAnchor(k), { top: first })?.row ?? Infinity;
  const last = Math.min(stop - 1, first + 11, grid.bottom, limit);
  const amountCols = (["initial", "annual", "executed"] as const).map((f) => cols[f]).filter((c): c is number => c !== undefined);
  const rowLabel = (r: number) => {
    for (let c = firstValueCol - 1; c >= grid.left; c--) {
      const o = grid.owner(r, c);
      if (o.row !== r && o.row <= h.row) continue; // the block label merged down beside the rows
      // A figure in a column without a heading is no row label: the label is the text left of it.
      if (typeof grid.raw(o.row, o.col)?.value === "number") continue;
      const raw = grid.text(r, c);
      if (raw.trim()) return { raw, key: grid.key(r, c), col: o.col };
    }
    return null;
  };
  const hasFigure = (r: number) => amountCols.some((c) => grid.owner(r, c).row === r && !grid.isBlank(r, c) && !/[:：]/.test(grid.text(r, c)));
  const rows: { row: number; label: ReturnType<typeof rowLabel> }[] = [];
  for (let r = first; r <= last; r++) if (hasFigure(r) || (rowLabel(r) && isMoneyTotalLabel(rowLabel(r)!.key))) rows.push({ row: r, label: rowLabel(r) });
  let total = rows.find((x) => x.label && isMoneyTotalLabel(x.label.key));
  if (!total && rows.length > 0 && (rows.length === 1 || rows.slice(1).every((x) => x.label && isMoneyPartLabel(x.label.raw, x.label.key)))) {
    if (!rows[0].label || !isMoneyPartLabel(rows[0].label.raw, rows[0].label.key) || rows.length === 1) total = rows[0];
  }
  if (!total && first <= last) {
    // A header over empty rows (a form published blank) still has its total row under it.
    if (rows.length === 0) total = { row: first, label: rowLabel(first) };
    else unread.push({ role: "money-total", why: `资金表有 ${rows.length} 行数字，未能确定哪一行是合计（${rows.map((x) => a1(x.row, x.label?.col ?? firstValueCol)).join("、")}）` });
  }
  if (!total) return { budget: {}, unit, labelWeight, reason: null, label, parts: [], firstRow: first, lastRow: h.bottom, scanTo: last, left: Math.min(firstValueCol, ...labels.map((t) => t.pos.col)) };
  if (total.label) note(total.row, total.label.col);
  const budget: Partial<Record<BudgetField, NumCell>> = {};
  for (const field of ["initial", "annual", "executed", "weight", "rate", "score"] as BudgetField[]) {
    const col = cols[field];
    if (col === undefined) continue;
    const c = readNum(grid, total.row, col);
    budget[field] = field === "initial" || field === "annual" || field === "executed" ? inMoneyUnit(c, unit) : c;
    note(total.row, col);
  }
  let reason: TextCell | null = null;
  if (cols.reason !== undefined) {
    reason = readText(grid, total.row, cols.reason);
    note(total.row, cols.reason);
  }
  const parts: FundPart[] = [];
  // Rows from a "其中" row on break the total down, whatever each is called (中央资金, 省级资金 …).
  let within = false;
  for (const x of rows) {
    if (x === total || !x.label) continue;
    if (/^[\s\u3000]*其中/.test(x.label.raw) && x.row > total.row) within = true;
    if (/[:：]/.test(x.label.raw.replace(/^[\s\u3000]*其中[:：]/, ""))) continue;
    if (!within && !L.FUND_PART_ROWS(x.label.key)) continue;
    note(x.row, x.label.col);
    const values: FundPart["values"] = {};
    for (const f of ["initial", "annual", "executed"] as const) {
      const c = cols[f];
      if (c === undefined) continue;
      values[f] = inMoneyUnit(readNum(grid, x.row, c), unit);
      note(x.row, c);
    }
    parts.push({ label: x.label.raw.trim(), pos: grid.pos(x.row, x.label.col), values });
  }
  const lastRow = Math.max(total.row, ...parts.map((p) => p.pos.row));
  return { budget, unit, labelWeight, reason, label, parts, firstRow: total.row + 1, lastRow, scanTo: last, left: Math.min(firstValueCol, ...labels.map((t) => t.pos.col), total.label?.col ?? firstValueCol) };
}

/** Money written as label and figure pairs on one row: the figures are the total. */
function readMoneyPairs(grid: Grid, h: MoneyHeader, note: Note): MoneyRead {
  const budget: Partial<Record<BudgetField, NumCell>> = {};
  const labels = Object.values(h.cols).map((c) => grid.text(h.row, (c as number) - 1)).join(" ");
  const unit = moneyUnitOf(labels);
  for (const [field, col] of Object.entries(h.cols) as [BudgetField, number][]) {
    const c = readNum(grid, h.row, col);
    budget[field] = field === "initial" || field === "annual" || field === "executed" ? inMoneyUnit(c, unit) : c;
    note(h.row, col);
    note(h.row, col - 1);
  }
  return { budget, unit, labelWeight: null, reason: null, label: labels, parts: [], firstRow: h.row + 1, lastRow: h.row, scanTo: h.row, left: h.left - 1 };
}

/** A stated total outside the indicator table: "自评总分（分）| 92.5" on a line of its own. */
function statedTotalElsewhere(grid: Grid, note: Note, within: { top?: number; bottom?: number } = {}): SelfEvaluationTable["total"] {
  // Away from the indicator table only a label that says it is a score counts ("合计" there is a money total).
  const label = grid.find((k) => isTotalLabel(k) && /总分|得分|评分/.test(k), within);
  if (!label) return inlineTotal(grid, note, within);
  const right = (grid.merge(label.row, label.col)?.right ?? label.col) + 1;
  for (let c = right; c <= Math.min(grid.right, right + 3); c++) {
    if (grid.owner(label.row, c).col !== c) continue;
    const n = readNum(grid, label.row, c);
    if (n.parsed.kind === "number") {
      note(label.row, label.col);
      note(n.pos.row, n.pos.col);
      return { labelPos: grid.pos(label.row, label.col), weight: null, score: n };
    }
  }
  return inlineTotal(grid, note, within);
}

/** A stated total written with its label in one cell ("自评总分: 95"). */
function inlineTotal(grid: Grid, note: Note, within: { top?: number; bottom?: number } = {}): SelfEvaluationTable["total"] {
  const at = grid.find((k) => {
    const m = /^(.+?):[\d.]+分?$/.exec(k);
    return !!m && isTotalLabel(m[1]) && /总分|得分|评分/.test(m[1]);
  }, within);
  if (!at) return null;
  const read = parseLabeledNumber(grid.text(at.row, at.col));
  if (!read || read.figure.kind !== "number") return null;
  note(at.row, at.col);
  const pos = grid.pos(at.row, at.col);
  // The figure as if it stood alone, so the total is compared with it as with any typed 总分.
  return { labelPos: pos, weight: null, score: { pos, cell: { value: read.figure.value }, parsed: read.figure }, inline: true };
}

/** The form's note (说明 / 注 / 备注 …) below its table: the weights and bands it prints. */
function readNotes(grid: Grid, from: number): FormNote | null {
  let out: FormNote | null = null;
  for (const l of grid.findAll((k) => k.length >= 6, { top: Math.max(grid.top, from - 2) })) {
    const text = grid.text(l.row, l.col);
    if (!isNoteLabel(grid.key(l.row, l.col)) && !/分值|权重|等级|等次|评价结果/.test(text)) continue;
    const read = readFormNote(text);
    if (!read) continue;
    const pos = grid.pos(l.row, l.col);
    if (!out) out = { pos, weights: [], bands: null, bandsUnread: null, bandsPos: null };
    out.weights.push(...read.weights);
    if (read.bands && !out.bands) {
      out.bands = read.bands;
      out.bandsPos = pos;
    } else if (read.bandsUnread && !out.bands) {
      out.bandsUnread = read.bandsUnread;
      out.bandsPos = pos;
    }
  }
  return out;
}

type Note = (row: number, col: number) => void;

/** The unit's name from the header lines, by the family's order of preference (formLabels.UNIT_LABELS). */
function readUnitName(grid: Grid, kind: FormKind, top: number, bottom: number, note: Note): TextCell | null {
  let pointed = false;
  const order = () => (pointed ? [...L.UNIT_LABELS.department, ...L.UNIT_LABELS[kind]] : L.UNIT_LABELS[kind]);
  for (let i = 0; i < order().length; i++) {
    const test = order()[i];
    for (const label of grid.findAll(test, { top, bottom })) {
      const v = readLabelValue(grid, label, note);
      // 实施单位 "本单位": the unit that fills the form in, named on its 单位名称 line.
      if (v && /^(本单位|本部门)$/.test(v.text.trim()) && !pointed) {
        pointed = true;
        i = -1;
        break;
      }
      // "单位：万元" states the money unit, not the unit's name.
      // "单位：万元" states the money unit, and "本单位" / "同上" point to another line: neither is the name.
      if (v && !/^(万?元|%|人|个|㎡|平方米|本单位|本部门|同上|无|—+|-+|\/)$/.test(v.text.trim())) return v;
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
    // Past a blank value cell the next text is another line's label ("主管部门 |（空）| 财政处室 | …").
    if (/(处室|联系人|电话|日期|负责人|填报人|邮编|地址)$/.test(grid.key(label.row, c))) return null;
    const t = readText(grid, label.row, c);
    if (t.text.trim()) {
      note(label.row, label.col);
      note(t.pos.row, t.pos.col);
      return { pos: t.pos, text: t.text.replace(/[\s\u3000]+$/g, "").trim() };
    }
  }
  return null;
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

function readIndicators(
  grid: Grid,
  from: number,
  to: number,
  cols: IndicatorCols,
  profile: Profile,
  note: Note,
  /** The 分值 columns beside 一级指标 and 二级指标, where every level is weighed. */
  levelWeights?: { l1?: number; l2?: number },
): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  let current: IndicatorGroup | null = null;
  let level2 = "";
  const newGroup = (t: TextCell): IndicatorGroup => {
    note(t.pos.row, t.pos.col);
    const g: IndicatorGroup = { key: groupKeyOf(t.text, profile), label: t.text.trim(), labelPos: t.pos, statedWeight: groupWeightInLabel(t.text), inferred: false, rows: [] };
    groups.push(g);
    level2 = "";
    return g;
  };
  const owns = (r: number, c: number | undefined) => c !== undefined && grid.owner(r, c).row === r && !grid.isBlank(r, c);
  for (let r = from; r <= to; r++) {
    if (cols.l1 !== undefined) {
      const l1 = readText(grid, r, cols.l1);
      if (l1.pos.row === r && l1.text.trim() !== "") {
        current = newGroup(l1);
        const w = levelWeights?.l1 === undefined ? null : readNum(grid, r, levelWeights.l1);
        if (current.statedWeight === null && w && w.parsed.kind === "number") current.statedWeight = w.parsed.value;
      }
    }
    let level2Weight: number | null = null;
    let level2Cell: CellPos | null = null;
    if (cols.l2 !== undefined) {
      const t = readText(grid, r, cols.l2);
      if (t.text.trim()) level2 = t.text.trim();
      const m = grid.merge(r, cols.l2);
      level2Cell = m && m.bottom > m.top && t.text.trim() ? grid.pos(m.top, m.left) : null;
      const w = levelWeights?.l2 === undefined || t.pos.row !== r ? null : readNum(grid, r, levelWeights.l2);
      if (w && w.parsed.kind === "number") level2Weight = w.parsed.value;
    }
    if (cols.l3 === undefined || cols.score === undefined) continue;
    const name = readText(grid, r, cols.l3);
    // A row that only names a group and its weight ("产出指标（50分）" across the row) opens that group.
    if (cols.l1 === undefined && name.pos.row === r && weightInLabel(name.text) !== null && !owns(r, cols.score) && !owns(r, cols.weight)) {
      current = newGroup(name);
      continue;
    }
    // Only a row that owns its name, weight, score, target or actual cell and holds something is an indicator.
    if (!(owns(r, cols.l3) || owns(r, cols.weight) || owns(r, cols.score) || owns(r, cols.target) || owns(r, cols.actual))) continue;
    const cell = (c: number | undefined) => (c === undefined ? null : readText(grid, r, c));
    const row: IndicatorRow = {
      row: r,
      level2,
      name,
      target: cell(cols.target) ?? { pos: grid.pos(r, cols.l3), text: "" },
      actual: cell(cols.actual) ?? { pos: grid.pos(r, cols.l3), text: "" },
      weight: cols.weight === undefined ? null : readNum(grid, r, cols.weight),
      score: readNum(grid, r, cols.score),
      reason: cols.reason === undefined ? null : readText(grid, r, cols.reason),
      nature: cell(cols.nature),
      measure: cell(cols.measure),
      ...(level2Weight !== null ? { level2Weight } : {}),
      ...(level2Cell ? { level2Cell } : {}),
    };
    // A row whose 分值 and 得分 cells are merged down from the indicator above ("其中桃树种植面积"
    // under "★补助各类瓜果蔬菜种植面积") details that indicator: it is not scored on its own.
    const covered = (c: number | undefined) => c !== undefined && grid.owner(r, c).row < r;
    if (covered(cols.score) && (cols.weight === undefined || covered(cols.weight))) {
      // Unless it is an indicator of another kind under the same merged 分值 / 得分 (a group scored
      // once: 质量指标, 时效指标 … each on its own row): then its target and actual are checked, and
      // it is scored with the row above (no weight, no score of its own).
      if (!(owns(r, cols.l2) && owns(r, cols.l3) && (owns(r, cols.target) || owns(r, cols.actual)))) continue;
      row.weight = null;
      row.score = { pos: row.score.pos, cell: null, parsed: { kind: "blank" } };
      row.scoredAbove = true;
    }
    // A spare template row with nothing scored is no indicator.
    if (isSpareName(name.text) && !owns(r, cols.score) && !owns(r, cols.weight)) continue;
    if (!current) {
      current = { key: null, label: "", labelPos: null, statedWeight: null, inferred: cols.l1 !== undefined, rows: [] };
      groups.push(current);
    }
    for (const c of [cols.l2, cols.l3, cols.nature, cols.measure, cols.target, cols.actual, cols.weight, cols.score, cols.reason]) if (c !== undefined) note(r, c);
    current.rows.push(row);
  }
  for (const g of groups) {
    // A blank label, or one that states only a weight ("（50分）"), is known by its 二级指标.
    if (g.key !== null || (!g.inferred && /[\u4e00-\u9fff]{2}/.test(g.label.replace(/分/g, "")))) continue;
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
  // A label merged across a column ("得分合计" over B:G, the 权重 column among them) leaves no figure there.
  // So does a grade written there ("自评等级 | 优" merged over the 得分 column): it is the grade's cell.
  const at = (c: number | undefined) => {
    if (c === undefined) return null;
    const o = grid.owner(label.row, c);
    if (o.row === label.row && o.col === label.col) return null;
    const left = o.col - 1 >= grid.left ? grid.owner(label.row, o.col - 1) : null;
    if (left && A.isGradeLabel(grid.key(left.row, left.col))) return null;
    return readNum(grid, label.row, c);
  };
  const weight = at(cols.weight);
  const score = at(cols.score);
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
  if (nums.length === 1 && cols.weight === undefined) return { labelPos, weight, score: nums[0] };
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

/**
 * The table's total row told by its figures when no label says so ("项目绩效 | 100% | / | 82.68"
 * under 相关性 20%, 效率 50% …; a label garbled to "分总"): the last row, whose weight is the whole
 * form's (100, or 100%) and equals the sum of every row above it and the money block's weight. It is
 * taken out of the indicators and returned.
 */
function totalRowByFigures(groups: IndicatorGroup[], profile: Profile, moneyWeight = 0): IndicatorRow | null {
  const rows = groups.flatMap((g) => g.rows);
  if (rows.length < 3) return null;
  const w = (r: IndicatorRow) => (r.weight && r.weight.parsed.kind === "number" ? r.weight.parsed : null);
  const last = rows[rows.length - 1];
  const lw = w(last);
  if (!lw || rows.some((r) => w(r) === null || w(r)!.percent !== lw.percent)) return null;
  const whole = lw.percent ? 1 : profile.totalWeight;
  const above = rows.slice(0, -1).reduce((a, r) => a + w(r)!.value, 0) + (lw.percent ? 0 : moneyWeight);
  if (Math.abs(lw.value - whole) > 1e-6 || Math.abs(above - whole) > 1e-6) return null;
  const g = groups.find((x) => x.rows.includes(last))!;
  g.rows.pop();
  if (g.rows.length === 0) groups.splice(groups.indexOf(g), 1);
  return last;
}

/**
 * A 权重 column typed as percentages ("20%", "10%" …, adding up to at most 100%) beside 得分 in
 * points (some above 1) gives each indicator's share of the form's 100 points: 20% is 20 points.
 * Read so, the weights are rewritten in points and the reading says so; otherwise every score
 * would exceed its "0.2". Mixed columns (some % and some not) are left as typed.
 */
function percentWeightsAsPoints(groups: IndicatorGroup[]): CellPos | null {
  const rows = groups.flatMap((g) => g.rows).filter((r) => r.weight && r.weight.parsed.kind === "number");
  if (rows.length < 2) return null;
  const pct = (r: IndicatorRow) => r.weight!.parsed.kind === "number" && r.weight!.parsed.percent;
  if (!rows.every(pct)) return null;
  const sum = rows.reduce((a, r) => a + (r.weight!.parsed.kind === "number" ? r.weight!.parsed.value : 0), 0);
  const points = rows.some((r) => r.score.parsed.kind === "number" && r.score.parsed.value > 1);
  if (sum > 1 + 1e-9 || !points) return null;
  for (const r of rows) r.weight = asPoints(r.weight!);
  return rows[0].weight!.pos;
}

/** A weight typed as a share of the form ("20%") in points of 100 (20). */
function asPoints(c: NumCell): NumCell {
  const p = c.parsed;
  return p.kind === "number" ? { ...c, parsed: { ...p, value: Math.round(p.value * 100 * 1e9) / 1e9, percent: false } } : c;
}
