import { a1 } from "../../engine/address";
import type { EtApplication, EtCounted, EtRange, EtRoot, EtSheets, EtWorksheet } from "./etApi";

/**
 * The few places where WPS builds are reported to differ (docs/wps-addin.md
 * §3–4, U), each read in a way that works either way, so the adapter never
 * depends on one build's shape.
 */

/** The ET application: wps.EtApplication (a function [J] or a property [E]), else the root itself (window.Application). */
export function etApplicationOf(root: EtRoot & Partial<EtApplication>): EtApplication {
  const e = root.EtApplication;
  if (typeof e === "function") return e();
  if (e && typeof e === "object") return e;
  return root as EtApplication;
}

/** Count or count (one call either way on a build that has it). */
export function countOf(x: EtCounted): number {
  const n = x.Count;
  if (typeof n === "number") return n;
  const m = x.count;
  if (typeof m === "number") return m;
  throw new Error("WPS gave no Count/count for a collection");
}

/** Range.Address as text without "$" and sheet: a method [E] or a property [P3]. */
export function addressOf(r: EtRange): string {
  const a = r.Address;
  const text = typeof a === "function" ? a.call(r, false, false) : a;
  return String(text).replace(/\$/g, "").replace(/^.*!/, "");
}

/** Worksheets.Item(i or name) is typed Worksheet | Sheets [E]: one index or name gives one sheet. */
export function sheetItem(sheets: EtSheets, index: number | string): EtWorksheet {
  return sheets.Item(index) as EtWorksheet;
}

/**
 * A block read (Value2, Formula) as rows × cols: a scalar for one cell, 2-D
 * otherwise, or 1-D for a single row on builds that flatten it (U; pi-for-excel
 * normalises all three [P4]).
 */
export function asGrid(v: unknown, rows: number, cols: number): unknown[][] {
  if (rows === 1 && cols === 1 && !Array.isArray(v)) return [[v]];
  if (Array.isArray(v) && v.length && !Array.isArray(v[0]) && rows === 1) return [v];
  if (Array.isArray(v) && v.length === rows && v.every((r) => Array.isArray(r) && r.length === cols)) return v as unknown[][];
  throw new Error(`WPS gave a block of unexpected shape for ${rows}×${cols} cells`);
}

/** An empty cell reaches JS as undefined, null or "" (U): all three read as empty. */
export const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/** COM error integers (CVErr: 0x800A0000 + xlErr), should WPS pass errors as numbers (U). */
const COM_ERRORS = new Map<number, string>([
  [-2146826288, "#NULL!"],
  [-2146826281, "#DIV/0!"],
  [-2146826273, "#VALUE!"],
  [-2146826265, "#REF!"],
  [-2146826259, "#NAME?"],
  [-2146826252, "#NUM!"],
  [-2146826246, "#N/A"],
]);
const ERROR_TEXT = /^#(DIV\/0!|VALUE!|REF!|NAME\?|N\/A|NUM!|NULL!)$/;

/**
 * Whether a Value2 value may be an error: an error literal (text encoding) or
 * one of the COM error integers (numeric encoding); Range.Text then says which [E].
 */
export function maybeError(v: unknown): boolean {
  return (typeof v === "string" && ERROR_TEXT.test(v)) || (typeof v === "number" && COM_ERRORS.has(v));
}

/** The error a cell's Text shows, or null when the value is not an error after all. */
export function errorFromText(text: unknown): string | null {
  return typeof text === "string" && ERROR_TEXT.test(text) ? text : null;
}

/** Runs of cells (row by row, then equal runs of consecutive rows) as ranges: one format call each instead of one per cell. */
export function runsOf(cells: { row: number; col: number }[]): string[] {
  const byRow = new Map<number, number[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c.col]);
  const spans: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(row)!)].sort((a, b) => a - b);
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const prev = spans.find((s) => s.bottom === row - 1 && s.left === cols[i] && s.right === cols[j]);
      if (prev) prev.bottom = row;
      else spans.push({ top: row, bottom: row, left: cols[i], right: cols[j] });
      i = j + 1;
    }
  }
  return spans.map((s) => (s.top === s.bottom && s.left === s.right ? a1(s.top, s.left) : `${a1(s.top, s.left)}:${a1(s.bottom, s.right)}`));
}

