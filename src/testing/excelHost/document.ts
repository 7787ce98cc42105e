/**
 * The document an in-memory Excel host holds: plain, JSON-serialisable data,
 * so the same workbook can be loaded in jest and in the browser test page.
 */
export interface HostCell {
  value?: string | number | boolean | null;
  /** Formula as Excel shows it, with the leading "=". */
  formula?: string;
  /** Error literal such as "#DIV/0!". */
  error?: string;
  numberFormat?: string;
  /** "#RRGGBB", or absent for no fill. */
  fill?: string;
  /** The fill's pattern (Excel.FillPattern, e.g. "Gray50"; absent: solid) and its lines' colour (RangeFill, ExcelApi 1.9). */
  pattern?: string;
  patternColor?: string;
  bold?: boolean;
  fontColor?: string;
  note?: string;
  /**
   * A threaded comment's text (Review › New Comment; Excel's "comments", not its notes):
   * Workbook.comments, ExcelApi 1.10, https://learn.microsoft.com/en-us/javascript/api/excel/excel.commentcollection
   */
  comment?: string;
  /** Comment.id: kept while the comment moves with its cell (given by the host when absent). */
  commentId?: string;
  hyperlink?: string;
  /** Format › Wrap text (layout; recorded so tests can see it). */
  wrap?: boolean;
}

export interface HostSheet {
  name: string;
  /**
   * Worksheet.id: "a value that uniquely identifies the worksheet in a given
   * workbook. The value of the identifier remains the same even when the
   * worksheet is renamed or moved." (ExcelApi 1.1)
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member
   * Given by the host when the document has none.
   */
  id?: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  /** Cells by A1 address. */
  cells: Record<string, HostCell>;
  /** Merged areas, "A2:G2". */
  merges: string[];
  columnWidths?: Record<number, number>;
  /** Page setup (Worksheet.pageLayout, ExcelApi 1.9). */
  pageLayout?: { orientation?: string; paperSize?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number }; printTitleRows?: string };
  /** Row heights in points set by the add-in, by 0-based row. */
  rowHeights?: Record<number, number>;
}

export interface HostDocument {
  sheets: HostSheet[];
  customXmlParts: { id: string; namespace: string; xml: string }[];
  /** The selection, as the add-in last set it. */
  selection: { sheet: string; address: string } | null;
  activeSheet: string | null;
  /** Workbook structure protected (Review › Protect Workbook): no sheet may be added, deleted, hidden or shown. */
  structureProtected?: boolean;
}

export function emptyDocument(): HostDocument {
  return { sheets: [], customXmlParts: [], selection: null, activeSheet: null };
}

export function cloneDocument(d: HostDocument): HostDocument {
  return JSON.parse(JSON.stringify(d)) as HostDocument;
}
