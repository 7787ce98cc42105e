import { rangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";

/**
 * What a read must cover, known before the batch is queued: the sheets, the
 * area of each to read, and which of the add-in's parts and notes exist. The
 * task pane keeps the shape of its last read, so a recalculation reads in one
 * batch; a reader without one (the ribbon) learns it in two small batches.
 */
export interface SheetShape {
  name: string;
  /** 0-based area to read (the used range of values), null for a blank sheet. */
  area: CellRange | null;
}

export interface WorkbookShape {
  sheets: SheetShape[];
  journal: boolean;
  /** The journal parts' ids when there are several (two runs at once), read each by id. */
  journalIds?: string[];
  settings: boolean;
  /** Cells ("sheet!A1") the journal says carry one of the add-in's notes. */
  journalNotes: string[];
}

/**
 * Excel on the web allows 5 MB a request and a response:
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 * A cell's values, formulas, value type, number format and fill cost about
 * 110 bytes of response (measured on the host, `npm run bench`); reads are
 * planned at 160 a cell into 4 MB, leaving room for long texts. Should Excel
 * still refuse a batch for its size, it is read again in halves.
 */
export const BYTES_PER_CELL = 160;
export const BATCH_BUDGET = 4_000_000;
export const CELLS_PER_BATCH = Math.floor(BATCH_BUDGET / BYTES_PER_CELL);

/**
 * getMergedAreasOrNullObject fails above 512 merged areas:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)
 * Merged areas never overlap, so each one meeting a range holds a cell of it
 * of its own: a tile of at most 512 cells meets at most 512 merged areas.
 * Merges are read tile by tile and never fail.
 */
export const MERGE_TILE_CELLS = 512;

/**
 * The largest used range read from one sheet: 80 batches of the budget above. A form is a few
 * thousand cells; a used range far larger is almost always a value typed by mistake far away
 * (at XFD1048576 the used range, the smallest range holding every value, is the whole sheet:
 * 17 billion cells, hours of reads;
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)).
 * Such a sheet is not read; the clerk is told where its last cell is, as Ctrl+End finds it.
 */
export const MAX_SHEET_CELLS = 80 * CELLS_PER_BATCH;

/** Why a sheet's used range is too large to read, or null when it is not. */
export function oversizedSheet(sheet: SheetShape): { zh: string; en: string } | null {
  const n = sheet.area ? cellsOf(sheet.area) : 0;
  if (!sheet.area || n <= MAX_SHEET_CELLS) return null;
  const count = n >= 1e8 ? `${(n / 1e8).toFixed(1)} 亿` : `${Math.round(n / 1e4)} 万`;
  const range = rangeA1(sheet.area);
  const last = rangeA1({ ...sheet.area, top: sheet.area.bottom, left: sheet.area.right });
  return {
    zh: `工作表“${sheet.name}”的已用区域 ${range} 约有 ${count}个单元格，远大于表格本身，可能是远处误填了内容（最后一个单元格是 ${last}）。请在该表按 Ctrl+End 定位，删除多余内容后再核算。`,
    en: `used range ${sheet.name}!${range} has ${n} cells (over ${MAX_SHEET_CELLS}); last cell ${last}`,
  };
}

/**
 * What is read of a sheet too large to read (oversizedSheet): its top-left
 * corner, 64 columns by 128 rows, where a form's title and header would be
 * (small enough to share the read's first batch).
 * A form found there means the sheet is a form's with a value typed far away:
 * the clerk is told (oversizedSheet's message) rather than checked on part of
 * it. Nothing found: the sheet is an unrelated one (a ledger), skipped and named.
 */
export const CORNER_COLUMNS = 64;
export const CORNER_ROWS = 128;

export function readableArea(sheet: SheetShape): CellRange | null {
  if (!sheet.area || !oversizedSheet(sheet)) return sheet.area;
  const right = Math.min(sheet.area.right, sheet.area.left + CORNER_COLUMNS - 1);
  return { ...sheet.area, right, bottom: Math.min(sheet.area.bottom, sheet.area.top + CORNER_ROWS - 1) };
}

/** A sheet not read whole: its name and why, in Chinese for the pane and English for the log. */
export interface SkippedSheet {
  sheet: string;
  zh: string;
  en: string;
}

export function skippedSheet(sheet: SheetShape): SkippedSheet | null {
  const why = oversizedSheet(sheet);
  if (!why || !sheet.area) return null;
  const range = rangeA1(sheet.area);
  return {
    sheet: sheet.name,
    zh: `工作表“${sheet.name}”的已用区域 ${range} 过大，超出可读取的范围，本次未检查该表（其余工作表已照常检查）。如该表不应这么大，请在该表按 Ctrl+End 定位，删除多余内容。`,
    en: `skipped ${sheet.name}: ${why.en}`,
  };
}

export interface Region {
  sheet: string;
  area: CellRange;
}

const cellsOf = (r: CellRange) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

/** Split an area into bands of whole rows of at most `maxCells` cells (one row at least). */
export function rowBands(area: CellRange, maxCells: number): CellRange[] {
  const width = area.right - area.left + 1;
  const rows = Math.max(1, Math.floor(maxCells / width));
  const out: CellRange[] = [];
  for (let top = area.top; top <= area.bottom; top += rows) out.push({ ...area, top, bottom: Math.min(area.bottom, top + rows - 1) });
  return out;
}

/** Tiles of at most MERGE_TILE_CELLS cells covering an area. */
export function mergeTiles(area: CellRange): string[] {
  const width = Math.min(area.right - area.left + 1, MERGE_TILE_CELLS);
  const rows = Math.max(1, Math.floor(MERGE_TILE_CELLS / width));
  const out: string[] = [];
  for (let top = area.top; top <= area.bottom; top += rows) {
    for (let left = area.left; left <= area.right; left += width) {
      out.push(rangeA1({ top, left, bottom: Math.min(area.bottom, top + rows - 1), right: Math.min(area.right, left + width - 1) }));
    }
  }
  return out;
}

/** Regions of a shape packed into batches of at most `cellsPerBatch` cells. */
export function planBatches(shape: WorkbookShape, cellsPerBatch: number): Region[][] {
  const regions = shape.sheets.flatMap((s) => {
    const area = readableArea(s);
    return area ? rowBands(area, cellsPerBatch).map((a) => ({ sheet: s.name, area: a })) : [];
  });
  return pack(regions, cellsPerBatch);
}

/** Pack regions into groups of at most `budget` cells (a larger region alone). */
function pack(regions: Region[], budget: number): Region[][] {
  const out: Region[][] = [];
  let cur: Region[] = [];
  let size = 0;
  for (const r of regions) {
    const n = cellsOf(r.area);
    if (size + n > budget && cur.length) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The regions of a refused batch in batches of half its cells; null when it cannot be split (one row). */
export function splitRegions(regions: Region[]): Region[][] | null {
  const half = Math.max(1, Math.ceil(regions.reduce((n, r) => n + cellsOf(r.area), 0) / 2));
  const bands = regions.flatMap((r) => rowBands(r.area, half).map((area) => ({ sheet: r.sheet, area })));
  const out = pack(bands, half);
  return out.length > 1 ? out : null;
}

/** Whether area `inner` lies within `outer` (null = blank, within anything). */
export function within(inner: CellRange | null, outer: CellRange | null): boolean {
  if (!inner) return true;
  if (!outer) return false;
  return inner.top >= outer.top && inner.left >= outer.left && inner.bottom <= outer.bottom && inner.right <= outer.right;
}

/** The smallest area covering both. */
export function union(a: CellRange | null, b: CellRange | null): CellRange | null {
  if (!a) return b;
  if (!b) return a;
  return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
}
