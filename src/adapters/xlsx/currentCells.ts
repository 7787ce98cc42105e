import { a1 } from "../../engine/address";
import type { Journal } from "../../engine/journal";
import type { CurrentCell, CurrentSheet } from "../../engine/undo/plan";
import { PackageEdit } from "./edit";
import { readNotes } from "./notes";
import type { XlsxPackage } from "./package";
import { cellValue } from "./read";
import { scanSheet } from "./sheet";
import { fillOf, numFmtOf, readStyles } from "./styles";

/**
 * The cells of a file as they are now, for the engine's undo plan: every cell
 * of each sheet the journal names (value or formula, number format, fill,
 * note). Should a journaled sheet's name be gone (renamed since), every sheet
 * is read, for the engine to find ours by what we wrote.
 */
export function currentSheets(pkg: XlsxPackage, j: Journal): CurrentSheet[] {
  const sheets = pkg.sheets.filter((s) => s.path);
  const names = new Set(j.cells.map((c) => c.sheet.toLocaleUpperCase()));
  const allNamed = [...names].every((n) => sheets.some((s) => s.name.toLocaleUpperCase() === n));
  const styles = readStyles(pkg);
  const edit = new PackageEdit(pkg);
  return sheets.map((info) => {
    if (allNamed && !names.has(info.name.toLocaleUpperCase())) return { name: info.name, cells: {} };
    const scan = scanSheet(pkg, info.path!);
    const cells: Record<string, CurrentCell> = {};
    for (const c of scan.cells) {
      const snap = cellValue(pkg, c, styles);
      cells[a1(c.row, c.col)] = { value: snap ? (snap.error ?? snap.value) : null, formula: snap?.formula ?? null, numFmt: numFmtOf(styles, c.s), fill: fillOf(styles, c.s), note: null };
    }
    for (const [ref, n] of readNotes(edit, info.path!, scan.legacyDrawing)) (cells[ref] ??= { value: null, formula: null, numFmt: null, fill: null, note: null }).note = n.text;
    return { name: info.name, cells };
  });
}
