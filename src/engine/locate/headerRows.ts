import type { Grid } from "../grid";
import { headerCore, indicatorRole, moneyRole, type IndicatorRole, type MoneyRole } from "./vocabulary";

/**
 * A header row found by the roles of its cells, not by one heading: a row whose cells name a
 * budget and what was executed is a money block wherever it stands and whatever its title; a
 * row whose cells name indicators and their scores or weights is an indicator table.
 */
export interface HeaderRow<R extends string> {
  kind: "money" | "indicators";
  row: number;
  /** Last row of the header (its cells may be merged down over two rows). */
  bottom: number;
  /** Column of each role read without doubt. */
  cols: Partial<Record<R, number>>;
  /** Roles two or more cells claim: not read, and said so. */
  ambiguous: { role: R; cols: number[] }[];
  /** First and last column holding a role. */
  left: number;
  right: number;
  /** Money written as label and figure side by side on one row ("计划投资额 | 570 | 实际使用 | 395.86"): cols are the figures. */
  pairs?: boolean;
  /** Indicator tables weighing each level: the 分值 column beside 一级指标 and beside 二级指标. */
  levelWeights?: { l1?: number; l2?: number };
}

export type MoneyHeader = HeaderRow<MoneyRole>;
export type IndicatorHeader = HeaderRow<IndicatorRole>;

/** The roles of one row's top-left cells, by the given classifier. */
function rowRoles<R extends string>(grid: Grid, row: number, roleOf: (key: string) => R | null) {
  const found = new Map<R, number[]>();
  // Each column's last header row: a sub-heading's, or the heading's merged down.
  const bottoms = new Map<number, number>();
  const add = (role: R, c: number, last: number) => {
    found.set(role, [...(found.get(role) ?? []), c]);
    bottoms.set(c, last);
  };
  let bottom = row;
  for (let c = grid.left; c <= grid.right; c++) {
    const o = grid.owner(row, c);
    // A cell covered from the left has been seen at its own column. A cell merged down from the
    // row above over this one ("分值" over two rows beside "一级指标 | 二级指标" on the second) is
    // part of this row's header too: two-row headers are read as one.
    if (o.col !== c) continue;
    // A heading merged across columns over headings of their own ("预算数" over "年初预算数 |
    // 全年预算数") names a group: its columns are what the row beneath says they are.
    const sub = roleOf(grid.key(row, c)) ? subHeadings(grid, row, c, roleOf) : null;
    if (sub) {
      for (const [cc, role] of sub.roles) add(role, cc, grid.mergeBottom(sub.under, cc));
      bottom = Math.max(bottom, sub.bottom);
      continue;
    }
    const role = roleOf(grid.key(row, c));
    if (!role) continue;
    add(role, c, grid.mergeBottom(o.row, c));
    bottom = Math.max(bottom, grid.mergeBottom(o.row, c));
  }
  return { found, bottom, bottoms };
}

/**
 * The headings under a heading merged across several columns, when at least two of them name a
 * role (a lone label under a wide cell is more likely the first row of figures' label than a
 * heading). Only a cell that is itself a heading is asked: it names a role and has neighbours on its
 * row, so a title or a section line spanning the table has no sub-headings.
 */
function subHeadings<R extends string>(grid: Grid, row: number, col: number, roleOf: (key: string) => R | null): { roles: [number, R][]; bottom: number; under: number } | null {
  const m = grid.merge(row, col);
  if (!m || m.right === col || m.top !== grid.owner(row, col).row) return null;
  // A heading has neighbours on its row; a section line (四、年度绩效指标完成情况) spans it alone.
  let neighbours = false;
  for (let c = grid.left; c <= grid.right && !neighbours; c++) if ((c < col || c > m.right) && grid.owner(row, c).col === c && grid.text(row, c).trim() !== "") neighbours = true;
  if (!neighbours) return null;
  const under = m.bottom + 1;
  if (under > grid.bottom) return null;
  const roles: [number, R][] = [];
  const blank: number[] = [];
  let bottom = under;
  for (let c = col; c <= m.right; c++) {
    const o = grid.owner(under, c);
    if (o.row !== under || o.col !== c) continue;
    const role = roleOf(grid.key(under, c));
    if (role) roles.push([c, role]);
    else if (grid.text(under, c).trim() === "") blank.push(c);
    bottom = Math.max(bottom, grid.mergeBottom(under, c));
  }
  if (roles.length < 2) return null;
  // The one unheaded column under "预期指标值" (符号 | · | 单位) is the heading's own: the value.
  const own = roleOf(grid.key(row, col))!;
  if (blank.length === 1 && !roles.some(([, r]) => r === own)) roles.push([blank[0], own]);
  return { roles, bottom, under };
}

function settle<R extends string>(kind: HeaderRow<R>["kind"], row: number, bottom: number, found: Map<R, number[]>): HeaderRow<R> {
  const cols: Partial<Record<R, number>> = {};
  const ambiguous: { role: R; cols: number[] }[] = [];
  let left = Infinity;
  let right = -Infinity;
  for (const [role, at] of found) {
    if (at.length === 1) cols[role] = at[0];
    else ambiguous.push({ role, cols: at });
    for (const c of at) {
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  return { kind, row, bottom, cols, ambiguous, left, right };
}

/** A money header: a budget and what was executed (年初预算数 / 全年预算数(A) / 全年执行数(B) …). */
export function moneyHeaderAt(grid: Grid, row: number): MoneyHeader | null {
  const { found, bottom } = dropBlockLabels(grid, row, rowRoles(grid, row, moneyRole));
  const executed = found.get("executed")?.length ?? 0;
  // Funds by source (中央 | 省级 | 本级 | 其他 | 合计) then what was executed and its rate: the sources'
  // 合计 is the budget the execution is measured against.
  if (executed === 1 && !found.has("annual") && !found.has("initial") && found.has("rate")) {
    const sum = sourcesTotal(grid, row, found.get("executed")![0]);
    if (sum !== null) found.set("annual", [sum]);
  }
  const budget = (found.get("annual")?.length ?? 0) + (found.get("initial")?.length ?? 0);
  if (executed === 0 || budget === 0) return null;
  for (const [role, cols] of found) {
    if (cols.length < 2) continue;
    // Two cells claim a role ("年度预算数(万元)" over the row labels beside 调整后预算数): the column
    // that holds figures below is the one; the other heads the row labels.
    const withFigures = cols.filter((c) => figuresBelow(grid, bottom, c));
    if (withFigures.length === 1) found.set(role, withFigures);
  }
  const h = settle("money", row, bottom, found);
  // The only budget is 年初预算数(A), and the form's rate is B/A: the form itself names that column
  // as the budget the execution is measured against, so it is the annual budget too.
  const initial = h.cols.initial;
  if (h.cols.annual === undefined && initial !== undefined && headerCore(grid.key(row, initial)).markers.some((m) => /^A$/i.test(m))) {
    h.cols.annual = initial;
  }
  return h;
}

/** The 合计 column of a row of funds by source, left of the executed column, or null. */
function sourcesTotal(grid: Grid, row: number, executedCol: number): number | null {
  const totals: number[] = [];
  for (let c = grid.left; c < executedCol; c++) {
    if (grid.owner(row, c).col !== c) continue;
    if (/^(合计|总计|小计|资金合计|总额)$/.test(headerCore(grid.key(row, c)).core)) totals.push(c);
  }
  return totals.length === 1 ? totals[0] : null;
}

/**
 * A cell merged down further than the header's other cells spans the block's rows: it is the
 * block's label ("年度预算申请（万元）" over A4:A10), not a column.
 */
function dropBlockLabels<R extends string>(grid: Grid, row: number, read: { found: Map<R, number[]>; bottom: number; bottoms: Map<number, number> }) {
  const last = (c: number) => read.bottoms.get(c) ?? grid.mergeBottom(row, c);
  const bottoms: number[] = [];
  for (const cols of read.found.values()) for (const c of cols) bottoms.push(last(c));
  if (bottoms.length < 3) return read;
  const usual = [...bottoms].sort((a, b) => a - b)[Math.floor(bottoms.length / 2)];
  const found = new Map<R, number[]>();
  let bottom = row;
  for (const [role, cols] of read.found) {
    const kept = cols.filter((c) => last(c) <= usual);
    if (kept.length) found.set(role, kept);
    for (const c of kept) bottom = Math.max(bottom, last(c));
  }
  return { found, bottom };
}

/** Whether the first rows under a header hold a figure in a column (and no plain label text). */
function figuresBelow(grid: Grid, headerBottom: number, col: number): boolean {
  let figures = 0;
  for (let r = headerBottom + 1; r <= Math.min(grid.bottom, headerBottom + 4); r++) {
    const o = grid.owner(r, col);
    if (o.col !== col || o.row !== r) continue;
    const v = grid.raw(r, col)?.value;
    if (typeof v === "number") figures++;
    // Words after figures are the next block's (its header): the figures were this column's.
    else if (typeof v === "string" && /[\u4e00-\u9fff]/.test(v) && !/\d/.test(v)) return figures > 0;
  }
  return figures > 0;
}

const NAME_ROLES: IndicatorRole[] = ["l1", "l2", "l3"];

/** An indicator header: an indicator's name and its score or weight, with at least one more role. */
export function indicatorHeaderAt(grid: Grid, row: number): IndicatorHeader | null {
  const { found, bottom } = dropBlockLabels(grid, row, rowRoles(grid, row, indicatorRole));
  const names = NAME_ROLES.filter((r) => found.has(r)).length;
  const scored = found.has("score") || found.has("weight");
  if (names === 0 || !scored || found.size < 3) return null;
  settleClaims(grid, row, bottom, found);
  // "一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分": each level weighed in the column beside
  // it; the indicators' own weight is the one beside the deepest level.
  const levelWeights: { l1?: number; l2?: number } = {};
  const weights = found.get("weight") ?? [];
  if (weights.length > 1) {
    const beside = (role: IndicatorRole) => {
      const c = found.get(role)?.[0];
      return c === undefined ? undefined : weights.find((w) => w === nextColumn(grid, row, c));
    };
    const deepest = (["l3", "l2", "l1"] as IndicatorRole[]).find((r) => beside(r) !== undefined);
    if (deepest && weights.every((w) => (["l1", "l2", "l3"] as IndicatorRole[]).some((r) => beside(r) === w))) {
      found.set("weight", [beside(deepest)!]);
      if (deepest !== "l1" && beside("l1") !== undefined) levelWeights.l1 = beside("l1");
      if (deepest === "l3" && beside("l2") !== undefined) levelWeights.l2 = beside("l2");
    }
  }
  const h = settle<IndicatorRole>("indicators", row, bottom, found);
  return Object.keys(levelWeights).length ? { ...h, levelWeights } : h;
}

/**
 * Two cells claiming one role of an indicator table, told apart by what the form itself shows,
 * else left to say so: a column of figures beats one of words under a weight or score heading
 * (指标分值 over explanations beside 权重占比 over 25, 30 …); of two score columns, the one that
 * says it is converted (折算得分, 折合得分) is the score the form counts; of two actual columns, the
 * one that names a value (实际完成值) beats one that names a state (完成情况: 完成, 未完成).
 */
function settleClaims(grid: Grid, row: number, bottom: number, found: Map<IndicatorRole, number[]>): void {
  const only = (role: IndicatorRole, keep: (c: number) => boolean) => {
    const cols = found.get(role);
    if (!cols || cols.length < 2) return;
    const kept = cols.filter(keep);
    if (kept.length === 1) found.set(role, kept);
  };
  const heading = (c: number) => headerCore(grid.key(grid.owner(bottom, c).row, c)).core;
  for (const role of ["weight", "score"] as IndicatorRole[]) only(role, (c) => figuresBelow(grid, bottom, c));
  only("score", (c) => /折算|折合/.test(heading(c)));
  only("actual", (c) => /(值|数)$/.test(heading(c)));
}

/** Same roles in the same columns: one header printed again (a table's next part), or its twin. */
export const sameColumns = (a: IndicatorHeader, b: IndicatorHeader) => JSON.stringify(a.cols) === JSON.stringify(b.cols);

/** The column after a (merged) cell. */
function nextColumn(grid: Grid, row: number, col: number): number {
  return (grid.merge(row, col)?.right ?? col) + 1;
}

/**
 * Money as label and figure pairs on one row: a budget label and an executed label, each followed
 * by a number ("计划投资额（万元）| 570 | 实际到位资金 | 398.88 | 实际使用情况（万元）| 395.86").
 */
export function moneyPairsAt(grid: Grid, row: number): MoneyHeader | null {
  const found = new Map<MoneyRole, number[]>();
  for (let c = grid.left; c <= grid.right; c++) {
    const o = grid.owner(row, c);
    if (o.col !== c || o.row !== row) continue;
    const role = moneyRole(grid.key(row, c));
    if (!role) continue;
    const v = nextColumn(grid, row, c);
    if (typeof grid.raw(row, v)?.value !== "number") continue;
    found.set(role, [...(found.get(role) ?? []), v]);
  }
  if (!found.has("executed") || !found.has("annual")) return null;
  return { ...settle("money", row, row - 1, found), pairs: true };
}

/** Every header row of a sheet, top to bottom; an indicator header wins over a money header on one row. */
export function headerRows(grid: Grid): (MoneyHeader | IndicatorHeader)[] {
  const out: (MoneyHeader | IndicatorHeader)[] = [];
  const rows = new Set<number>();
  for (const l of grid.findAll(() => true)) rows.add(l.row);
  for (const row of [...rows].sort((a, b) => a - b)) {
    const h = indicatorHeaderAt(grid, row) ?? moneyPairsAt(grid, row) ?? moneyHeaderAt(grid, row);
    if (!h) continue;
    // A header merged down over two rows is found once, at its first row.
    const prev = out[out.length - 1];
    if (prev && prev.kind === h.kind && row <= prev.bottom) continue;
    out.push(h);
  }
  return out;
}
