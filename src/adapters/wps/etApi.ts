/**
 * The members of WPS 表格's ET object model that the add-in uses, and nothing
 * more. Names and shapes follow et-jsapi-declare@2.5.0 (types its authors
 * derived from WPS's C++ code); test/wpsTypes.typecheck.ts asserts that its
 * `Et.*` types are assignable to these, so the in-memory host (which
 * implements these) offers only members WPS has. Where builds are reported to
 * differ (docs/wps-addin.md §3–4, marked U), the type admits both forms:
 * `Address` as a method or a property, `Count` or `count`.
 *
 * Every call through these is a synchronous round trip to WPS: budget them.
 */

/** A value as Value2 gives it: a scalar for one cell, a 2-D array (or, on some builds, 1-D for one row) otherwise. */
export type EtValue = unknown;

/** Range.Address: typed a method in et-jsapi-declare, a property on some builds [P3]. */
export type EtAddress = string | ((RowAbsolute?: boolean, ColumnAbsolute?: boolean) => string);

export interface EtCounted {
  readonly Count?: number;
  /** Some builds spell it lower-case [P3] (U). */
  readonly count?: number;
}

export interface EtFont {
  Bold: boolean | null;
}

export interface EtInterior {
  /** BGR integer: R + G·256 + B·65536; null when the cells differ. */
  Color: unknown;
  /** xlNone (−4142) clears the fill. */
  ColorIndex: unknown;
  /** xlPatternSolid = 1, xlNone = −4142; null when the cells differ. */
  Pattern: unknown;
}

export interface EtComment {
  /** Text() reads; Text(t) replaces the whole text (Start omitted). */
  Text(Text?: string): string;
  Delete(): void;
}

export interface EtComments extends EtCounted {
  Item(Index: number): EtComment;
}

/** Range.Areas: the rectangles of a range of several areas ("A1:A4,C7" has two) [E lib.et.d.ts Areas]. */
export interface EtAreas extends EtCounted {
  Item(Index: number): EtRange;
}

export interface EtRange extends EtCounted {
  Value2: EtValue;
  Formula: unknown;
  readonly Text: unknown;
  NumberFormat: unknown;
  MergeCells: unknown;
  readonly MergeArea: EtRange;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: EtRange;
  readonly Columns: EtRange;
  readonly Address: EtAddress;
  readonly Areas: EtAreas;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  readonly Comment: EtComment | null;
  AddComment(Text?: string): EtComment;
  ClearComments(): void;
  Clear(): unknown;
  Select(): unknown;
  ColumnWidth: unknown;
  RowHeight: unknown;
  WrapText: unknown;
  VerticalAlignment: unknown;
}

export interface EtWorksheet {
  Name: string;
  /** XlSheetVisibility: −1 visible, 0 hidden, 2 very hidden. */
  Visible: number;
  readonly UsedRange: EtRange;
  Range(Cell1: string): EtRange;
  readonly ProtectContents: boolean;
  readonly Comments: EtComments;
  readonly Index: number;
  Activate(): void;
  Delete(): void;
}

export interface EtSheets extends EtCounted {
  /** 1-based index or name; a name gives one sheet, an array of names a Sheets. */
  Item(Index: string | number): EtWorksheet | EtSheets;
  Add(Before?: unknown, After?: unknown): EtWorksheet;
}

export interface EtCustomXMLPart {
  readonly XML: string;
  readonly NamespaceURI: string;
  readonly Id: string;
  Delete(): void;
}

export interface EtCustomXMLParts extends EtCounted {
  Item(Index: string | number): EtCustomXMLPart;
  Add(XML?: string): EtCustomXMLPart;
  SelectByNamespace(NamespaceURI: string): EtCustomXMLParts;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtSheets;
  readonly ActiveSheet: EtWorksheet;
  readonly ReadOnly: boolean;
  readonly ProtectStructure: boolean;
  readonly CustomXMLParts: EtCustomXMLParts;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook;
  ScreenUpdating: boolean;
  EnableEvents: boolean;
  DisplayAlerts: boolean;
  /** XlCalculation: −4105 automatic, −4135 manual, 2 semi-automatic. */
  Calculation: number;
  readonly Version: string;
  readonly Build: number;
}

/**
 * The add-in root's events (wps.ApiEvent, WPS.EtAddonRoot in et-jsapi-declare [E]). SheetChange
 * is called with the sheet and the changed range; the declaration types the second argument as a
 * worksheet (a slip in it), so the watcher reads it as unknown and asks it for its Address.
 */
export interface EtApiEvents {
  AddApiEventListener(EventName: "SheetChange", callback: (Sh: EtWorksheet, Target: unknown) => void): void;
  RemoveApiEventListener(EventName: "SheetChange", callback?: (Sh: EtWorksheet, Target: unknown) => void): void;
}

/** The add-in's root (`window.wps`/`window.Application`): the ET application itself, or through EtApplication, a function in wps-jsapi, a property in et-jsapi-declare (U). */
export interface EtRoot {
  EtApplication?: EtApplication | (() => EtApplication);
  /** Absent on a build without events: 自动核查 is then off. */
  ApiEvent?: EtApiEvents;
}

/** Numeric constants (Application.Enum is not guaranteed and `Et.*` enums do not exist at run time). */
export const XL = {
  none: -4142,
  patternSolid: 1,
  visible: -1,
  hidden: 0,
  veryHidden: 2,
  calcAutomatic: -4105,
  calcManual: -4135,
  vAlignTop: -4160,
} as const;
