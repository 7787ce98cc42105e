import { parseA1 } from "../../engine/address";
import { JOURNAL_SHEET } from "../../engine/check";
import { mergeJournal, staleMarks, type JournalCell } from "../../engine/journal";
import { MARK_FILL, type Plan } from "../../engine/plan";
import { noteIsOurs } from "../../engine/undo/expect";
import { locateJournal } from "../../engine/undo/plan";
import { rebaseJournal } from "../../engine/undo/rebase";
import { currentSheets } from "./currentCells";
import { notedBefore, wroteByPlan } from "../../engine/undo/wrote";
import { fileFormula } from "./fileFormula";
import { PackageEdit } from "./edit";
import { hashBytes, itemPropsXml, toBase64, journalXml, findJournalPart, readFileJournal, type FileJournal, type FileJournalCell, type JournalPart } from "./journalStore";
import { editNotes, noteHash, readNotes, type NoteWish } from "./notes";
import { entryOf, partBytes, REL_CUSTOM_XML, REL_CUSTOM_XML_PROPS, REL_STYLES, type SheetInfo, type XlsxPackage } from "./package";
import { cellValue } from "./read";
import { resultsSheetXml } from "./resultsPart";
import { cellAtPos, scanSheet, type ScannedCell } from "./sheet";
import { editSheet, insertionPoint, relAttr, type CellChange } from "./sheetEdit";
import { StyleBook } from "./styleBook";
import { fillOf, numFmtOf, readStyles } from "./styles";
import { oldJournal } from "./oldJournal";
import { addSheet, dropCalcChain, removeSheet, setPrintTitles } from "./workbookEdit";

const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_ITEM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";

/** Per-sheet work of one apply. */
interface SheetWork {
  info: SheetInfo & { path: string };
  index: number;
  changes: CellChange[];
  notes: NoteWish[];
}

/** What a cell holds now, for the journal. */
function capture(pkg: XlsxPackage, book: StyleBook, sheet: string, cell: ScannedCell | undefined, address: string, note: string | null, touched: JournalCell["touched"]): FileJournalCell {
  const styles = book.styles;
  const snap = cell ? cellValue(pkg, cell, styles) : null;
  const s = cell?.s ?? 0;
  return {
    sheet,
    cell: address,
    value: snap ? (snap.error ?? snap.value) : null,
    formula: snap?.formula ?? null,
    numFmt: numFmtOf(styles, s),
    fill: fillOf(styles, s),
    note,
    touched,
    style: s,
  };
}

/** Whether every part a journal recorded is still as the check wrote it. */
export function partsUnchanged(pkg: XlsxPackage, parts: JournalPart[] | null | undefined, journalPart: string | null): parts is JournalPart[] {
  if (!parts) return false;
  for (const p of parts) {
    if (p.name === journalPart || p.hash === "") continue;
    const e = entryOf(pkg, p.name);
    if (p.hash === "absent") {
      if (e) return false;
      continue;
    }
    if (!e) return false;
    const bytes = partBytes(pkg, p.name);
    if (!bytes || hashBytes(bytes) !== p.hash) return false;
  }
  return true;
}


/**
 * Apply a plan by patching the package: the sheets it writes or marks (only
 * those cells), their notes, the results sheet, styles and the bookkeeping
 * parts change; every other part is copied as it was.
 */
export function applyPlanToPackage(pkg: XlsxPackage, plan: Plan): Uint8Array {
  const edit = new PackageEdit(pkg);
  const journalPath = findJournalPart(pkg);
  const fromPart = readFileJournal(pkg);
  const legacy = fromPart ? null : oldJournal(pkg);
  const stored: FileJournal | null = fromPart ?? legacy;
  const byteExact = !!stored && Array.isArray(stored.parts) && partsUnchanged(pkg, stored.parts, journalPath);
  // Changed since the last check (renamed, rows inserted): the journal moves to where its cells are now.
  const now = stored && !byteExact ? ({ sheets: currentSheets(pkg, stored), source: legacy ? "sheet" : "part" } as const) : null;
  const rebased = stored && now ? rebaseJournal(stored, locateJournal(stored, now), now) : null;
  const old: FileJournal | null = rebased ? (rebased.journal as FileJournal) : stored;
  const styles = readStyles(pkg);
  const book = new StyleBook(styles);
  const sheetByName = new Map(pkg.sheets.filter((s) => s.path).map((s, i) => [s.name, { info: s as SheetInfo & { path: string }, index: i }]));
  const work = new Map<string, SheetWork>();
  const workOf = (name: string) => {
    const s = sheetByName.get(name);
    if (!s) return null;
    let w = work.get(name);
    if (!w) work.set(name, (w = { info: s.info, index: s.index, changes: [], notes: [] }));
    return w;
  };
  const cellAt = (path: string, row: number, col: number) => cellAtPos(scanSheet(pkg, path), row, col);
  const notesCache = new Map<string, Map<string, { text: string; ours: boolean }>>();
  const notesOf = (w: SheetWork) => {
    let n = notesCache.get(w.info.path);
    if (!n) notesCache.set(w.info.path, (n = readNotes(edit, w.info.path, scanSheet(pkg, w.info.path).legacyDrawing)));
    return n;
  };

  // Journal what each touched cell holds before anything changes.
  const kinds = new Map<string, { sheet: string; cell: string; kind: JournalCell["touched"] }>();
  const touch = (sheet: string, cell: string, kind: "value" | "mark") => {
    const k = `${sheet}\u0000${cell}`;
    const prev = kinds.get(k);
    kinds.set(k, { sheet, cell, kind: prev && prev.kind !== kind ? "both" : kind });
  };
  plan.writes.forEach((w) => touch(w.sheet, w.cell, "value"));
  plan.marks.forEach((m) => touch(m.sheet, m.cell, "mark"));
  const captured: FileJournalCell[] = [];
  for (const t of kinds.values()) {
    const w = workOf(t.sheet);
    const pos = parseA1(t.cell);
    if (!w || !pos) continue;
    const note = notesOf(w).get(t.cell);
    captured.push(capture(pkg, book, t.sheet, cellAt(w.info.path, pos.row, pos.col), t.cell, note ? note.text : null, t.kind));
  }

  const styleNow = new Map<string, number>();
  const currentStyle = (w: SheetWork, row: number, col: number) => styleNow.get(`${w.info.name}\u0000${row},${col}`) ?? cellAt(w.info.path, row, col)?.s ?? 0;
  const setStyle = (w: SheetWork, row: number, col: number, s: number) => styleNow.set(`${w.info.name}\u0000${row},${col}`, s);
  const indexesHold = byteExact || stylesIntact(pkg, old, styles.path);

  const notesDeleted = new Set<string>();
  // A note by our author is ours to change while it reads as we wrote it (the journal's record), or when the journal has no record of the cell.
  const stillOurs = (w: SheetWork, sheet: string, cell: string) => {
    const n = notesOf(w).get(cell);
    if (!n?.ours) return false;
    const c = old?.cells.find((x) => x.sheet === sheet && x.cell === cell && x.touched !== "value");
    return !c || noteIsOurs(old!, c, n.text, legacy ? "sheet" : "part");
  };
  // Marks of an earlier check that this plan no longer makes: their own fill and no note of ours.
  // Where our cells' position is unsure (rows inserted inside a form), a stale mark is left rather than its fill given to whatever cell is at its old address.
  const stale = (staleMarks(old, plan.marks) as FileJournalCell[]).filter((c) => !rebased?.unsure.includes(c.sheet));
  for (const c of stale) {
    const w = workOf(c.sheet);
    const pos = parseA1(c.cell);
    if (!w || !pos) continue;
    const s = indexesHold && c.style !== undefined && c.touched === "mark" ? c.style : book.derive(currentStyle(w, pos.row, pos.col), { fill: c.fill });
    setStyle(w, pos.row, pos.col, s);
    w.changes.push({ row: pos.row, col: pos.col, style: s });
    if (stillOurs(w, c.sheet, c.cell)) {
      w.notes.push({ ref: c.cell, text: null });
      notesDeleted.add(`${c.sheet}!${c.cell}`);
    }
  }
  let formulasChanged = false;
  for (const wr of plan.writes) {
    const w = workOf(wr.sheet);
    if (!w) continue;
    const cur = cellAt(w.info.path, wr.row, wr.col);
    if (wr.formula !== null || cur?.f) formulasChanged = true;
    const s = wr.numFmt ? book.derive(currentStyle(w, wr.row, wr.col), { numFmt: wr.numFmt }) : currentStyle(w, wr.row, wr.col);
    setStyle(w, wr.row, wr.col, s);
    w.changes.push({ row: wr.row, col: wr.col, style: s, write: { value: wr.value, formula: wr.formula === null ? null : fileFormula(wr.formula) } });
  }
  for (const m of plan.marks) {
    const w = workOf(m.sheet);
    if (!w) continue;
    const s = book.derive(currentStyle(w, m.row, m.col), { fill: MARK_FILL[m.tone] });
    setStyle(w, m.row, m.col, s);
    w.changes.push({ row: m.row, col: m.col, style: s });
    // Our note that a person has edited since (a reviewer's added line) stays theirs: not rewritten.
    const n = notesOf(w).get(m.cell);
    if (n?.ours && !stillOurs(w, m.sheet, m.cell)) continue;
    w.notes.push({ ref: m.cell, text: m.note });
  }

  const ourNotes = new Set(old?.notes ?? []);
  const noteHashes: Record<string, string> = { ...(old?.noteHashes ?? {}) };
  const notesWritten = new Set<string>();
  for (const w of work.values()) {
    const scan = scanSheet(pkg, w.info.path);
    const extra = [];
    const outcome = editNotes(edit, w.info.path, scan.legacyDrawing, w.notes, w.index);
    for (const n of w.notes) ourNotes.delete(`${w.info.name}!${n.ref}`);
    for (const ref of outcome.ours) ourNotes.add(`${w.info.name}!${ref}`);
    const lastText = new Map(w.notes.map((n) => [n.ref, n.text]));
    const oursNow = new Set(outcome.ours);
    for (const [ref, text] of lastText) {
      const key = `${w.info.name}!${ref}`;
      if (text !== null && oursNow.has(ref)) {
        noteHashes[key] = noteHash(text);
        notesWritten.add(key);
      }
      else delete noteHashes[key];
    }
    if (outcome.legacyDrawingRel) {
      const at = insertionPoint(scan, "legacyDrawing");
      const pre = scan.root.name.includes(":") ? scan.root.name.slice(0, scan.root.name.indexOf(":") + 1) : "";
      extra.push({ start: at, end: at, text: `<${pre}legacyDrawing ${relAttr(scan, outcome.legacyDrawingRel)}/>` });
    }
    const text = editSheet(scan, w.changes, extra);
    if (text !== scan.xml) edit.set(w.info.path, text);
  }
  if (formulasChanged) dropCalcChain(edit);

  // 「核查结果」: ours, rewritten whole when it is there, else added at the end.
  let created = false;
  const resultsText = resultsSheetXml(plan.results, book);
  const existing = sheetByName.get(plan.results.name);
  if (existing) {
    if (edit.text(existing.info.path) !== resultsText) edit.set(existing.info.path, resultsText);
  } else {
    addSheet(edit, plan.results.name, resultsText);
    created = true;
  }
  setPrintTitles(edit, plan.results.name, plan.results.print?.repeatRows ?? null);
  if (legacy) removeSheet(edit, JOURNAL_SHEET);
  if (book.changed) {
    if (styles.path) edit.set(styles.path, book.render());
    else {
      const path = "xl/styles.xml";
      edit.set(path, book.render());
      edit.addOverride(path, CT_STYLES);
      edit.addRel(pkg.workbookPath, REL_STYLES, path);
    }
  }

  // The journal: cells, then the parts (hash of what we wrote; original compressed bytes of what we edited).
  const written = plan.writes.filter((w) => w.formula === null).map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value }));
  // A note of ours left alone (a person edited it) keeps its record, for undo to find and keep it.
  // No times in a file's journal (they serve parts written at once in Excel): the same input gives the same copy.
  const wrote = wroteByPlan(plan, stale, (sheet, cell) => (notesWritten.has(`${sheet}!${cell}`) ? true : notesDeleted.has(`${sheet}!${cell}`) ? false : notedBefore(old, sheet, cell) ? "unchanged" : false));
  const merged = mergeJournal(old, { captured, createdSheets: created ? [plan.results.name] : [], written, wrote, sheets: pkg.sheets.map((s) => ({ name: s.name })) }) as FileJournal;
  merged.notes = [...ourNotes];
  merged.noteHashes = noteHashes;
  const jPath = journalPath ?? edit.freeName("customXml/item{n}.xml");
  if (!journalPath) {
    const props = jPath.replace(/item(\d+)\.xml$/, "itemProps$1.xml");
    edit.set(props, itemPropsXml());
    edit.addOverride(props, CT_ITEM_PROPS);
    edit.addRel(jPath, REL_CUSTOM_XML_PROPS, props);
    edit.addRel(pkg.workbookPath, REL_CUSTOM_XML, jPath);
  }
  merged.parts = recordParts(pkg, edit, old, byteExact, jPath);
  edit.set(jPath, journalXml(merged));
  edit.stored.add(jPath);
  return edit.build();
}

/** styles.xml is as the check wrote it: the journal's style indexes still mean what they meant. */
export function stylesIntact(pkg: XlsxPackage, j: FileJournal | null, stylesPath: string | null): boolean {
  const rec = j?.parts?.find((p) => p.name === stylesPath);
  if (!rec || !stylesPath || !entryOf(pkg, stylesPath)) return false;
  const bytes = partBytes(pkg, stylesPath);
  return !!bytes && hashBytes(bytes) === rec.hash;
}

function recordParts(pkg: XlsxPackage, edit: PackageEdit, old: FileJournal | null, byteExact: boolean, jPath: string): JournalPart[] | null {
  // A journal without parts (the add-in's, the old sheet's) or a package re-saved since: cells only from now on.
  if (old && !byteExact) return null;
  const prev = new Map((old?.parts ?? []).map((p) => [p.name, p]));
  const names = new Set([...edit.touched(), ...prev.keys()]);
  const out: JournalPart[] = [];
  for (const name of names) {
    if (name === jPath) {
      out.push({ name, hash: "" });
      continue;
    }
    const before = prev.get(name);
    const bytes = edit.bytes(name);
    const hash = bytes ? hashBytes(bytes) : "absent";
    if (before) {
      out.push({ ...before, hash });
      continue;
    }
    const e = entryOf(pkg, name);
    if (!e) {
      out.push({ name, hash });
      continue;
    }
    out.push({ name: e.name, hash, original: { method: e.method, crc: e.crc, size: e.size, time: e.time, date: e.date, data: toBase64(pkg.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize)) } });
  }
  return out;
}

