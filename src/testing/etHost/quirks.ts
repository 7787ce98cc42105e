/**
 * What WPS 表格 does where nothing public says (docs/wps-addin.md, items
 * marked U): one flag per behaviour, so that the add-in is tested under each
 * outcome (test/wpsQuirks.test.ts runs the suite under every flag). The
 * defaults are the outcome that VBA's documentation describes, or, where
 * Excel's COM model is silent too, the one the design notes name first.
 */
export interface EtQuirks {
  /** Value2/Formula of a single row: 2-D (VBA's Variant array) or 1-D, as pi-for-excel normalises for [P4]. */
  singleRow: "2d" | "1d";
  /** A cell's error value: the literal ("#DIV/0!") or the COM error integer (CVErr: 0x800A07D7 …) [E: Range.Text for errors]. */
  errors: "text" | "com";
  /** An empty cell in Value2: VBA's Empty reaches JS as undefined, null or "" (not documented). */
  empty: "undefined" | "null" | "";
  /** Range.Address: a method in et-jsapi-declare [E], a property on some builds [P3]. */
  address: "method" | "property";
  /** wps.EtApplication: a function in wps-jsapi [J], a property in et-jsapi-declare [E] [P3]. */
  etApplication: "function" | "property";
  /** Collections' count: `Count` [E] or `count` on some builds [P3]. */
  count: "Count" | "count";
  /** Whether custom XML parts survive WPS saving the workbook (.xlsx/.et) (docs/wps-addin.md §8.5). */
  customXmlSurvivesSave: boolean;
  /**
   * Range("A1:A4,C7"), a range of several areas: taken as in Excel's COM model ("Refer to multiple
   * ranges", https://learn.microsoft.com/en-us/office/vba/excel/concepts/cells-and-ranges/refer-to-multiple-ranges;
   * Application.Union), or refused with an exception (WPS: not documented).
   */
  unionAddress: "accepted" | "refused";
  /** A format, a value or ClearComments written to such a range: every area, as in Excel, or the first area only (WPS: not documented). */
  unionWrites: "all" | "first-area";
  /** MergeCells, NumberFormat, Interior, Font.Bold … of such a range: every area's common value (Null when they differ), as in Excel, or the first area's (WPS: not documented). */
  unionReads: "all" | "first-area";
}

export const DEFAULT_QUIRKS: EtQuirks = {
  singleRow: "2d",
  errors: "text",
  empty: "undefined",
  address: "method",
  etApplication: "function",
  count: "Count",
  customXmlSurvivesSave: true,
  unionAddress: "accepted",
  unionWrites: "all",
  unionReads: "all",
};

/** Every flag's other outcome, one at a time: the quirk matrix. */
export const QUIRK_VARIANTS: [string, Partial<EtQuirks>][] = [
  ["1-D single rows", { singleRow: "1d" }],
  ["COM error integers", { errors: "com" }],
  ["null for empty cells", { empty: "null" }],
  ['"" for empty cells', { empty: "" }],
  ["Address as a property", { address: "property" }],
  ["EtApplication as a property", { etApplication: "property" }],
  ["lower-case count", { count: "count" }],
  ["custom XML parts dropped on save", { customXmlSurvivesSave: false }],
  ["multi-area ranges refused", { unionAddress: "refused" }],
  ["multi-area writes to the first area only", { unionWrites: "first-area" }],
  ["multi-area reads of the first area only", { unionReads: "first-area" }],
];
