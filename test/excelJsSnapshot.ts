import type ExcelJS from "exceljs";
/**
 * The ExcelJS reader the CLI used before the package-level adapter, kept as
 * the reference the new reader is compared with on every fixture
 * (test/xlsxSnapshot.test.ts).
 */
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../src/engine/snapshot";
import { scalarOf } from "../src/testing/excelHost/fromExcelJS";

/** One cell as the engine sees it: value (or cached result), formula, error, date. */
export function snapshotCell(cell: ExcelJS.Cell): SnapshotCell | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  const o = v as Record<string, unknown>;
  if (typeof v === "object" && !(v instanceof Date) && ("formula" in o || "sharedFormula" in o)) {
    // Files spell functions newer than Excel 2007 "_xlfn.NAME"; the engine uses the UI spelling.
    const formula = (cell.formula ?? (o.formula as string | undefined) ?? "").replace(/_xlfn\./gi, "");
    const res = scalarOf(o.result);
    return { ...res, formula };
  }
  return scalarOf(v);
}

function mergesOf(ws: ExcelJS.Worksheet): CellRange[] {
  const raw = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges ?? {};
  return Object.values(raw).map((m) => ({ top: m.model.top - 1, left: m.model.left - 1, bottom: m.model.bottom - 1, right: m.model.right - 1 }));
}

export function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  const found: { r: number; c: number; cell: SnapshotCell }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged area's covered cells echo the master's value in ExcelJS; Excel shows them empty.
      if (cell.isMerged && cell.master !== cell) return;
      const snap = snapshotCell(cell);
      if (!snap) return;
      const r = rowNumber - 1, c = colNumber - 1;
      found.push({ r, c, cell: snap });
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    });
  });
  const merges = mergesOf(ws);
  if (found.length === 0) {
    return { name: ws.name, top: 0, left: 0, cells: [], merges, visibility: ws.state as SheetSnapshot["visibility"], protected: isProtected(ws) };
  }
  const cells: (SnapshotCell | null)[][] = [];
  for (let r = 0; r <= bottom - top; r++) cells.push(new Array(right - left + 1).fill(null));
  for (const f of found) cells[f.r - top][f.c - left] = f.cell;
  return { name: ws.name, top, left, cells, merges, visibility: ws.state as SheetSnapshot["visibility"], protected: isProtected(ws) };
}

function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
  return !!p && p.sheet !== false;
}

export function workbookSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(sheetSnapshot) };
}
