/**
 * Excel's limits on a formula (Excel specifications and limits:
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
 * 8,192 characters in all, and a text literal of at most 255 characters ("Text values in formulas
 * are limited to 255 characters"). A link's label (a finding's cells, "附件2!E14:E23,…", as long as
 * the finding is scattered) is therefore written as literals of at most 255 characters joined with
 * &, and a label that would not fit the formula at all is shortened with "…".
 */
export const LITERAL_MAX = 255;
const LABEL_MAX = 3000;

/** `"…"&"…"`: the text as Excel formula literals of at most LITERAL_MAX characters each, quotes doubled. */
export function textLiterals(text: string): string {
  const chunks: string[] = [];
  let cur = "";
  for (const ch of text) {
    // Code points, so that no literal ends inside a surrogate pair; a doubled quote is one character of the text.
    if (cur.length + ch.length > LITERAL_MAX) {
      chunks.push(cur);
      cur = "";
    }
    cur += ch;
  }
  chunks.push(cur);
  return chunks.map((c) => `"${c.replace(/"/g, '""')}"`).join("&");
}

/** =HYPERLINK to a cell of this workbook, its label in literals Excel accepts. */
export function hyperlinkFormula(sheet: string, cell: string, label: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  const shown = label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
  return `=HYPERLINK(${textLiterals(target)},${textLiterals(shown)})`;
}
