import { a1, parseA1 } from "../../engine/address";
import type { Journal } from "../../engine/journal";
import type { CurrentCell, CurrentSheet, SheetLocation } from "../../engine/undo/plan";
import { AddinError, has, type OfficeApi } from "./officeApi";
import { cellKey, officeCell, syncInHalves, type WorkbookRead } from "./readWorkbook";

/**
 * The cells as they are now, for the engine's undo plan, from what
 * readWorkbook read (values, formulas, number formats, and fills where
 * ExcelApi 1.9 reads them). A cell outside that read is empty as far as the
 * engine knows; so the journaled cells themselves, where the engine locates
 * them, are read once more, exactly (readJournaledCells).
 */
export function currentFromRead(read: WorkbookRead): CurrentSheet[] {
  return read.snapshot.sheets.map((s) => {
    const cells: Record<string, CurrentCell> = {};
    s.cells.forEach((row, i) =>
      row.forEach((c, k) => {
        const addr = a1(s.top + i, s.left + k);
        const key = cellKey(s.name, addr);
        const fill = read.fills ? (read.fills.get(key) ?? null) : undefined;
        const numFmt = read.numberFormats.get(key) ?? null;
        if (!c && !fill && !numFmt) return;
        // The notes known here are the journal's: any other cell's note is not read (undefined).
        cells[addr] = { value: c ? (c.error ?? c.value) : null, formula: c?.formula ?? null, numFmt, fill, ...(read.noteTexts.has(key) ? { note: read.noteTexts.get(key)! } : {}) };
      }),
    );
    const id = read.sheetIds.get(s.name);
    return { name: s.name, ...(id ? { id } : {}), cells };
  });
}

/**
 * Read each journaled cell where the engine located it (value, formula,
 * number format, fill, note) in one batch, into `sheets`. Fills through
 * getCellProperties (ExcelApi 1.9), else RangeFill.color (1.1: no fill and
 * white both read "#FFFFFF", taken as none); notes through
 * NoteCollection.getItemOrNullObject (1.18), never getItem on a note that may be gone
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.notecollection#excel-excel-notecollection-getitemornullobject-member(1)).
 */
export async function readJournaledCells(api: OfficeApi, context: Excel.RequestContext, j: Journal, located: SheetLocation[], sheets: CurrentSheet[]): Promise<void> {
  const where = new Map(located.filter((l) => l.status === "found" && l.sheet).map((l) => [l.journalName, l]));
  const targets = j.cells.flatMap((c) => {
    const l = where.get(c.sheet);
    const p = parseA1(c.cell);
    if (!l || !p || p.row + l.rows < 0 || p.col + l.cols < 0) return [];
    return [{ sheet: l.sheet!, addr: a1(p.row + l.rows, p.col + l.cols) }];
  });
  // A batch of a few hundred bytes a cell: CELLS_A_BATCH keeps each well inside Excel on the web's 5 MB.
  for (let i = 0; i < targets.length; i += CELLS_A_BATCH) await readBatch(api, context, targets.slice(i, i + CELLS_A_BATCH), sheets);
}

const CELLS_A_BATCH = 2000;

/** One batch of cells; should Excel refuse it for its size (long notes, long texts), in halves (syncInHalves). */
async function readBatch(api: OfficeApi, context: Excel.RequestContext, targets: { sheet: string; addr: string }[], sheets: CurrentSheet[]): Promise<void> {
  const queue = ({ sheet, addr }: { sheet: string; addr: string }) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const range = ws.getRange(addr).load("values,formulas,valueTypes,numberFormat");
    const props = has(api, "cellProperties") ? range.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : null;
    const fill = props ? null : range.format.fill.load("color");
    const note = has(api, "notes") ? ws.notes.getItemOrNullObject(addr).load("content") : null;
    return { sheet, addr, range, props, fill, note };
  };
  const reads = await syncInHalves(context, targets, queue, (t) => new AddinError(`单元格 ${t.sheet}!${t.addr} 的内容超出 Excel 网页版单次读取 5 MB 的上限，无法读取。请在桌面版 Excel 中打开此工作簿后重试。`, `one cell over the 5 MB response limit: ${t.sheet}!${t.addr}`));
  for (const r of reads) {
    const s = sheets.find((x) => x.name === r.sheet)!;
    const fmt = (r.range.numberFormat as string[][])[0][0];
    const snap = officeCell((r.range.values as unknown[][])[0][0], (r.range.formulas as unknown[][])[0][0], (r.range.valueTypes as string[][])[0][0], fmt);
    let fill: string | null;
    if (r.props) {
      const f = r.props.value[0][0].format?.fill;
      fill = f && f.pattern !== "None" && f.color ? `FF${f.color.replace("#", "").toUpperCase()}` : null;
    } else {
      const color = r.fill!.color?.toUpperCase() ?? null;
      fill = !color || color === "#FFFFFF" ? null : `FF${color.replace("#", "")}`;
    }
    s.cells[r.addr] = {
      value: snap ? (snap.error ?? snap.value) : null,
      formula: snap?.formula ?? null,
      numFmt: fmt && fmt !== "General" ? fmt : null,
      fill,
      ...(r.note ? { note: r.note.isNullObject ? null : r.note.content } : {}),
    };
  }
}
