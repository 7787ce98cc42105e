import { Grid } from "../grid";
import type { SheetSnapshot } from "../snapshot";
import * as L from "./formLabels";
import { headerRows, sameColumns, type IndicatorHeader, type MoneyHeader } from "./headerRows";
import { isTotalLabel } from "./vocabulary";

/**
 * Where each 绩效自评表 on a sheet stands, found by its header rows (headerRows.ts): a money
 * header, then an indicator header, make one form; an indicator header with no money header
 * since the previous table is a form of its own, and so is a money block alone. A sheet may hold
 * several forms stacked; each is read on its own band of rows, so one form's search for its
 * total or notes never runs into the next form.
 */
export interface FormRegion {
  /** The family its title or header lines name; null when nothing on the form names it. */
  kind: L.FormKind | null;
  /** The sheet cut to the form's rows (coordinates stay the sheet's own). */
  grid: Grid;
  money: MoneyHeader | null;
  indicators: IndicatorHeader | null;
  /** The same indicator header repeated for the table's later parts (年度绩效目标1, 年度绩效目标2 …). */
  more: IndicatorHeader[];
}

/** Rows above a form's first header where its title and header lines may stand. */
const HEAD_ROWS = 8;

/** The rows [top, bottom] of a sheet as a sheet of their own; merges are clipped to them. */
export function sliceSheet(s: SheetSnapshot, top: number, bottom: number): SheetSnapshot {
  const from = Math.max(top, s.top);
  return {
    ...s,
    top: from,
    cells: s.cells.slice(from - s.top, bottom - s.top + 1),
    merges: s.merges
      .filter((m) => m.bottom >= from && m.top <= bottom)
      .map((m) => ({ ...m, top: Math.max(m.top, from), bottom: Math.min(m.bottom, bottom) })),
  };
}

interface Start {
  row: number;
  money: MoneyHeader | null;
  indicators: IndicatorHeader | null;
  more: IndicatorHeader[];
}


export function formRegions(grid: Grid): FormRegion[] {
  const starts: Start[] = [];
  for (const h of headerRows(grid)) {
    const last = starts[starts.length - 1];
    if (h.kind === "indicators") {
      const ih = h as IndicatorHeader;
      const prev = last?.more[last.more.length - 1] ?? last?.indicators;
      // An indicator table completes the money block above it, unless it already has one. Another
      // indicator header before any total row is the table's next part: the same header again, or a
      // header of its own (项目决策 / 项目管理 scored under 分值 | 自评分, then 项目绩效 under 一级 |
      // 二级 | 三级 | 自评分) when nothing between names a new form (a title, a header line).
      const between = prev ? { top: prev.bottom + 1, bottom: ih.row - 1 } : null;
      const open = between && !grid.find(isTotalLabel, between);
      const unnamed = between && !grid.find((k) => L.TITLES.department(k) || L.TITLES.project(k) || L.isHeaderLabel(k), between);
      if (last && !last.indicators && last.money) last.indicators = ih;
      else if (last && prev && open && (sameColumns(prev, ih) || unnamed)) last.more.push(ih);
      else starts.push({ row: h.row, money: null, indicators: ih, more: [] });
    } else if (last && last.indicators && !last.money && !grid.find(isTotalLabel, { top: (last.more[last.more.length - 1] ?? last.indicators).bottom + 1, bottom: h.row - 1 })) {
      // A money block printed after the indicators, before their total (预算执行情况 at the foot of
      // the table), is the same form's: a total row, not a block's order, closes a form.
      last.money = h as MoneyHeader;
    } else starts.push({ row: h.row, money: h as MoneyHeader, indicators: null, more: [] });
  }
  if (starts.length === 0) return [];

  // Each form begins at its first title or header line above its start, after the previous form's total.
  const tops = starts.map((s, i) => {
    const prevRow = i === 0 ? grid.top - 1 : lastRowOf(grid, starts[i - 1], s.row - 1);
    const floor = Math.max(prevRow + 1, s.row - HEAD_ROWS, grid.top);
    // Nothing above a sheet's first form belongs to another one.
    if (i === 0) return grid.top;
    const head = grid.find((k) => L.TITLES.department(k) || L.TITLES.project(k) || L.isHeaderLabel(k), { top: floor, bottom: s.row });
    return head ? head.row : i === 0 ? Math.max(grid.top, s.row - HEAD_ROWS) : floor;
  });
  return starts.map((s, i) => {
    const top = Math.min(tops[i], s.row);
    const bottom = i + 1 < starts.length ? Math.min(tops[i + 1], starts[i + 1].row) - 1 : grid.bottom;
    const region = new Grid(sliceSheet(grid.sheet, top, bottom));
    return { kind: kindOf(region, top, s.row), grid: region, money: s.money, indicators: s.indicators, more: s.more };
  });
}

/** The last row a form can claim before the next one: its total row, else its last header. */
function lastRowOf(grid: Grid, s: Start, limit: number): number {
  const blocks = [s.money, s.indicators, ...s.more].filter((b): b is MoneyHeader | IndicatorHeader => b !== null);
  const lastHeader = Math.max(...blocks.map((b) => b.bottom));
  const total = grid.find(isTotalLabel, { top: lastHeader + 1, bottom: limit });
  return total ? total.row : lastHeader;
}

/** The title decides; else a 项目名称 line; else a 单位名称 line; else nothing names the family. */
function kindOf(g: Grid, top: number, start: number): L.FormKind | null {
  const head = { top, bottom: start };
  const title = g.find((k) => L.TITLES.department(k) || L.TITLES.project(k), head);
  if (title) return L.TITLES.project(g.key(title.row, title.col)) ? "project" : "department";
  if (g.find(L.isProjectNameLabel, head)) return "project";
  return null;
}
