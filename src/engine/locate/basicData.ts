import { boundingRange } from "../address";
import type { CellRange } from "../snapshot";
import type { Grid } from "../grid";
import { yearInLabel } from "../labels";
import * as A from "./anchors";
import { BASIC_ROWS, type AmountColumn, type BasicRowKey, type Section } from "./basicDataRows";
import { headerColumns, readNum, type NumCell } from "./cells";
import { indicatorHeaderAt, moneyHeaderAt } from "./headerRows";

export interface StaffBlock {
  quota: NumCell;
  actual: NumCell;
  /** null when the form has no 控制率 column. */
  rate: NumCell | null;
}

export interface BasicRow {
  key: BasicRowKey;
  label: string;
  row: number;
  values: Partial<Record<AmountColumn, NumCell>>;
}

export interface BuildingRow {
  row: number;
  approvedScale: NumCell;
  actualScale: NumCell;
  scaleRate: NumCell | null;
  budgetInvestment: NumCell;
  actualInvestment: NumCell;
  investmentRate: NumCell | null;
}

export interface BasicDataTable {
  sheet: string;
  range: CellRange;
  staff: StaffBlock | null;
  columns: Partial<Record<AmountColumn, number>>;
  rows: BasicRow[];
  buildings: BuildingRow[];
  /** Header cell of the buildings block, for findings about the block. */
  buildingHeader: { row: number; col: number } | null;
}

/** Rows scanned past the last recognised row before a block is taken as ended. */
const MAX_BLANK_RUN = 12;

/** Find and read 附件1 on one sheet; null when the sheet does not hold it. */
export function locateBasicData(grid: Grid): BasicDataTable | null {
  const expense = grid.find(A.isExpenseAnchor);
  const staffAnchor = grid.find(A.isStaffAnchor);
  if (!expense && !staffAnchor && !grid.find(isQuotaLabel)) return null;
  const touched: { row: number; col: number }[] = [];
  const note = (row: number, col: number) => touched.push({ row, col });

  const title = grid.find(A.isBasicTitle);
  const first = staffAnchor ?? expense!;
  if (title && title.row <= first.row && first.row - title.row <= 3) note(title.row, title.col);

  const staff = (staffAnchor ? readStaff(grid, staffAnchor, note) : null) ?? (expense ? null : readStaffPairs(grid, note));
  const { columns, rows } = expense ? readExpenses(grid, expense, note) : { columns: {}, rows: [] };
  // "财政供养人员" inside another table (an indicator's name) is no 附件1: a block must read as one.
  if (!staff && rows.length === 0 && Object.keys(columns).length === 0) return null;

  const afterRow = Math.max(expense?.row ?? 0, staffAnchor?.row ?? 0);
  const bAnchor = grid.find(A.isBuildingAnchor, { top: afterRow });
  const buildings = bAnchor ? readBuildings(grid, bAnchor, note) : [];

  const thrift = grid.find(A.isThriftRow, { top: afterRow });
  if (thrift) {
    note(thrift.row, thrift.col);
    const text = grid.merge(thrift.row, thrift.col + 1);
    note(thrift.row, text ? text.right : thrift.col + 1);
  }

  return {
    sheet: grid.name,
    range: boundingRange(touched)!,
    staff,
    columns,
    rows,
    buildings,
    buildingHeader: bAnchor,
  };
}

type Note = (row: number, col: number) => void;

/** A 自评表's money or indicator header row: a 附件1 scan on a shared sheet ends there. */
const opensSelfEvaluation = (grid: Grid, row: number) => moneyHeaderAt(grid, row) !== null || indicatorHeaderAt(grid, row) !== null;

function readStaff(grid: Grid, anchor: { row: number; col: number }, note: Note): StaffBlock | null {
  const cols = headerColumns(grid, anchor.row, anchor.col + 1, [
    ["rate", (k) => k.includes("控制率")],
    ["quota", (k) => k.includes("编制")],
    ["actual", (k) => k.includes("在职") || k.includes("实有")],
  ]);
  note(anchor.row, anchor.col);
  if (cols.quota === undefined || cols.actual === undefined) return null;
  const dataRow = anchor.row + 1;
  const rate = cols.rate === undefined ? null : readNum(grid, dataRow, cols.rate);
  for (const c of [cols.quota, cols.actual, cols.rate]) if (c !== undefined) note(dataRow, c);
  return { quota: readNum(grid, dataRow, cols.quota), actual: readNum(grid, dataRow, cols.actual), rate };
}

const isQuotaLabel = (k: string) => /^(人员)?编制(数|人数)?(\(人\))?$|^核定编制(数|人数)?$/.test(k);
const isActualStaffLabel = (k: string) => /^(实有|在职|实际在职)(人员)?(人数|人员)?(\(人\))?$/.test(k);

/**
 * 人员编制 / 实有人数 written as label and figure side by side, as a 基本概况 block on a sheet of
 * its own prints them ("人员编制 | 25 | 实有人数 | 23"); read only when both stand so.
 */
function readStaffPairs(grid: Grid, note: Note): StaffBlock | null {
  const beside = (label: { row: number; col: number } | null): NumCell | null => {
    if (!label) return null;
    const c = (grid.merge(label.row, label.col)?.right ?? label.col) + 1;
    const n = readNum(grid, label.row, c);
    return n.parsed.kind === "number" ? n : null;
  };
  const quotaLabel = grid.find(isQuotaLabel);
  const actualLabel = grid.find(isActualStaffLabel);
  const quota = beside(quotaLabel);
  const actual = beside(actualLabel);
  if (!quota || !actual) return null;
  for (const p of [quotaLabel!, actualLabel!, quota.pos, actual.pos]) note(p.row, p.col);
  return { quota, actual, rate: null };
}

function amountColumns(grid: Grid, row: number, fromCol: number): Partial<Record<AmountColumn, number>> {
  const actuals: { col: number; year: number | null; prev: boolean }[] = [];
  let budget: number | undefined;
  for (let c = fromCol; c <= grid.right; c++) {
    if (grid.owner(row, c).col !== c) continue;
    const k = grid.key(row, c);
    if (k.includes("决算")) actuals.push({ col: c, year: yearInLabel(k), prev: k.includes("上年") });
    else if (k.includes("预算") && budget === undefined) budget = c;
  }
  const out: Partial<Record<AmountColumn, number>> = {};
  if (budget !== undefined) out.budget = budget;
  if (actuals.length === 1) {
    if (actuals[0].prev) out.prevActual = actuals[0].col;
    else out.actual = actuals[0].col;
  } else if (actuals.length >= 2) {
    const [a, b] = actuals;
    // The earlier year (or the one marked 上年) is last year's 决算.
    const aFirst = a.prev || (a.year !== null && b.year !== null ? a.year < b.year : true);
    out.prevActual = aFirst ? a.col : b.col;
    out.actual = aFirst ? b.col : a.col;
  }
  return out;
}

function readExpenses(grid: Grid, anchor: { row: number; col: number }, note: Note) {
  note(anchor.row, anchor.col);
  const columns = amountColumns(grid, anchor.row, anchor.col + 1);
  for (const c of Object.values(columns)) note(anchor.row, c as number);
  const rows: BasicRow[] = [];
  let section: Section | "none" = "none";
  const seen = new Set<BasicRowKey>();
  let blankRun = 0;
  for (let r = grid.mergeBottom(anchor.row, anchor.col) + 1; r <= grid.bottom; r++) {
    const key = grid.key(r, anchor.col);
    if (A.isBuildingAnchor(key) || A.isThriftRow(key) || A.isNoteRow(key) || A.isSelfEvalLabel(key) || A.isStaffAnchor(key) || opensSelfEvaluation(grid, r)) break;
    if (!key) {
      if (++blankRun > MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    const spec = BASIC_ROWS.find(
      (s) => (s.within === "any" || s.within === section) && (s.repeated || !seen.has(s.key)) && s.match.test(key),
    );
    if (!spec) continue;
    seen.add(spec.key);
    if (spec.opens) section = spec.opens;
    const values: Partial<Record<AmountColumn, NumCell>> = {};
    for (const [name, col] of Object.entries(columns) as [AmountColumn, number][]) {
      values[name] = readNum(grid, r, col);
      note(r, col);
    }
    note(r, anchor.col);
    rows.push({ key: spec.key, label: grid.text(r, anchor.col).trim(), row: r, values });
  }
  return { columns, rows };
}

function readBuildings(grid: Grid, anchor: { row: number; col: number }, note: Note): BuildingRow[] {
  note(anchor.row, anchor.col);
  const cols = headerColumns(grid, anchor.row, anchor.col + 1, [
    ["scaleRate", (k) => k.includes("控制率") && k.includes("规模")],
    ["investmentRate", (k) => k.includes("控制率")],
    ["approvedScale", (k) => k.includes("批复")],
    ["actualScale", (k) => k.includes("实际规模")],
    ["budgetInvestment", (k) => k.includes("预算投资") || k.includes("概算投资")],
    ["actualInvestment", (k) => k.includes("实际投资")],
  ]);
  for (const c of Object.values(cols)) note(anchor.row, c as number);
  const { approvedScale, actualScale, budgetInvestment, actualInvestment } = cols;
  if (approvedScale === undefined || actualScale === undefined || budgetInvestment === undefined || actualInvestment === undefined) {
    return [];
  }
  const dataCols = Object.values(cols) as number[];
  const out: BuildingRow[] = [];
  let blankRun = 0;
  for (let r = anchor.row + 1; r <= grid.bottom; r++) {
    const key = grid.key(r, anchor.col);
    if (A.isThriftRow(key) || A.isNoteRow(key) || A.isSelfEvalLabel(key) || A.isStaffAnchor(key) || opensSelfEvaluation(grid, r)) break;
    // A row whose label column starts a new block ends this one.
    if (key && grid.owner(r, anchor.col).row === r && r > grid.mergeBottom(anchor.row, anchor.col) && !dataCols.some((c) => !grid.isBlank(r, c))) break;
    if (dataCols.every((c) => grid.isBlank(r, c))) {
      if (++blankRun > MAX_BLANK_RUN) break;
      continue;
    }
    blankRun = 0;
    for (const c of dataCols) note(r, c);
    out.push({
      row: r,
      approvedScale: readNum(grid, r, approvedScale),
      actualScale: readNum(grid, r, actualScale),
      scaleRate: cols.scaleRate === undefined ? null : readNum(grid, r, cols.scaleRate),
      budgetInvestment: readNum(grid, r, budgetInvestment),
      actualInvestment: readNum(grid, r, actualInvestment),
      investmentRate: cols.investmentRate === undefined ? null : readNum(grid, r, cols.investmentRate),
    });
  }
  return out;
}
