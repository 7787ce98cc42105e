import { parseRangeA1 } from "../../engine/address";
import type { CellRange, SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../../engine/snapshot";
import { broken } from "./errors";
import { readFileJournal } from "./journalStore";
import { entryOf, partText, relIs, relsOf, REL_SHARED_STRINGS, type XlsxPackage } from "./package";
import { scanSheet, type ScannedCell } from "./sheet";
import { readStyles, type Styles } from "./styles";
import { localName, saxParser } from "./xml";

/** Shared strings, rich runs joined, phonetic guides (rPh) left out as Excel shows them. */
export function sharedStrings(pkg: XlsxPackage): string[] {
  const cached = pkg.cache.get("sst") as string[] | undefined;
  if (cached) return cached;
  const out: string[] = [];
  const rel = relsOf(pkg, pkg.workbookPath).find((r) => relIs(r, REL_SHARED_STRINGS) && r.target);
  const path = rel?.target && entryOf(pkg, rel.target) ? entryOf(pkg, rel.target)!.name : null;
  const xml = path ? partText(pkg, path) : null;
  if (xml) {
    const p = saxParser();
    let cur: string | null = null;
    let inT = false;
    let rph = 0;
    p.on("opentag", (tag) => {
      const l = localName(tag.name);
      if (l === "si") cur = "";
      else if (l === "rPh") rph++;
      else if (l === "t" && rph === 0 && !tag.isSelfClosing) inT = true;
    });
    p.on("text", (t) => {
      if (inT && cur !== null) cur += t;
    });
    p.on("closetag", (tag) => {
      const l = localName(tag.name);
      if (l === "si") {
        out.push(cur ?? "");
        cur = null;
      } else if (l === "rPh") rph--;
      else if (l === "t") inT = false;
    });
    p.on("error", (e) => {
      throw broken(pkg.fileName, `malformed XML in ${path}: ${e.message}`);
    });
    p.write(xml).close();
  }
  pkg.cache.set("sst", out);
  return out;
}

/** Excel's serial, through a millisecond Date as ExcelJS reads it, so both adapters agree to the bit. */
function dateSerial(v: number, date1904: boolean): number {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  return ms / 86400000 + 25569;
}

/** What a scanned cell holds, as the engine sees it. */
export function cellValue(pkg: XlsxPackage, c: ScannedCell, styles: Styles): SnapshotCell | null {
  const isFormula = (c.formula !== null && c.formula !== "") || c.f?.t === "shared";
  const v = c.v;
  if (isFormula) {
    const formula = (c.formula ?? "").replace(/_xlfn\./gi, "");
    if (!v) return { value: null, formula };
    if (c.t === "str") return { value: v, formula };
    if (c.t === "b") return { value: parseInt(v, 10) !== 0, formula };
    if (c.t === "e") return { value: null, error: v, formula };
    const n = parseFloat(v);
    return styles.dateXf[c.s] ? { value: dateSerial(n, pkg.date1904), date: true, formula } : { value: n, formula };
  }
  if (c.t === "inlineStr") return c.is === null ? null : { value: c.is };
  if (v === null) return null;
  switch (c.t) {
    case "s": {
      const s = sharedStrings(pkg)[parseInt(v, 10)];
      return { value: s ?? "" };
    }
    case "str":
      return { value: v };
    case "b":
      return { value: parseInt(v, 10) !== 0 };
    case "e":
      return { value: null, error: v };
    case "d":
      return { value: v, date: true };
    default: {
      const n = parseFloat(v);
      return styles.dateXf[c.s] ? { value: dateSerial(n, pkg.date1904), date: true } : { value: n };
    }
  }
}

/**
 * Whether a position is covered by a merge (in it, not its top-left), for the rows that hold cells:
 * each merge is listed under those rows only, so a ledger with a merge on every row is not checked
 * cell by merge (8,000 merged rows made that a second).
 */
export function coveredTest(merges: CellRange[], rowsWithCells: number[]): (r: number, c: number) => boolean {
  const rows = [...new Set(rowsWithCells)].sort((a, b) => a - b);
  const byRow = new Map<number, CellRange[]>();
  for (const m of merges) {
    // The first row with cells at or below the merge's top (binary search), then down to its bottom.
    let lo = 0, hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid] < m.top) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length && rows[i] <= m.bottom; i++) {
      const list = byRow.get(rows[i]);
      if (list) list.push(m);
      else byRow.set(rows[i], [m]);
    }
  }
  return (r, c) => byRow.get(r)?.some((m) => c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) ?? false;
}

const EMPTY_ROW: (SnapshotCell | null)[] = Object.freeze([]) as unknown as (SnapshotCell | null)[];

function sheetSnapshot(pkg: XlsxPackage, name: string, path: string | null, visibility: SheetSnapshot["visibility"], styles: Styles): SheetSnapshot {
  if (!path) return { name, top: 0, left: 0, cells: [], merges: [], visibility, protected: false };
  const scan = scanSheet(pkg, path);
  const merges: CellRange[] = scan.merges.map((m) => parseRangeA1(m)).filter((m): m is CellRange => m !== null);
  const held: { r: number; c: number; cell: SnapshotCell }[] = [];
  for (const c of scan.cells) {
    const snap = cellValue(pkg, c, styles);
    if (snap) held.push({ r: c.row, c: c.col, cell: snap });
  }
  // A merged area's covered cells are empty in Excel, whatever the file holds there.
  const covered = merges.length ? coveredTest(merges, held.map((f) => f.r)) : null;
  let top = Infinity, left = Infinity, bottom = -1;
  const found: { r: number; c: number; cell: SnapshotCell }[] = [];
  // Each row's last cell: a row is only as long as that (below).
  const rowEnd = new Map<number, number>();
  for (const f of held) {
    if (covered?.(f.r, f.c)) continue;
    found.push(f);
    top = Math.min(top, f.r);
    left = Math.min(left, f.c);
    bottom = Math.max(bottom, f.r);
    rowEnd.set(f.r, Math.max(rowEnd.get(f.r) ?? -1, f.c));
  }
  const base = { name, merges, visibility, protected: scan.protected };
  if (found.length === 0) return { ...base, top: 0, left: 0, cells: [] };
  // Each row only as long as its own last cell, and one shared empty row between them: a stray value
  // typed at XFD1048576 makes the used range the whole sheet, and a full grid of it would not fit in memory.
  const cells: (SnapshotCell | null)[][] = [];
  for (let r = top; r <= bottom; r++) {
    const end = rowEnd.get(r);
    cells.push(end === undefined ? EMPTY_ROW : new Array(end - left + 1).fill(null));
  }
  for (const f of found) cells[f.r - top][f.c - left] = f.cell;
  return { name: base.name, top, left, cells, merges, visibility, protected: scan.protected };
}

/** The engine's snapshot of every worksheet (chart sheets read as empty), with the undo journal. */
export function readSnapshot(pkg: XlsxPackage): WorkbookSnapshot {
  const styles = readStyles(pkg);
  const sheets = pkg.sheets.filter((s) => s.path).map((s) => sheetSnapshot(pkg, s.name, s.path, s.state, styles));
  return { sheets, journal: readFileJournal(pkg) };
}
