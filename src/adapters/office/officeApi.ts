/**
 * The two things the Office adapter needs from its host: running a batch and
 * asking which requirement sets are there. Production binds them to Excel.run
 * and Office.context.requirements; tests bind them to the in-memory host.
 */
export type RunFn = <T>(options: Excel.RunOptions | null, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeApi {
  run: RunFn;
  isSetSupported(name: string, version: string): boolean;
  /** Excel.run(context, batch): a batch in an earlier batch's context (to remove its event handlers). */
  rerun?: <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
}

/** The running Excel (only inside Office). */
export function excelApi(): OfficeApi {
  return patientOf({
    run: (options, batch) => (options ? Excel.run(options, batch) : Excel.run(batch)),
    rerun: (context, batch) => Excel.run(context, batch),
    // Outside Office (a page opened in a browser) there are no requirements: nothing is supported.
    isSetSupported: (name, version) => {
      try {
        return !!Office.context?.requirements?.isSetSupported(name, version);
      } catch {
        return false;
      }
    },
  });
}

/**
 * Every batch the add-in runs, as Excel should run it while a person types:
 * with RunOptions.delayForCellEdit where ExcelApi 1.11 is there (Excel then waits
 * for the edit to end instead of failing the batch;
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions), plain
 * below. A host that fails it anyway (InvalidOperationInCellEditMode: below 1.11,
 * or a platform that ignores the option, which the page does not rule out) gets
 * one Chinese message, at once: a click is never kept waiting. 自动核查 retries
 * on it (autoCheck.ts).
 */
export function patientOf(raw: OfficeApi): OfficeApi {
  const convert = (e: unknown) => {
    throw isCellEditRefusal(e) ? cellEditError(e) : e;
  };
  return {
    ...raw,
    run: (options, batch) => {
      const opts = has(raw, "cellEditDelay") ? { ...(options ?? {}), delayForCellEdit: true } : options;
      return raw.run(opts, batch).catch(convert);
    },
    ...(raw.rerun ? { rerun: (context, batch) => raw.rerun!(context, batch).catch(convert) } : {}),
  };
}

/** Excel refused a batch because a cell is being edited (Excel.ErrorCodes.invalidOperationInCellEditMode). */
export const isCellEditRefusal = (e: unknown) => (e as { code?: string })?.code === "InvalidOperationInCellEditMode";

export const CELL_EDIT_ZH = "Excel 正在编辑单元格，暂时无法读写工作簿。请先结束单元格编辑（按 Enter 或 Esc），再点一次。";

function cellEditError(e: unknown): AddinError {
  return new AddinError(CELL_EDIT_ZH, `Excel is in cell edit mode: ${(e as Error)?.message ?? e}`, "cell-edit");
}

/**
 * Requirement sets the add-in uses beyond its declared minimum, each from its
 * member's reference page (https://learn.microsoft.com/en-us/javascript/api/excel/…):
 * Workbook.protection and Worksheet.onChanged 1.7, Range.getCellProperties, RangeFill.pattern and
 * Worksheet.pageLayout 1.9, Worksheet.getRanges and RangeAreas.select 1.9
 * (excel.worksheet#getranges, excel.rangeareas), Workbook.comments 1.10 (excel.commentcollection),
 * Range.getMergedAreasOrNullObject 1.13, NoteCollection 1.18, RunOptions.mergeUndoGroup 1.20,
 * Workbook.customXmlParts 1.5; RunOptions.delayForCellEdit names no set on its page
 * (excel.runoptions): it is passed from 1.11, the set it came with.
 */
export const FEATURES = {
  workbookProtection: ["ExcelApi", "1.7"],
  events: ["ExcelApi", "1.7"],
  cellProperties: ["ExcelApi", "1.9"],
  fillPattern: ["ExcelApi", "1.9"],
  pageLayout: ["ExcelApi", "1.9"],
  rangeAreas: ["ExcelApi", "1.9"],
  threadedComments: ["ExcelApi", "1.10"],
  mergedAreas: ["ExcelApi", "1.13"],
  notes: ["ExcelApi", "1.18"],
  undoGroup: ["ExcelApi", "1.20"],
  customXml: ["ExcelApi", "1.5"],
  cellEditDelay: ["ExcelApi", "1.11"],
} as const;

export type Feature = keyof typeof FEATURES;

export function has(api: OfficeApi, f: Feature): boolean {
  const [name, version] = FEATURES[f];
  return api.isSetSupported(name, version);
}

/** A user-facing failure: Chinese for the pane, English for the log. */
export class AddinError extends Error {
  constructor(
    readonly zh: string,
    en: string,
    readonly code: "protected" | "read-only" | "no-tables" | "cell-edit" | "excel" = "excel",
  ) {
    super(en);
    this.name = "AddinError";
  }
}
