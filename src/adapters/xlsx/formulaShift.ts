import { columnLetters } from "../../engine/address";

const colNumber = (letters: string) => {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

/**
 * A shared formula's text as it reads in another cell: relative references
 * move by the offset from the master cell; "$" parts, text in quotes, sheet
 * names and function names stay. (Formula text, not XML.)
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
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
        const col = m[1] ? colNumber(m[2]) : colNumber(m[2]) + dCol;
        const row = m[3] ? Number(m[4]) : Number(m[4]) + dRow;
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
