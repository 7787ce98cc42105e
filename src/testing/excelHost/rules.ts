import type { HostDocument, HostSheet } from "./document";

/**
 * What Excel refuses, in one place, each rule with the Microsoft page that
 * documents it. The host (host.ts) calls these; where Excel's documentation is
 * silent, the comment says which outcome the host chose and why the add-in
 * must survive both.
 */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

/**
 * Excel on the web limits each request and each response to 5 MB and fails the
 * batch with RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/**
 * Range.getMergedAreasOrNullObject: "if the merged areas count in this range is
 * more than 512, then this method will fail to return the result".
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)
 * The page names no error code; the host fails the batch with GeneralException.
 */
export const MERGED_AREAS_LIMIT = 512;

/**
 * The requirement set of every API above ExcelApi 1.1 that the add-in calls
 * (minor version of ExcelApi), from each member's reference page
 * (https://learn.microsoft.com/en-us/javascript/api/excel/…, "[Api set: ExcelApi 1.x]").
 */
export const API_SETS = {
  "Range.format.columnWidth": 2, // excel.rangeformat#columnwidth (ExcelApi 1.2)
  "Range.format.rowHeight": 2, // excel.rangeformat#rowheight (ExcelApi 1.2)
  "Worksheet.getUsedRangeOrNullObject": 4, // excel.worksheet#getusedrangeornullobject
  "WorksheetCollection.getItemOrNullObject": 4, // excel.worksheetcollection#getitemornullobject
  "WorksheetCollection.getCount": 4, // excel.worksheetcollection#getcount
  "Worksheet.getNextOrNullObject": 5, // excel.worksheet#getnextornullobject
  "Workbook.customXmlParts": 5, // excel.workbook#customxmlparts
  "Workbook.protection": 7, // excel.workbook#protection (WorkbookProtection)
  "Worksheet.onChanged": 7, // excel.worksheet#onchanged
  "Range.getCellProperties": 9, // excel.range#getcellproperties
  "RangeFill.pattern": 9, // excel.rangefill#pattern, #patterncolor
  "Worksheet.getRanges": 9, // excel.worksheet#getranges, returning excel.rangeareas (RangeAreas.select): ExcelApi 1.9
  "Worksheet.pageLayout": 9, // excel.worksheet#pagelayout
  "Workbook.comments": 10, // excel.workbook#comments (CommentCollection, excel.commentcollection)
  "Worksheet.comments": 10, // excel.worksheet#comments
  "Range.getMergedAreasOrNullObject": 13, // excel.range#getmergedareasornullobject
  "Worksheet.notes": 18, // excel.notecollection (ExcelApi 1.18)
  "RunOptions.mergeUndoGroup": 20, // excel.runoptions#mergeundogroup
} as const;

/**
 * Cell-edit mode: while a person is typing in a cell, Excel fails a batch with
 * InvalidOperationInCellEditMode (Excel.ErrorCodes.invalidOperationInCellEditMode,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.errorcodes;
 * https://learn.microsoft.com/en-us/office/dev/add-ins/testing/application-specific-api-error-handling),
 * unless the batch runs with RunOptions.delayForCellEdit, which delays it until the
 * edit ends: "When false, if the user is in cell edit when the batch request is
 * processed by the host, the batch automatically fails. When true, ... the batch
 * request is delayed until the user exits cell edit mode."
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions
 * The page names no requirement set for delayForCellEdit (the add-in passes it from
 * ExcelApi 1.11, the set it came with), nor says every platform honours it: a host
 * that ignores it (HostOptions.ignoresCellEditDelay, or below ExcelApi 1.11) fails
 * the batch as without it, and the add-in must survive both.
 */
export const CELL_EDIT_DELAY_API = 11;

export function cellEditRefusal(): HostError {
  return new HostError("InvalidOperationInCellEditMode", "The operation isn't available while Excel is in cell edit mode.");
}

export type GatedApi = keyof typeof API_SETS;

/**
 * An API called on a host that lacks its requirement set: the method is not
 * there (office.js reports ApiNotFound).
 * https://learn.microsoft.com/en-us/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements
 */
export function requireApi(excelApi: number, api: GatedApi): void {
  const minor = API_SETS[api];
  if (excelApi < minor) throw new HostError("ApiNotFound", `${api} needs ExcelApi 1.${minor}; this Excel has 1.${excelApi}`);
}

/**
 * Sheet names compare case-insensitively in Excel: getItem("sheet1") finds
 * "Sheet1", and add("SHEET1") fails with ItemAlreadyExists.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1)
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)
 */
export const sameSheetName = (a: string, b: string) => a.toLocaleUpperCase() === b.toLocaleUpperCase();

export function findSheet(doc: HostDocument, name: string): HostSheet | null {
  return doc.sheets.find((s) => sameSheetName(s.name, name)) ?? null;
}

/**
 * A protected sheet refuses changes to cells, their formats, column widths and
 * notes (objects), since the default WorksheetProtectionOptions allow none of
 * them (allowFormatCells, allowFormatColumns, allowEditObjects are false).
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotectionoptions
 */
export function guardProtected(s: HostSheet, what = "cell"): void {
  if (s.protected) throw new HostError("AccessDenied", `The ${what} you're trying to change is on a protected sheet (${s.name}).`);
}

/**
 * A protected workbook structure refuses adding, deleting, hiding and
 * unhiding sheets.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbookprotection
 */
export function guardStructure(doc: HostDocument, what: string): void {
  if (doc.structureProtected) throw new HostError("AccessDenied", `The workbook's structure is protected: ${what} is not allowed.`);
}

/**
 * Worksheet.delete: "if the worksheet's visibility is set to VeryHidden, the
 * delete operation will fail with an InvalidOperation exception. You should
 * first change its visibility to hidden or visible before deleting it."
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
 */
export function guardDelete(s: HostSheet): void {
  if (s.visibility === "VeryHidden") throw new HostError("InvalidOperation", `Cannot delete the very hidden sheet ${s.name}; make it hidden or visible first.`);
}

/**
 * A note (NoteCollection.add, ExcelApi 1.18) on a cell that holds a threaded comment: Excel's
 * pages do not say what happens (in Excel's UI a cell holds one or the other:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.notecollection#excel-excel-notecollection-add-member(1),
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.commentcollection).
 * The host refuses it by default (InvalidArgument, failing the batch, the harder case) and, with
 * HostOptions.noteBesideComment "allow", keeps both; the add-in never adds a note there.
 */
export function guardNoteBesideComment(cell: { comment?: string }, address: string, allow: boolean): void {
  if (cell.comment !== undefined && !allow) throw new HostError("InvalidArgument", `The cell ${address} holds a threaded comment; a note cannot be added there.`);
}

/**
 * Worksheet.activate ("Activate the worksheet in the Excel UI", ExcelApi 1.1:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-activate-member(1))
 * and Range.select on a hidden or very hidden sheet. The page does not say; in Excel's object
 * model activating "is equivalent to choosing the sheet's tab"
 * (https://learn.microsoft.com/en-us/office/vba/api/excel.worksheet.activate(method)), which a hidden
 * sheet does not have, and VBA fails there. The host refuses by default (InvalidOperation, failing
 * the batch) and, with HostOptions.activateHidden "allow", shows the sheet's cells as if it did;
 * the add-in never activates or selects on a hidden sheet.
 */
export function guardShown(s: HostSheet, allow: boolean): void {
  if (s.visibility !== "Visible" && !allow) throw new HostError("InvalidOperation", `The sheet ${s.name} is ${s.visibility.toLowerCase()}: it cannot be activated or selected.`);
}

/**
 * Excel's formula limits: "Length of formula contents: 8,192 characters" (Excel specifications and
 * limits, https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3),
 * and a text literal inside a formula of at most 255 characters (Excel refuses a longer one: "Text
 * values in formulas are limited to 255 characters"; longer text is joined with & or CONCATENATE).
 * Written through Range.formulas, the host fails the batch with InvalidArgument.
 */
export const FORMULA_MAX_CHARS = 8192;
export const FORMULA_LITERAL_MAX_CHARS = 255;

export function guardFormulaLimits(formula: string): void {
  if (formula.length > FORMULA_MAX_CHARS) throw new HostError("InvalidArgument", `The formula is ${formula.length} characters long (at most ${FORMULA_MAX_CHARS}).`);
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    const text = m[1].replace(/""/g, '"');
    if (text.length > FORMULA_LITERAL_MAX_CHARS) throw new HostError("InvalidArgument", `Text values in formulas are limited to ${FORMULA_LITERAL_MAX_CHARS} characters (this one has ${text.length}).`);
  }
}

/** Size in bytes of what a value costs in a request or response (Excel's wire format is JSON). */
export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return new TextEncoder().encode(JSON.stringify(v)).length;
}
