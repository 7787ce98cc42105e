import type { CellPos, CellRange } from "./snapshot";
import { isWhiteSpace } from "./whiteSpace";

/** 0-based column index → letters ("A", "AA"). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/col → "B7". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeA1(r: CellRange): string {
  const tl = a1(r.top, r.left);
  const br = a1(r.bottom, r.right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** "B7" → 0-based {row, col}; null when it is not a plain A1 address. */
export function parseA1(ref: string): { row: number; col: number } | null {
  // By hand, not a regular expression: every cell of every sheet read comes through here.
  let i = 0;
  let end = ref.length;
  while (i < end && isWhiteSpace(ref.charCodeAt(i))) i++;
  while (end > i && isWhiteSpace(ref.charCodeAt(end - 1))) end--;
  if (ref.charCodeAt(i) === 36) i++; // $
  let col = 0;
  const colStart = i;
  for (; i < end; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  const letters = i - colStart;
  if (letters < 1 || letters > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const rowStart = i;
  for (; i < end; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  const digits = i - rowStart;
  if (digits < 1 || digits > 7) return null;
  return { row: row - 1, col: col - 1 };
}


/** "A1:C3" or "B2" → range; null when unreadable. */
export function parseRangeA1(ref: string): CellRange | null {
  const [a, b] = ref.split(":");
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Sheet-qualified reference as Excel writes it: quotes when the name needs them. */
export function qualifiedRef(sheet: string, ref: string): string {
  const plain = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${ref}`;
}

export function posA1(p: CellPos): string {
  return a1(p.row, p.col);
}

/** "附件2!H4" for messages. */
export function where(p: CellPos): string {
  return `${p.sheet}!${posA1(p)}`;
}

export function boundingRange(points: { row: number; col: number }[]): CellRange | null {
  if (points.length === 0) return null;
  let top = Infinity, left = Infinity, bottom = -Infinity, right = -Infinity;
  for (const p of points) {
    top = Math.min(top, p.row);
    left = Math.min(left, p.col);
    bottom = Math.max(bottom, p.row);
    right = Math.max(right, p.col);
  }
  return { top, left, bottom, right };
}
