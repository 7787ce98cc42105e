import { a1, parseA1, parseRangeA1, rangeA1 } from "../../engine/address";
import type { HostDocument, HostSheet } from "./document";
import { sameSheetName } from "./rules";

/**
 * What a person does to a workbook's structure after a check, as Excel does it:
 * rows inserted or deleted, sheets renamed. These are the clerk's actions (the
 * add-in never makes them), applied outside any batch, like ExcelHost.edit.
 *
 * Rows and columns: Range.insert / Range.delete on whole rows or columns "shifts the other cells"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-insert-member(1),
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-delete-member(1)).
 * A cell moves with everything it carries (value, formula, number format,
 * fill, note), and so do merged areas, row heights and column widths. Every formula of the
 * workbook that refers to a moved cell follows it, absolute references too, as
 * in Excel's UI; a reference to a deleted cell becomes #REF!, a range losing
 * its end rows shrinks. (The reference pages do not spell out the formula
 * rewriting; the add-in's undo accepts a formula found moved or unmoved.)
 *
 * Delete: Worksheet.delete (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1));
 * a formula that named the sheet reads #REF! in Excel (modelled here as its references becoming #REF!).
 *
 * Rename: Worksheet.name is writable, and Worksheet.id "remains the same even
 * when the worksheet is renamed or moved"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member);
 * formulas that name the sheet name it by its new name.
 */

/** Map every row of a sheet through `move` (null: the row is gone). */
type RowMove = (row: number) => number | null;

export function insertRows(doc: HostDocument, sheet: HostSheet, at: number, count: number): void {
  moveRows(doc, sheet, (r) => (r >= at ? r + count : r), { at, count, deleted: false });
}

export function deleteRows(doc: HostDocument, sheet: HostSheet, at: number, count: number): void {
  moveRows(doc, sheet, (r) => (r < at ? r : r < at + count ? null : r - count), { at, count, deleted: true });
}

/** Columns inserted (0-based `at`) or deleted: as rows, along the other axis. */
export function insertColumns(doc: HostDocument, sheet: HostSheet, at: number, count: number): void {
  moveCols(doc, sheet, (c) => (c >= at ? c + count : c), { at, count, deleted: false });
}

export function deleteColumns(doc: HostDocument, sheet: HostSheet, at: number, count: number): void {
  moveCols(doc, sheet, (c) => (c < at ? c : c < at + count ? null : c - count), { at, count, deleted: true });
}

const colLetters = (col: number) => a1(0, col).replace(/\d+$/, "");
const colIndex = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

function moveCols(doc: HostDocument, sheet: HostSheet, move: RowMove, band: { at: number; count: number; deleted: boolean }): void {
  const cells: HostSheet["cells"] = {};
  for (const [addr, c] of Object.entries(sheet.cells)) {
    const p = parseA1(addr)!;
    const to = move(p.col);
    if (to !== null) cells[a1(p.row, to)] = c;
  }
  sheet.cells = cells;
  sheet.merges = sheet.merges.flatMap((m) => {
    const r = parseRangeA1(m)!;
    const moved = moveRange(r.left, r.right, move, band);
    return moved ? [rangeA1({ ...r, left: moved[0], right: moved[1] })] : [];
  });
  if (sheet.columnWidths) {
    const widths: Record<number, number> = {};
    for (const [c, w] of Object.entries(sheet.columnWidths)) {
      const to = move(Number(c));
      if (to !== null) widths[to] = w;
    }
    sheet.columnWidths = widths;
  }
  for (const s of doc.sheets) {
    for (const c of Object.values(s.cells)) {
      if (!c.formula) continue;
      c.formula = rewriteRefs(c.formula, s.name, sheet.name, (ref) => {
        const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?$/.exec(ref)!;
        const left = colIndex(m[2]);
        const right = m[6] ? colIndex(m[6]) : left;
        const moved = moveRange(left, right, move, band);
        if (!moved) return "#REF!";
        const one = `${m[1]}${colLetters(moved[0])}${m[3]}${m[4]}`;
        return m[6] ? `${one}:${m[5]}${colLetters(moved[1])}${m[7]}${m[8]}` : one;
      });
    }
  }
}

export function renameSheet(doc: HostDocument, sheet: HostSheet, name: string): void {
  if (doc.sheets.some((s) => s !== sheet && sameSheetName(s.name, name))) throw new Error(`a sheet named ${name} already exists`);
  const old = sheet.name;
  sheet.name = name;
  for (const s of doc.sheets) for (const c of Object.values(s.cells)) if (c.formula) c.formula = rewriteRefs(c.formula, s.name === name ? old : s.name, old, (ref) => ref, name);
}

export function deleteSheet(doc: HostDocument, sheet: HostSheet): void {
  doc.sheets = doc.sheets.filter((s) => s !== sheet);
  for (const s of doc.sheets) for (const c of Object.values(s.cells)) if (c.formula) c.formula = rewriteRefs(c.formula, s.name, sheet.name, () => "#REF!");
}

function moveRows(doc: HostDocument, sheet: HostSheet, move: RowMove, band: { at: number; count: number; deleted: boolean }): void {
  const cells: HostSheet["cells"] = {};
  for (const [addr, c] of Object.entries(sheet.cells)) {
    const p = parseA1(addr)!;
    const r = move(p.row);
    if (r !== null) cells[a1(r, p.col)] = c;
  }
  sheet.cells = cells;
  sheet.merges = sheet.merges.flatMap((m) => {
    const r = parseRangeA1(m)!;
    const moved = moveRange(r.top, r.bottom, move, band);
    return moved ? [rangeA1({ ...r, top: moved[0], bottom: moved[1] })] : [];
  });
  if (sheet.rowHeights) {
    const heights: Record<number, number> = {};
    for (const [r, h] of Object.entries(sheet.rowHeights)) {
      const to = move(Number(r));
      if (to !== null) heights[to] = h;
    }
    sheet.rowHeights = heights;
  }
  for (const s of doc.sheets) {
    for (const c of Object.values(s.cells)) {
      if (!c.formula) continue;
      c.formula = rewriteRefs(c.formula, s.name, sheet.name, (ref) => {
        const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?$/.exec(ref)!;
        const top = Number(m[4]) - 1;
        const bottom = m[8] ? Number(m[8]) - 1 : top;
        const moved = moveRange(top, bottom, move, band);
        if (!moved) return "#REF!";
        const one = `${m[1]}${m[2]}${m[3]}${moved[0] + 1}`;
        return m[8] ? `${one}:${m[5]}${m[6]}${m[7]}${moved[1] + 1}` : one;
      });
    }
  }
}

/** A row (or column) span after the move: a deleted end shrinks it; gone entirely, null. */
function moveRange(top: number, bottom: number, move: RowMove, band: { at: number; count: number; deleted: boolean }): [number, number] | null {
  if (!band.deleted) return [move(top)!, move(bottom)!];
  const t = move(top) ?? band.at;
  const b = move(bottom) ?? band.at - 1;
  return b < t ? null : [t, b];
}

const SHEET_PREFIX = /^(?:'((?:[^']|'')+)'|([^\s!'"(),:;=+\-*/&^<>%]+))!/;
const REF = /^\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?/;

/**
 * Rewrite the references of `formula` (on sheet `host`) that point into sheet
 * `target`: unqualified ones when the formula is on that sheet, and those
 * qualified with its name. `rename`: the name that qualifies them from now on.
 */
function rewriteRefs(formula: string, host: string, target: string, map: (ref: string) => string, rename?: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < body.length && !(body[j] === '"' && body[j + 1] !== '"')) j += body[j] === '"' ? 2 : 1;
      out += body.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? body[i - 1] : "";
    if (/[A-Za-z0-9_.$\u4e00-\u9fff]/.test(prev)) {
      out += ch;
      i++;
      continue;
    }
    const q = SHEET_PREFIX.exec(body.slice(i));
    const sheetName = q ? (q[1] ?? q[2]).replace(/''/g, "'") : null;
    const rest = body.slice(i + (q ? q[0].length : 0));
    const r = REF.exec(rest);
    const after = r ? rest[r[0].length] ?? "" : "";
    if (r && !/[A-Za-z0-9_(]/.test(after)) {
      const onTarget = sheetName === null ? sameSheetName(host, target) : sameSheetName(sheetName, target);
      const qualifier = q ? (onTarget && rename !== undefined ? qualify(rename) : q[0]) : "";
      out += qualifier + (onTarget ? map(r[0]) : r[0]);
      i += (q ? q[0].length : 0) + r[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return (formula.startsWith("=") ? "=" : "") + out;
}

const qualify = (name: string) => (/^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`);
