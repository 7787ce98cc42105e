import { a1 } from "../../engine/address";
import type { ResultsCell, ResultsSheet } from "../../engine/plan";
import { cellXml } from "./sheetEdit";
import type { StyleBook } from "./styleBook";
import { escText } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Print setup of contract D (present once the plan carries it). */
interface PrintSetup {
  orientation: "landscape";
  paper: "A4";
  fitToWidth: number;
}

const quoteSheet = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A link to a cell: a HYPERLINK formula whose cached result is the text shown. */
function linkFormula(c: ResultsCell): string {
  const target = `#${quoteSheet(c.link!.sheet)}!${c.link!.cell}`.replace(/"/g, '""');
  return `HYPERLINK("${target}","${String(c.value).replace(/"/g, '""')}")`;
}

/** The 「核查结果」 worksheet part, written whole (it is ours). */
export function resultsSheetXml(r: ResultsSheet, styles: StyleBook): string {
  const print = (r as ResultsSheet & { print?: PrintSetup }).print;
  const anyWrap = r.cells.some((c) => (c as ResultsCell & { wrap?: boolean }).wrap !== undefined);
  // Wrapped text gets its height from the plan: neither Excel nor LibreOffice autofits rows on open.
  const heights = new Map((r.rowHeights ?? []).map((h) => [h.row, h.points]));
  const rows = new Map<number, ResultsCell[]>();
  for (const c of r.cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  let maxRow = 0, maxCol = 0;
  const body = [...rows.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = rows
        .get(row)!
        .sort((a, b) => a.col - b.col)
        .map((c) => {
          maxRow = Math.max(maxRow, c.row);
          maxCol = Math.max(maxCol, c.col);
          const wrap = anyWrap ? !!(c as ResultsCell & { wrap?: boolean }).wrap : c.col === 3;
          const style = styles.derive(0, { ...(c.bold ? { font: "bold" as const } : c.link ? { font: "link" as const } : {}), ...(c.numFmt ? { numFmt: c.numFmt } : {}), ...(wrap ? { wrap: true } : {}) });
          // Text copied from a workbook is an inline string here, never a formula.
          const write = c.link ? { value: String(c.value), formula: linkFormula(c) } : { value: c.value, formula: null };
          return cellXml("", c.row, c.col, style, write);
        })
        .join("");
      const ht = heights.get(row);
      return `<row r="${row + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ""}>${cells}</row>`;
    })
    .join("");
  const cols = r.columnWidths.length ? `<cols>${r.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>` : "";
  const sheetPr = print ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "";
  const setup = print ? `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="${print.fitToWidth}" fitToHeight="0"/>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheetPr}<dimension ref="A1:${a1(maxRow, maxCol)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${body}</sheetData>${setup}</worksheet>`
  );
}
void escText;
