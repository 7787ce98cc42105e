import { labelKey } from "./labels";
import type { CellPos, CellRange, SheetSnapshot, SnapshotCell } from "./snapshot";
import { cellText, isBlankCell } from "./values";

/**
 * Read-only, merge-aware view of one sheet snapshot. Coordinates are absolute
 * 0-based sheet coordinates, whatever the used range's origin.
 */
export class Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly mergeOf = new Map<number, CellRange>();
  private readonly keyCache = new Map<number, string>();

  constructor(readonly sheet: SheetSnapshot) {
    this.name = sheet.name;
    this.top = sheet.top;
    this.left = sheet.left;
    this.bottom = sheet.top + sheet.cells.length - 1;
    let width = 0;
    for (const row of sheet.cells) width = Math.max(width, row.length);
    this.right = sheet.left + width - 1;
    for (const m of sheet.merges) {
      // Merges far outside the used range carry no values; keep the index small.
      const bottom = Math.min(m.bottom, this.bottom);
      const right = Math.min(m.right, this.right);
      for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= right; c++) this.mergeOf.set(this.k(r, c), m);
    }
  }

  private k(row: number, col: number): number {
    return row * 20000 + col;
  }

  /** The raw cell at a position (not following merges). */
  raw(row: number, col: number): SnapshotCell | null {
    const r = this.sheet.cells[row - this.top];
    if (!r) return null;
    return r[col - this.left] ?? null;
  }

  /** The merge area holding a position, if any. */
  merge(row: number, col: number): CellRange | undefined {
    return this.mergeOf.get(this.k(row, col));
  }

  /** Top-left of the merge holding a position, or the position itself. */
  owner(row: number, col: number): { row: number; col: number } {
    const m = this.merge(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** The value shown at a position: a merged area shows its top-left cell. */
  shown(row: number, col: number): SnapshotCell | null {
    const o = this.owner(row, col);
    return this.raw(o.row, o.col);
  }

  text(row: number, col: number): string {
    return cellText(this.shown(row, col));
  }

  /** Canonical label key at a position (merge-aware, cached). */
  key(row: number, col: number): string {
    const k = this.k(row, col);
    let v = this.keyCache.get(k);
    if (v === undefined) {
      const cell = this.shown(row, col);
      v = cell && typeof cell.value === "string" ? labelKey(cell.value) : "";
      this.keyCache.set(k, v);
    }
    return v;
  }

  isBlank(row: number, col: number): boolean {
    return isBlankCell(this.raw(row, col));
  }

  pos(row: number, col: number): CellPos {
    return { sheet: this.name, row, col };
  }

  /** Bottom row of the merge starting at a position (the row itself if none). */
  mergeBottom(row: number, col: number): number {
    return this.merge(row, col)?.bottom ?? row;
  }

  private labelIndex: { row: number; col: number; key: string }[] | null = null;

  /** Every top-left (non-covered) text cell with its label key, in reading order; built once. */
  private labels(): { row: number; col: number; key: string }[] {
    if (this.labelIndex) return this.labelIndex;
    const out: { row: number; col: number; key: string }[] = [];
    this.sheet.cells.forEach((line, i) => {
      line.forEach((cell, j) => {
        if (!cell || typeof cell.value !== "string") return;
        const r = this.top + i, c = this.left + j;
        const o = this.owner(r, c);
        if (o.row === r && o.col === c) out.push({ row: r, col: c, key: this.key(r, c) });
      });
    });
    return (this.labelIndex = out);
  }

  /** Top-left (non-covered) cells whose label key satisfies a test, within `from`, in reading order; at most `limit`. */
  private search(test: (key: string) => boolean, from: Partial<CellRange> | undefined, limit: number): { row: number; col: number }[] {
    const top = from?.top ?? -Infinity, bottom = from?.bottom ?? Infinity;
    const left = from?.left ?? -Infinity, right = from?.right ?? Infinity;
    const out: { row: number; col: number }[] = [];
    for (const l of this.labels()) {
      if (l.row < top || l.row > bottom || l.col < left || l.col > right || !test(l.key)) continue;
      out.push({ row: l.row, col: l.col });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Every top-left (non-covered) cell whose label key satisfies a test, in reading order. */
  findAll(test: (key: string) => boolean, from?: Partial<CellRange>): { row: number; col: number }[] {
    return this.search(test, from, Infinity);
  }

  /** The first such cell: the search stops there (locating a form asks this a few dozen times). */
  find(test: (key: string) => boolean, from?: Partial<CellRange>): { row: number; col: number } | null {
    return this.search(test, from, 1)[0] ?? null;
  }

  /** Whether a whole row is blank between two columns. */
  rowBlank(row: number, left = this.left, right = this.right): boolean {
    for (let c = left; c <= right; c++) if (!this.isBlank(row, c)) return false;
    return true;
  }
}
