import type { HostDocument, HostSheet } from "../excelHost/document";

/**
 * What the in-memory ET host refuses, each rule with its source: VBA's
 * documentation of Excel's object model (learn.microsoft.com/office/vba/api/…),
 * which WPS's ET model copies member for member [E], or the design notes'
 * tags (docs/wps-addin.md §5). ET raises plain exceptions: no Office `code`
 * [P3] (U), so the host throws a bare Error.
 */
export const etError = (message: string) => new Error(message);

/** ErrorValue.xlErr* as COM carries them (CVErr: 0x800A0000 + xlErr), for the "com" quirk. */
export const COM_ERRORS: Record<string, number> = {
  "#NULL!": -2146826288,
  "#DIV/0!": -2146826281,
  "#VALUE!": -2146826273,
  "#REF!": -2146826265,
  "#NAME?": -2146826259,
  "#NUM!": -2146826252,
  "#N/A": -2146826246,
};

/**
 * A protected sheet (Worksheet.ProtectContents) refuses changes to its cells
 * and their formats (excel.worksheet.protectcontents; excel.worksheet.protect:
 * AllowFormattingCells defaults to False).
 */
export function guardProtected(s: HostSheet): void {
  if (s.protected) throw etError(`The cell or chart you're trying to change is on a protected sheet (${s.name}).`);
}

/** Workbook.ProtectStructure: no sheet added, deleted, hidden or shown (excel.workbook.protectstructure). */
export function guardStructure(doc: HostDocument, what: string): void {
  if (doc.structureProtected) throw etError(`The workbook's structure is protected: ${what} is not allowed.`);
}

/**
 * Sheet names: at most 31 characters, none of : \ / ? * [ ], not blank, and
 * unique regardless of case (Excel's rules, which WPS shares; Worksheet.Name:
 * excel.worksheet.name; docs/wps-addin.md §5 rule 10).
 */
export function guardSheetName(doc: HostDocument, name: string, self: HostSheet | null): void {
  if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) throw etError(`Invalid sheet name: ${name}`);
  if (doc.sheets.some((s) => s !== self && s.name.toLocaleUpperCase() === name.toLocaleUpperCase())) throw etError(`That name is already taken: ${name}`);
}

/** XlSheetVisibility (excel.xlsheetvisibility): −1 visible, 0 hidden, 2 very hidden. */
export const VISIBILITY: Record<number, HostSheet["visibility"]> = { [-1]: "Visible", 0: "Hidden", 2: "VeryHidden" };
export const VISIBLE_OF: Record<HostSheet["visibility"], number> = { Visible: -1, Hidden: 0, VeryHidden: 2 };

/** A workbook keeps one visible sheet at least: hiding or deleting the last one fails (docs/wps-addin.md §5 rule 10). */
export function guardLastVisible(doc: HostDocument, s: HostSheet): void {
  if (s.visibility === "Visible" && doc.sheets.filter((x) => x.visibility === "Visible").length === 1) throw etError("A workbook must contain at least one visible worksheet.");
}

/** "#RRGGBB" ↔ BGR integer R + G·256 + B·65536 (Interior.Color; the RGB function, MS-VBAL [M-RGB]). */
export function bgrOf(hex: string): number {
  const n = parseInt(hex.replace("#", ""), 16);
  return ((n >> 16) & 0xff) + ((n >> 8) & 0xff) * 256 + (n & 0xff) * 65536;
}

export function hexOf(bgr: number): string {
  const r = bgr & 0xff, g = (bgr >> 8) & 0xff, b = (bgr >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, "0")).join("").toUpperCase()}`;
}
