import { JOURNAL_SHEET } from "../../engine/check";
import { undoLines } from "../../engine/undo/messages";
import { planUndo, type KeptCell, type UndoPlan } from "../../engine/undo/plan";
import { partsUnchanged, stylesIntact } from "./apply";
import { currentSheets } from "./currentCells";
import { PackageEdit } from "./edit";
import { fileFormula } from "./fileFormula";
import { findJournalPart, fromBase64, readFileJournal, type FileJournal, type FileJournalCell } from "./journalStore";
import { editNotes, type NoteWish } from "./notes";
import { oldJournal } from "./oldJournal";
import { entryOf, relIs, relsOf, relsPathOf, REL_CUSTOM_XML, type XlsxPackage } from "./package";
import { cellAtPos, scanSheet } from "./sheet";
import { editSheet, isErrorLiteral, type CellChange } from "./sheetEdit";
import { StyleBook } from "./styleBook";
import { readStyles } from "./styles";
import { dropCalcChain, removeSheet } from "./workbookEdit";

export interface FileUndo {
  undone: boolean;
  bytes: Uint8Array;
  /** Cells left as a person changed them since the check, and why. */
  kept: KeptCell[];
  /** What was and was not restored, one line each (undoLines). */
  lines: string[];
}

/**
 * Undo a check. When every part the check wrote is still as it wrote it, the
 * package comes back byte for byte (edited parts from their original
 * compressed bytes, added parts removed). After a re-save by Excel, WPS or
 * LibreOffice, the engine's undo plan (src/engine/undo/plan.ts) says which
 * journaled cells still hold what the check wrote — value, formula, number
 * format, fill, note — and where (rows inserted since move them); only those
 * are restored, and what a person changed since is kept and listed.
 */
export function undoPackage(pkg: XlsxPackage): FileUndo {
  const jPath = findJournalPart(pkg);
  const fromPart = readFileJournal(pkg);
  const j: FileJournal | null = fromPart ?? oldJournal(pkg);
  if (!j) return { undone: false, bytes: pkg.bytes, kept: [], lines: [] };
  const edit = new PackageEdit(pkg);
  if (fromPart && partsUnchanged(pkg, j.parts, jPath)) {
    for (const p of j.parts!) {
      if (p.original) {
        const o = p.original;
        const raw = fromBase64(o.data);
        edit.setRaw(p.name, raw, { name: p.name, method: o.method, flags: 0, crc: o.crc, compressedSize: raw.length, size: o.size, time: o.time, date: o.date, dataOffset: 0 });
      } else if (entryOf(pkg, p.name)) edit.remove(p.name);
    }
    if (jPath) {
      edit.remove(jPath);
      edit.remove(relsPathOf(jPath));
    }
    return { undone: true, bytes: edit.build(), kept: [], lines: [] };
  }
  const plan = planUndo(j, { sheets: currentSheets(pkg, j), source: fromPart ? "part" : "sheet" });
  restoreCells(pkg, edit, j, plan);
  for (const name of plan.removeSheets) removeSheet(edit, name);
  removeSheet(edit, JOURNAL_SHEET);
  if (jPath) removeJournalPart(pkg, edit, jPath);
  return { undone: true, bytes: edit.build(), kept: plan.kept, lines: undoLines(plan) };
}

function removeJournalPart(pkg: XlsxPackage, edit: PackageEdit, jPath: string): void {
  for (const r of relsOf(pkg, jPath)) {
    if (!r.target) continue;
    edit.remove(r.target);
    edit.removeOverride(r.target);
  }
  edit.remove(relsPathOf(jPath));
  edit.remove(jPath);
  edit.removeOverride(jPath);
  for (const r of relsOf(pkg, pkg.workbookPath)) if (relIs(r, REL_CUSTOM_XML) && r.target === jPath) edit.removeRel(pkg.workbookPath, r.id);
}

/** Put back what the engine's plan restores, part by part; everything else stays as the person left it. */
function restoreCells(pkg: XlsxPackage, edit: PackageEdit, j: FileJournal, plan: UndoPlan): void {
  const book = new StyleBook(readStyles(pkg));
  const indexesHold = stylesIntact(pkg, j, readStyles(pkg).path);
  const bySheet = new Map<string, { changes: CellChange[]; notes: NoteWish[] }>();
  const sheets = pkg.sheets.filter((s) => s.path);
  let formulas = false;
  for (const r of plan.restore) {
    const info = sheets.find((s) => s.name === r.sheet);
    if (!info) continue;
    const c = r.original as FileJournalCell;
    const cur = cellAtPos(scanSheet(pkg, info.path!), r.row, r.col);
    let s = cur?.s ?? 0;
    const w = bySheet.get(r.sheet) ?? { changes: [], notes: [] };
    bySheet.set(r.sheet, w);
    const change: CellChange = { row: r.row, col: r.col };
    if (r.value) {
      s = book.derive(s, { numFmt: r.value.numFmt });
      if (cur?.f || r.value.formula) formulas = true;
      const v = r.value.value;
      change.write = { value: r.value.formula || !isErrorLiteral(v) ? v : null, formula: r.value.formula ? fileFormula(r.value.formula) : null, error: isErrorLiteral(v) ? (v as string) : null };
    }
    if (r.fill) s = book.derive(s, { fill: r.fill.fill });
    // A note the engine found ours is taken away (whoever a re-save named its author). A person's
    // note that the old command line replaced is not written back: it would carry our author.
    if (r.note && r.note.text === null) w.notes.push({ ref: r.cell, text: null, any: true });
    // Where styles.xml is still ours and every part came back in place, the original format index returns exactly (a non-solid fill too).
    const whole = (c.touched === "mark" || !!r.value) && (c.touched === "value" || !!r.fill);
    change.style = indexesHold && whole && r.inPlace && c.style !== undefined ? c.style : s;
    w.changes.push(change);
  }
  sheets.forEach((info, index) => {
    const w = bySheet.get(info.name);
    if (!w) return;
    const scan = scanSheet(pkg, info.path!);
    editNotes(edit, info.path!, scan.legacyDrawing, w.notes, index);
    const text = editSheet(scan, w.changes);
    if (text !== scan.xml) edit.set(info.path!, text);
  });
  if (formulas) dropCalcChain(edit);
  if (book.changed) {
    const st = readStyles(pkg);
    if (st.path) edit.set(st.path, book.render());
  }
}
