import { a1, parseRangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import type { HostCell, HostSheet } from "../excelHost/document";
import type { EtAreas, EtComment, EtFont, EtInterior, EtRange } from "../../adapters/wps/etApi";
import type { EtHost } from "./host";
import { bgrOf, COM_ERRORS, etError, guardProtected, hexOf } from "./rules";

const ERROR_LITERAL = /^#(DIV\/0!|VALUE!|REF!|NAME\?|N\/A|NUM!|NULL!)$/;

/**
 * What ET does with a value written through Value2/Formula, as typing it
 * would (rule 6): "" clears, "=…" is a formula, a leading apostrophe keeps
 * the rest as text, an error literal is that error; anything else is stored as given.
 */
export function writeInput(cell: HostCell, v: unknown): void {
  delete cell.formula;
  delete cell.error;
  if (v === null || v === undefined || v === "") {
    delete cell.value;
    return;
  }
  if (typeof v === "string" && v.startsWith("=") && v.length > 1) cell.formula = v;
  else if (typeof v === "string" && v.startsWith("'")) cell.value = v.slice(1);
  else if (typeof v === "string" && ERROR_LITERAL.test(v)) cell.error = v;
  else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") cell.value = v;
  else throw etError(`Type mismatch: cannot write ${typeof v} to a cell`);
}

type Count = "cells" | "rows" | "columns";

/** Range (excel.range): a rectangle of one sheet. Every member access below is one counted call. */
export class EtRangeObject implements EtRange {
  constructor(
    private readonly h: EtHost,
    private readonly sheet: () => HostSheet,
    readonly area: CellRange,
    private readonly counts: Count = "cells",
    private readonly more: CellRange[] = [],
  ) {
    const n = () => (counts === "rows" ? area.bottom - area.top + 1 : counts === "columns" ? area.right - area.left + 1 : cellCount(area));
    Object.defineProperty(this, "Count", { get: () => (h.tick("Range.Count"), h.quirks.count === "Count" ? n() : undefined) });
    Object.defineProperty(this, "count", { get: () => (h.tick("Range.count"), h.quirks.count === "count" ? n() : undefined) });
    // Address: a method [E] or, on some builds, a property [P3] (quirk).
    Object.defineProperty(this, "Address", {
      get: () => {
        const text = () => `$${a1(area.top, area.left).replace(/(\d+)$/, "$$$1")}${cellCount(area) > 1 ? `:$${a1(area.bottom, area.right).replace(/(\d+)$/, "$$$1")}` : ""}`;
        if (h.quirks.address === "property") return (h.tick("Range.Address"), text());
        return () => (h.tick("Range.Address()"), text());
      },
    });
  }
  declare readonly Count?: number;
  declare readonly count?: number;
  declare readonly Address: EtRange["Address"];

  /**
   * Worksheet.Range("A1"), ("A1:C4") or a union ("A1,C3:D4"), as VBA's Range
   * takes them (excel.worksheet.range). A union reads the common format
   * (MergeCells, NumberFormat, Interior, Font.Bold) and takes formats and a
   * single value for all its cells: "Union(r1, r2) … myMultipleRange.Font.Bold
   * = True" and "bigRange.Formula = "=RAND()"" (refer-to-multiple-ranges;
   * excel.application.union). A value array, Value2/Formula reads and the
   * other members throw on it (Excel reads only the first area: not modelled,
   * the add-in never asks). An address over 255 characters throws (VBA's
   * limit for such strings; WPS U: the harder case). Whether WPS takes a union
   * at all, and writes and reads all its areas, is not documented: quirks
   * unionAddress, unionWrites, unionReads.
   */
  static at(h: EtHost, sheet: () => HostSheet, address: string): EtRangeObject {
    const parts = typeof address === "string" && address.length <= 255 ? address.replace(/\$/g, "").split(",").map((a) => parseRangeA1(a.trim())) : [null];
    if (parts.some((r) => !r)) throw etError(`Method 'Range' of object 'Worksheet' failed (${address})`);
    if (parts.length > 1 && h.quirks.unionAddress === "refused") throw etError(`Method 'Range' of object 'Worksheet' failed (several areas: ${address})`);
    const [first, ...rest] = parts as CellRange[];
    return new EtRangeObject(h, sheet, first, "cells", rest);
  }

  /** Range.Areas: each rectangle of the range, 1-based (excel.range.areas; et-jsapi-declare declares Areas.Count and Item). */
  get Areas(): EtAreas {
    this.h.tick("Range.Areas");
    const h = this.h, all = [this.area, ...this.more];
    const base = {
      get Count() {
        h.tick("Areas.Count");
        return h.quirks.count === "Count" ? all.length : undefined;
      },
      get count() {
        h.tick("Areas.count");
        return h.quirks.count === "count" ? all.length : undefined;
      },
    };
    return Object.assign(base, {
      Item: (i: number) => {
        h.tick("Areas.Item");
        if (!Number.isInteger(i) || i < 1 || i > all.length) throw etError(`Areas.Item: index ${i} out of range 1..${all.length}`);
        return new EtRangeObject(h, this.sheet, all[i - 1]);
      },
    });
  }

  /** The areas a read (MergeCells, NumberFormat …) or a write answers for: all, or the first only under the quirks. */
  private areas(use: "read" | "write"): CellRange[] {
    const firstOnly = use === "read" ? this.h.quirks.unionReads === "first-area" : this.h.quirks.unionWrites === "first-area";
    return firstOnly ? [this.area] : [this.area, ...this.more];
  }

  /** A union's members other than the common format are not modelled. */
  private single_area(what: string): void {
    if (this.more.length) throw etError(`${what} on a range of several areas is not modelled`);
  }

  private cells(use: "read" | "write" = "read"): { cell: HostCell | undefined; row: number; col: number; i: number; j: number }[] {
    const s = this.sheet();
    const out = [];
    for (const area of this.areas(use)) for (let row = area.top; row <= area.bottom; row++) for (let col = area.left; col <= area.right; col++) out.push({ cell: s.cells[a1(row, col)], row, col, i: row - area.top, j: col - area.left });
    return out;
  }

  /** Rule 3: a scalar for one cell, else rows of cells (2-D, or 1-D for a single row under the quirk). */
  private shaped(fn: (c: HostCell | undefined) => unknown): unknown {
    this.single_area("Value2/Formula");
    const rows: unknown[][] = [];
    for (const { cell, i } of this.cells()) (rows[i] ??= []).push(fn(cell));
    if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
    if (rows.length === 1 && this.h.quirks.singleRow === "1d") return rows[0];
    return rows;
  }

  /** Rule 4: the one value all cells share, or null when they differ (excel.range.numberformat: "returns Null if all cells … don't have the same"). */
  private common<V>(fn: (c: HostCell | undefined, row: number, col: number) => V): V | null {
    let first: { v: V } | null = null;
    for (const { cell, row, col } of this.cells()) {
      const v = fn(cell, row, col);
      if (!first) first = { v };
      else if (first.v !== v) return null;
    }
    return first!.v;
  }

  private empty(): unknown {
    return this.h.quirks.empty === "undefined" ? undefined : this.h.quirks.empty === "null" ? null : "";
  }

  private errorOf(e: string): unknown {
    return this.h.quirks.errors === "com" ? COM_ERRORS[e] : e;
  }

  /** Value2: numbers, text, booleans; dates as serials (excel.range.value2). */
  get Value2(): unknown {
    this.h.tick("Range.Value2");
    return this.shaped((c) => (!c || (c.value === undefined && !c.error) || c.value === "" ? this.empty() : c.error ? this.errorOf(c.error) : c.value));
  }
  set Value2(v: unknown) {
    this.h.tick("Range.Value2=");
    this.put(v);
  }
  /** Formula: "=…" for a formula, else the constant as text ("" for empty) (excel.range.formula). */
  get Formula(): unknown {
    this.h.tick("Range.Formula");
    return this.shaped((c) => (c?.formula ?? (c?.error ? c.error : c?.value === undefined || c.value === null ? "" : typeof c.value === "boolean" ? (c.value ? "TRUE" : "FALSE") : String(c.value))));
  }
  set Formula(v: unknown) {
    this.h.tick("Range.Formula=");
    this.put(v);
  }
  /** Rule 6: a scalar fills every cell (of every area of a union); an array must have the range's exact shape (2-D; 1-D for one row under the quirk). */
  private put(v: unknown): void {
    if (Array.isArray(v)) this.single_area("Writing an array");
    // A formula written to several cells would have its relative references moved per cell, which the host does not model.
    if (this.more.length && typeof v === "string" && v.startsWith("=")) throw etError("A formula written to a range of several areas is not modelled");
    const rows = this.area.bottom - this.area.top + 1, cols = this.area.right - this.area.left + 1;
    let grid: unknown[][] | null = null;
    if (Array.isArray(v)) {
      grid = v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : rows === 1 && this.h.quirks.singleRow === "1d" ? [v] : null;
      if (!grid || grid.length !== rows || grid.some((r) => r.length !== cols)) throw etError(`Array of the wrong size for ${rows}×${cols} cells`);
    }
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const { row, col, i, j } of this.cells("write")) writeInput((s.cells[a1(row, col)] ??= {}), grid ? grid[i][j] : v);
    });
  }
  get Text(): unknown {
    this.h.tick("Range.Text");
    return this.common((c) => (!c ? "" : c.error ?? (c.value === undefined || c.value === null ? "" : String(c.value))));
  }
  get NumberFormat(): unknown {
    this.h.tick("Range.NumberFormat");
    return this.common((c) => c?.numberFormat ?? "General");
  }
  set NumberFormat(v: unknown) {
    this.h.tick("Range.NumberFormat=");
    if (typeof v !== "string") throw etError("NumberFormat takes one format code");
    this.format((c) => void (c.numberFormat = v === "" ? "General" : v));
  }
  private merges(): CellRange[] {
    return this.sheet().merges.map((m) => parseRangeA1(m)!);
  }
  /** MergeCells: True when every cell is in a merged area, False when none is, Null otherwise (aa206522). */
  get MergeCells(): unknown {
    this.h.tick("Range.MergeCells");
    const ms = this.merges();
    return this.common((_, row, col) => ms.some((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right));
  }
  set MergeCells(_v: unknown) {
    throw etError("The in-memory host does not merge cells (the add-in never does).");
  }
  /** MergeArea: "works only on a single-cell range" (aa175731); the cell itself when it is not merged. */
  get MergeArea(): EtRangeObject {
    this.h.tick("Range.MergeArea");
    if (cellCount(this.area) !== 1 || this.more.length) throw etError("MergeArea works only on a single cell");
    const { top: row, left: col } = this.area;
    const m = this.merges().find((x) => row >= x.top && row <= x.bottom && col >= x.left && col <= x.right);
    return new EtRangeObject(this.h, this.sheet, m ?? this.area);
  }
  get Row(): number {
    this.h.tick("Range.Row");
    this.single_area("Range.Row");
    return this.area.top + 1;
  }
  get Column(): number {
    this.h.tick("Range.Column");
    this.single_area("Range.Column");
    return this.area.left + 1;
  }
  get Rows(): EtRangeObject {
    this.h.tick("Range.Rows");
    this.single_area("Range.Rows");
    return new EtRangeObject(this.h, this.sheet, this.area, "rows");
  }
  get Columns(): EtRangeObject {
    this.h.tick("Range.Columns");
    this.single_area("Range.Columns");
    return new EtRangeObject(this.h, this.sheet, this.area, "columns");
  }
  /** Writes to formats go through one guard: protected sheets refuse them (rule 7). */
  private format(fn: (c: HostCell) => void): void {
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const { row, col } of this.cells("write")) fn((s.cells[a1(row, col)] ??= {}));
    });
  }
  get Interior(): EtInterior {
    this.h.tick("Range.Interior");
    return interior(this.h, (fn) => this.common(fn), (fn) => this.format(fn));
  }
  get Font(): EtFont {
    this.h.tick("Range.Font");
    const self = this;
    return {
      get Bold() {
        self.h.tick("Font.Bold");
        return self.common((c) => !!c?.bold);
      },
      set Bold(v: boolean | null) {
        self.h.tick("Font.Bold=");
        self.format((c) => void (v ? (c.bold = true) : delete c.bold));
      },
    };
  }
  private single(what: string): HostCell | undefined {
    if (cellCount(this.area) !== 1 || this.more.length) throw etError(`${what} works only on a single cell`);
    return this.sheet().cells[a1(this.area.top, this.area.left)];
  }
  /** Range.Comment: the cell's comment, null when it has none (rule 8). */
  get Comment(): EtComment | null {
    this.h.tick("Range.Comment");
    return this.single("Comment")?.note !== undefined ? this.commentOf() : null;
  }
  /** The comment object of this (single) cell, for Comment and Comments.Item. */
  commentOf(): EtComment {
    const h = this.h, sheet = this.sheet, at = a1(this.area.top, this.area.left);
    const live = () => {
      const c = sheet().cells[at];
      if (c?.note === undefined) throw etError("The comment has been deleted.");
      return c;
    };
    return {
      /** Comment.Text(Text, Start, Overwrite): with Start omitted, "any existing text in the comment is deleted" (excel.comment.text). */
      Text(text?: string): string {
        h.tick(text === undefined ? "Comment.Text()" : "Comment.Text(t)");
        const c = live();
        if (text !== undefined) {
          h.write(() => {
            guardProtected(sheet());
            c.note = text;
          });
        }
        return c.note!;
      },
      Delete(): void {
        h.tick("Comment.Delete");
        const c = live();
        h.write(() => {
          guardProtected(sheet());
          delete c.note;
        });
      },
    };
  }
  /** AddComment: on a cell that has one, Excel raises 1004 (rule 8; excel.range.addcomment). */
  AddComment(Text?: string): EtComment {
    this.h.tick("Range.AddComment");
    const existing = this.single("AddComment");
    if (existing?.note !== undefined) throw etError("Application-defined or object-defined error (the cell already has a comment)");
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      (s.cells[a1(this.area.top, this.area.left)] ??= {}).note = Text ?? "";
    });
    return this.commentOf();
  }
  /** ClearComments: "Clears all cell comments from the specified range" (excel.range.clearcomments), every area of a union; cells without one stay as they were. */
  ClearComments(): void {
    this.h.tick("Range.ClearComments");
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const { cell } of this.cells("write")) if (cell) delete cell.note;
    });
  }
  /** Range.Clear: formulas, values and formatting go (excel.range.clear); the host drops notes with them, as the Excel host's clear() does. */
  Clear(): boolean {
    this.h.tick("Range.Clear");
    this.single_area("Range.Clear");
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const { row, col } of this.cells()) delete s.cells[a1(row, col)];
    });
    return true;
  }
  /** Range.Select: "works only on the active sheet" (Excel raises 1004 otherwise; WPS U, rule 9). Not a change. */
  Select(): boolean {
    this.h.tick("Range.Select");
    this.single_area("Range.Select");
    const s = this.sheet();
    if (this.h.doc.activeSheet !== s.name) throw etError("Select method of Range class failed (its sheet is not active)");
    const tl = a1(this.area.top, this.area.left), br = a1(this.area.bottom, this.area.right);
    this.h.doc.selection = { sheet: s.name, address: tl === br ? tl : `${tl}:${br}` };
    return true;
  }
  /** ColumnWidth, in characters of the standard font (excel.range.columnwidth), kept as given for each column. */
  get ColumnWidth(): unknown {
    this.h.tick("Range.ColumnWidth");
    const w = this.sheet().columnWidths ?? {};
    return this.common((_, __, col) => w[col] ?? 8.43);
  }
  set ColumnWidth(v: unknown) {
    this.h.tick("Range.ColumnWidth=");
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const a of this.areas("write")) for (let c = a.left; c <= a.right; c++) (s.columnWidths ??= {})[c] = Number(v);
    });
  }
  get RowHeight(): unknown {
    this.h.tick("Range.RowHeight");
    const hts = this.sheet().rowHeights ?? {};
    return this.common((_, row) => hts[row] ?? 15);
  }
  /** RowHeight, in points (excel.range.rowheight). */
  set RowHeight(v: unknown) {
    this.h.tick("Range.RowHeight=");
    const s = this.sheet();
    this.h.write(() => {
      guardProtected(s);
      for (const a of this.areas("write")) for (let r = a.top; r <= a.bottom; r++) (s.rowHeights ??= {})[r] = Number(v);
    });
  }
  get WrapText(): unknown {
    this.h.tick("Range.WrapText");
    return this.common((c) => !!c?.wrap);
  }
  set WrapText(v: unknown) {
    this.h.tick("Range.WrapText=");
    this.format((c) => void (v ? (c.wrap = true) : delete c.wrap));
  }
  get VerticalAlignment(): unknown {
    this.h.tick("Range.VerticalAlignment");
    return null;
  }
  set VerticalAlignment(_v: unknown) {
    // Layout only: recorded by no test, refused on a protected sheet like any format.
    this.h.tick("Range.VerticalAlignment=");
    this.format(() => undefined);
  }
}

function cellCount(r: CellRange): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/**
 * Interior (excel.interior): Color is BGR (R + G·256 + B·65536 [M-RGB]); no
 * fill reads Color 16777215 (white) with Pattern and ColorIndex xlNone (−4142);
 * cells that differ read null (rule 4). Setting Color makes a solid fill;
 * ColorIndex = xlNone clears it (rule 11).
 */
function interior(h: EtHost, common: <V>(fn: (c: HostCell | undefined) => V) => V | null, format: (fn: (c: HostCell) => void) => void): EtInterior {
  return {
    get Color() {
      h.tick("Interior.Color");
      return common((c) => (c?.fill ? bgrOf(c.fill) : 16777215));
    },
    set Color(v: unknown) {
      h.tick("Interior.Color=");
      if (typeof v !== "number" || v < 0 || v > 0xffffff) throw etError(`Invalid colour ${String(v)}`);
      format((c) => void (c.fill = hexOf(v)));
    },
    get ColorIndex() {
      h.tick("Interior.ColorIndex");
      // A filled cell's palette index is not modelled (the add-in never reads it): null.
      return common((c) => (c?.fill ? null : -4142));
    },
    set ColorIndex(v: unknown) {
      h.tick("Interior.ColorIndex=");
      if (v !== -4142) throw etError("The in-memory host sets ColorIndex only to xlNone (−4142)");
      format((c) => void delete c.fill);
    },
    get Pattern() {
      h.tick("Interior.Pattern");
      return common((c) => (c?.fill ? 1 : -4142));
    },
    set Pattern(_v: unknown) {
      throw etError("The in-memory host does not set patterns (the add-in sets Color, which makes a solid fill).");
    },
  };
}
