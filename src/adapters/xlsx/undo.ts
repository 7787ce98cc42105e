import { parseA1 } from "../../engine/address";
import { JOURNAL_SHEET } from "../../engine/check";
import { partsUnchanged, stylesIntact } from "./apply";
import { PackageEdit } from "./edit";
import { fileFormula } from "./fileFormula";
import { findJournalPart, fromBase64, readFileJournal, type FileJournal } from "./journalStore";
import { editNotes, type NoteWish } from "./notes";
import { oldJournal } from "./oldJournal";
import { entryOf, relIs, relsOf, relsPathOf, REL_CUSTOM_XML, type XlsxPackage } from "./package";
import { cellAtPos, scanSheet } from "./sheet";
import { editSheet, isErrorLiteral, type CellChange } from "./sheetEdit";
import { StyleBook } from "./styleBook";
import { readStyles } from "./styles";
import { dropCalcChain, removeSheet } from "./workbookEdit";

/**
 * Undo a check. When every part the check wrote is still as it wrote it, the
 * package comes back byte for byte (edited parts from their original
 * compressed bytes, added parts removed). After a re-save by Excel, WPS or
 * LibreOffice, every journaled cell is restored instead — value, formula,
 * number format, fill, note — and nothing else a person changed is touched.
 */
export function undoPackage(pkg: XlsxPackage): { undone: boolean; bytes: Uint8Array } {
  const jPath = findJournalPart(pkg);
  const fromPart = readFileJournal(pkg);
  const j: FileJournal | null = fromPart ?? oldJournal(pkg);
  if (!j) return { undone: false, bytes: pkg.bytes };
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
    return { undone: true, bytes: edit.build() };
  }
  restoreCells(pkg, edit, j, !!fromPart);
  for (const name of j.createdSheets) removeSheet(edit, name);
  removeSheet(edit, JOURNAL_SHEET);
  if (jPath) removeJournalPart(pkg, edit, jPath);
  return { undone: true, bytes: edit.build() };
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

function restoreCells(pkg: XlsxPackage, edit: PackageEdit, j: FileJournal, ours: boolean): void {
  const book = new StyleBook(readStyles(pkg));
  const indexesHold = stylesIntact(pkg, j, readStyles(pkg).path);
  const bySheet = new Map<string, { changes: CellChange[]; notes: NoteWish[] }>();
  const sheets = pkg.sheets.filter((s) => s.path);
  const ourNotes = new Set(j.notes ?? []);
  let formulas = false;
  for (const c of j.cells) {
    const info = sheets.find((s) => s.name === c.sheet);
    const pos = parseA1(c.cell);
    if (!info || !pos) continue;
    const scan = scanSheet(pkg, info.path!);
    const cur = cellAtPos(scan, pos.row, pos.col);
    let s = cur?.s ?? 0;
    const w = bySheet.get(c.sheet) ?? { changes: [], notes: [] };
    bySheet.set(c.sheet, w);
    const change: CellChange = { row: pos.row, col: pos.col };
    if (c.touched !== "mark") {
      s = book.derive(s, { numFmt: c.numFmt });
      if (cur?.f || c.formula) formulas = true;
      change.write = { value: c.formula || !isErrorLiteral(c.value) ? c.value : null, formula: c.formula ? fileFormula(c.formula) : null, error: isErrorLiteral(c.value) ? (c.value as string) : null };
    }
    if (c.touched !== "value") {
      s = book.derive(s, { fill: c.fill });
      const key = `${c.sheet}!${c.cell}`;
      // Files checked by this adapter: only notes it wrote. The old journal sheet: no note there before means the one there is the check's.
      if (ours ? ourNotes.has(key) : c.note === null) w.notes.push({ ref: c.cell, text: null, any: !ours, textHash: j.noteHashes?.[key] });
    }
    // Where styles.xml is still ours, the original format index comes back exactly (a non-solid fill too).
    change.style = indexesHold && c.style !== undefined ? c.style : s;
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
