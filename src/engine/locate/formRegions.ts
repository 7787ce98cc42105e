import { Grid } from "../grid";
import type { SheetSnapshot } from "../snapshot";
import * as L from "./formLabels";

/**
 * Where each 绩效自评表 on a sheet stands. A sheet may hold several forms
 * stacked (a department's project forms one under another); each is read on
 * its own band of rows, so one form's search for its total or notes never
 * runs into the next form.
 */
export interface FormRegion {
  kind: L.FormKind;
  /** The sheet cut to the form's rows (coordinates stay the sheet's own). */
  grid: Grid;
}

/** Rows above a money block where a form's title and header lines may stand. */
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

export function formRegions(grid: Grid): FormRegion[] {
  const anchors = grid.findAll((k) => L.BUDGET_ANCHORS.department(k) || L.BUDGET_ANCHORS.project(k));
  const headers = grid.findAll(L.isIndicatorHeader);
  const starts: { row: number; kind: L.FormKind | null }[] = anchors.map((a) => ({
    row: a.row,
    kind: L.BUDGET_ANCHORS.project(grid.key(a.row, a.col)) ? "project" : "department",
  }));
  // An indicator table with no money block above it (since the previous table) is a form of its own.
  let prev = -Infinity;
  for (const h of headers) {
    if (!anchors.some((a) => a.row > prev && a.row <= h.row)) starts.push({ row: h.row, kind: null });
    prev = h.row;
  }
  if (starts.length === 0) return [];
  starts.sort((a, b) => a.row - b.row);
  const unique = starts.filter((s, i) => i === 0 || s.row !== starts[i - 1].row);

  // Each form begins at its first title or header line above its start, after the previous form's total.
  const tops = unique.map((s, i) => {
    if (i === 0) return grid.top;
    const prevTotal = grid.find(L.isTotalRow, { top: unique[i - 1].row + 1, bottom: s.row - 1 });
    const floor = Math.max(unique[i - 1].row + 1, prevTotal ? prevTotal.row + 1 : -Infinity, s.row - HEAD_ROWS);
    const head = grid.find((k) => L.TITLES.department(k) || L.TITLES.project(k) || L.isHeaderLabel(k), { top: floor, bottom: s.row });
    return head ? head.row : s.row;
  });
  return unique.map((s, i) => {
    const top = tops[i];
    const bottom = i + 1 < unique.length ? tops[i + 1] - 1 : grid.bottom;
    const region = new Grid(sliceSheet(grid.sheet, top, bottom));
    return { kind: kindOf(region, s, top), grid: region };
  });
}

/** The title decides; else the money block's label; else a 项目名称 line; else the 部门整体 form. */
function kindOf(g: Grid, start: { row: number; kind: L.FormKind | null }, top: number): L.FormKind {
  const head = { top, bottom: start.row };
  const title = g.find((k) => L.TITLES.department(k) || L.TITLES.project(k), head);
  if (title) return L.TITLES.project(g.key(title.row, title.col)) ? "project" : "department";
  if (start.kind) return start.kind;
  return g.find(L.isProjectNameLabel, head) ? "project" : "department";
}
