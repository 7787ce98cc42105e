/**
 * Functions newer than Excel 2007 must carry the "_xlfn." prefix inside the
 * file format (Excel shows #NAME? otherwise). The engine writes the names as
 * Excel's UI spells them; this is the one place they get their file spelling.
 */
const FUTURE_FUNCTIONS = /(?<![A-Za-z_.])(NUMBERVALUE|IFS|SWITCH|CONCAT|TEXTJOIN|MAXIFS|MINIFS|XLOOKUP|XMATCH|IFNA|FILTER|SORT|UNIQUE|SEQUENCE|LET)\(/g;

export function fileFormula(formula: string): string {
  return formula.replace(FUTURE_FUNCTIONS, "_xlfn.$1(");
}
