import { JOURNAL_SHEET } from "../../engine/check";
import { parseJournal } from "../../engine/journal";
import type { FileJournal } from "./journalStore";
import type { XlsxPackage } from "./package";
import { cellValue } from "./read";
import { scanSheet } from "./sheet";
import { readStyles } from "./styles";

/**
 * The journal earlier versions kept in a very-hidden sheet 「核算助手撤销记录」
 * (one chunk of JSON per row in column A). Still read, so that a file checked
 * then can be undone now; the sheet goes away on undo or on the next check.
 */
export function oldJournal(pkg: XlsxPackage): FileJournal | null {
  const sheet = pkg.sheets.find((s) => s.name === JOURNAL_SHEET && s.path);
  if (!sheet) return null;
  const styles = readStyles(pkg);
  const chunks = scanSheet(pkg, sheet.path!)
    .cells.filter((c) => c.col === 0)
    .sort((a, b) => a.row - b.row)
    .map((c) => cellValue(pkg, c, styles)?.value)
    .filter((v): v is string => typeof v === "string");
  const j = parseJournal(chunks);
  return j ? { ...j, parts: null } : null;
}
