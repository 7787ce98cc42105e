/**
 * A workbook snapshot: what the engine needs of a workbook, and nothing of
 * Office.js or ExcelJS. Adapters build it in one read; the engine never sees
 * a live object.
 */

import type { Journal } from "./journal";

export type CellScalar = string | number | boolean | null;

export interface SnapshotCell {
  /** The cell's value, or a formula's cached result. */
  value: CellScalar;
  /** Formula text without the leading "=", when the cell holds one. */
  formula?: string;
  /** Error literal such as "#DIV/0!" when the value is an Excel error. */
  error?: string;
  /** True when the adapter met a date; a date is never read as a number. */
  date?: boolean;
}

/** 0-based, inclusive rectangle on one sheet. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /** 0-based row and column of cells[0][0] (the used range's top-left). */
  top: number;
  left: number;
  cells: (SnapshotCell | null)[][];
  merges: CellRange[];
  visibility?: "visible" | "hidden" | "veryHidden";
  protected?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /**
   * The add-in's undo journal when the adapter keeps it outside the sheets
   * (Office: a custom XML part). Files keep it in a very-hidden sheet, read
   * from `sheets`.
   */
  journal?: Journal | null;
}

/** A position on a sheet, 0-based. */
export interface CellPos {
  sheet: string;
  row: number;
  col: number;
}
