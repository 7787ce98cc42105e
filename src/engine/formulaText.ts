import { columnLetters } from "./address";

const colNumber = (letters: string) => {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

/**
 * A formula's text with its references moved. `relative`: a shared formula as
 * it reads in another cell (relative references move by the offset from the
 * master cell; "$" parts stay). `all`: a formula whose cells moved with rows
 * or columns inserted above or left of everything it refers to, as Excel
 * rewrites it (absolute references move too). Text in quotes, sheet names and
 * function names stay. (Formula text, not XML.)
 */
export function shiftReferences(formula: string, dRow: number, dCol: number, which: "relative" | "all" = "relative"): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal: copied as is ("" is an escaped quote).
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name.
      let j = i + 1;
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$\\]/.test(ch) || /[0-9]/.test(ch)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_.$\\?]/.test(formula[j])) j++;
      const word = formula.slice(i, j);
      const prev = i > 0 ? formula[i - 1] : "";
      const next = formula[j] ?? "";
      const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(word);
      if (m && next !== "(" && !/[A-Za-z0-9_.]/.test(prev) && colNumber(m[2]) < 16384) {
        const col = m[1] && which === "relative" ? colNumber(m[2]) : colNumber(m[2]) + dCol;
        const row = m[3] && which === "relative" ? Number(m[4]) : Number(m[4]) + dRow;
        out += col < 0 || row < 1 ? "#REF!" : `${m[1]}${columnLetters(col)}${m[3]}${row}`;
      } else out += word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Two formulas alike as Excel keeps them: case, spaces and the file's "_xlfn." prefix aside. */
export function sameFormula(a: string, b: string): boolean {
  const norm = (f: string) => f.replace(/^=/, "").replace(/_xlfn\./gi, "").replace(/\s+/g, "").toUpperCase();
  return norm(a) === norm(b);
}
