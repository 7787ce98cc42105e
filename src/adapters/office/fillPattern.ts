/**
 * Patterned fills (Format Cells › Fill › Pattern style). The journal's `fill` is a solid colour
 * (ARGB), the same for files and for Excel; a template cell's pattern is kept beside it in the
 * journal entry's adapter-specific `fillRaw` ({ excel: … }), so that 清除标记 and 撤销 give back the
 * pattern and not its colour alone. Read with Range.getCellProperties and written with
 * RangeFill.pattern / patternColor, all ExcelApi 1.9:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangefill#excel-excel-rangefill-pattern-member
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.cellpropertiesfillloadoptions
 * Below 1.9 a pattern cannot be read: it comes back solid (README says so).
 */
export interface FillPattern {
  /** Excel.FillPattern other than "Solid" and "None", e.g. "Gray50", "LinearGradient". */
  pattern: string;
  /** "#RRGGBB" of the pattern's lines, when Excel gives one. */
  patternColor: string | null;
}

export interface ExcelFillRaw {
  excel: FillPattern;
}

/** The pattern of a cell's fill as getCellProperties reports it; null for a solid fill or none. */
export function patternOf(f: { pattern?: string; patternColor?: string } | undefined): FillPattern | null {
  if (!f?.pattern || f.pattern === "Solid" || f.pattern === "None") return null;
  return { pattern: f.pattern, patternColor: f.patternColor ?? null };
}

/** A journal entry's `fillRaw` for a pattern (absent for solid fills). */
export function fillRawOf(p: FillPattern | null | undefined): { fillRaw?: ExcelFillRaw } {
  return p ? { fillRaw: { excel: p } } : {};
}

/** The pattern kept in a journal entry, if it holds one of ours. */
export function patternInRaw(raw: unknown): FillPattern | null {
  const p = (raw as Partial<ExcelFillRaw> | undefined)?.excel;
  return p && typeof p.pattern === "string" ? p : null;
}
