import { a1, parseRangeA1 } from "../../engine/address";
import type { CellScalar } from "../../engine/snapshot";
import { REL_NS } from "./package";
import type { ScannedCell, SheetScan } from "./sheet";
import { escAttr, escText, retag, splice, type Edit } from "./xml";

/** What a check does to one cell: write it (value and/or formula), restyle it, or both. */
export interface CellChange {
  row: number;
  col: number;
  write?: { value: CellScalar; formula: string | null; error?: string | null };
  /** New style index; absent: keep the cell's. */
  style?: number;
}

const ERROR_LITERAL = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;
export const isErrorLiteral = (s: unknown) => typeof s === "string" && ERROR_LITERAL.test(s);

/** A number as the file format writes it (no exponent Excel cannot read). */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n).replace("e", "E") : "0";
}

/** A cell element. Strings are inline strings: text from a workbook never becomes a formula or a shared-string edit. */
export function cellXml(p: string, row: number, col: number, style: number, write: NonNullable<CellChange["write"]>): string {
  const r = a1(row, col);
  const s = style ? ` s="${style}"` : "";
  const { value, formula } = write;
  const error = write.error ?? (isErrorLiteral(value) ? (value as string) : null);
  if (formula !== null) {
    const f = `<${p}f>${escText(formula)}</${p}f>`;
    if (error) return `<${p}c r="${r}"${s} t="e">${f}<${p}v>${escText(error)}</${p}v></${p}c>`;
    if (value === null) return `<${p}c r="${r}"${s}>${f}</${p}c>`;
    if (typeof value === "number") return `<${p}c r="${r}"${s}>${f}<${p}v>${numberText(value)}</${p}v></${p}c>`;
    if (typeof value === "boolean") return `<${p}c r="${r}"${s} t="b">${f}<${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
    return `<${p}c r="${r}"${s} t="str">${f}<${p}v>${escText(value)}</${p}v></${p}c>`;
  }
  if (error) return `<${p}c r="${r}"${s} t="e"><${p}v>${escText(error)}</${p}v></${p}c>`;
  if (value === null || value === "") return `<${p}c r="${r}"${s}/>`;
  if (typeof value === "number") return `<${p}c r="${r}"${s}><${p}v>${numberText(value)}</${p}v></${p}c>`;
  if (typeof value === "boolean") return `<${p}c r="${r}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escText(value)}</${p}t></${p}is></${p}c>`;
}

/** The prefix the worksheet's elements are written with ("" or "x:"). */
export function prefixOf(scan: SheetScan): string {
  const i = scan.root.name.indexOf(":");
  return i < 0 ? "" : scan.root.name.slice(0, i + 1);
}

function restyled(scan: SheetScan, c: ScannedCell, style: number): string {
  const el = { name: `${prefixOf(scan)}c`, attrs: c.attrs, selfClosing: c.selfClosing } as never;
  const open = retag(scan.xml, el, { s: style ? String(style) : null });
  return c.selfClosing ? open : open + scan.xml.slice(c.openEnd, c.end);
}

/** Top-level elements of a worksheet in schema order (CT_Worksheet). */
export const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter",
  "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
  "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/** Where a new top-level element goes: before the first existing one that follows it in schema order. */
export function insertionPoint(scan: SheetScan, local: string): number {
  const rank = WORKSHEET_ORDER.indexOf(local);
  const next = scan.top.find((t) => WORKSHEET_ORDER.indexOf(t.local) > rank);
  if (next) return next.start;
  return scan.xml.lastIndexOf("</", scan.xml.length);
}

/** The r: prefix declared on the root, or a declaration to add on the element itself. */
export function relAttr(scan: SheetScan, id: string): string {
  const decl = Object.entries(scan.root.attrs).find(([k, v]) => k.startsWith("xmlns:") && v === REL_NS);
  return decl ? `${decl[0].slice(6)}:id="${escAttr(id)}"` : `xmlns:r="${REL_NS}" r:id="${escAttr(id)}"`;
}

/** A cell's position as one number (a sheet has at most 16,384 columns). */
const posKey = (row: number, col: number) => row * 16384 + col;

/**
 * The worksheet's text with the changes spliced in: changed cells replaced,
 * new cells and rows inserted in order; every other byte as it was.
 */
export function editSheet(scan: SheetScan, changes: CellChange[], extra: Edit[] = []): string {
  const p = prefixOf(scan);
  const xml = scan.xml;
  const edits: Edit[] = [...extra];
  const byPos = new Map<number, ScannedCell>();
  for (const c of scan.cells) byPos.set(posKey(c.row, c.col), c);
  const rowsByR = new Map(scan.rows.map((r, i) => [r.r, i]));
  const newByRow = new Map<number, CellChange[]>();

  // A shared formula whose master is overwritten: its other cells get their formula written out.
  const overwritten = new Set(changes.filter((c) => c.write).map((c) => posKey(c.row, c.col)));
  const orphaned = new Set<string>();
  for (const c of scan.cells) {
    if (c.f?.t === "shared" && c.f.ref !== undefined && c.f.si !== undefined && overwritten.has(posKey(c.row, c.col))) orphaned.add(c.f.si);
  }
  const explicit = new Map<number, ScannedCell>();
  if (orphaned.size) {
    for (const c of scan.cells) {
      const key = posKey(c.row, c.col);
      if (c.f?.t === "shared" && c.f.si !== undefined && orphaned.has(c.f.si) && !overwritten.has(key)) explicit.set(key, c);
    }
  }

  const changeByPos = new Map<number, CellChange>();
  for (const ch of changes) {
    const key = posKey(ch.row, ch.col);
    const prev = changeByPos.get(key);
    changeByPos.set(key, prev ? { ...prev, ...ch, write: ch.write ?? prev.write, style: ch.style ?? prev.style } : ch);
  }
  for (const [key, c] of explicit) {
    if (changeByPos.has(key)) continue;
    const text = `<${p}f>${escText(c.formula ?? "")}</${p}f>`;
    edits.push({ start: c.start, end: c.end, text: rebuildWithFormula(scan, c, text) });
  }

  let maxRow = -1, maxCol = -1, minRow = Infinity, minCol = Infinity;
  for (const ch of changeByPos.values()) {
    const cur = byPos.get(posKey(ch.row, ch.col));
    if (cur) {
      if (ch.write) edits.push({ start: cur.start, end: cur.end, text: cellXml(p, ch.row, ch.col, ch.style ?? cur.s, ch.write) });
      else if (ch.style !== undefined && ch.style !== cur.s) edits.push({ start: cur.start, end: cur.end, text: restyled(scan, cur, ch.style) });
      continue;
    }
    if (!ch.write && !ch.style) continue;
    const list = newByRow.get(ch.row) ?? [];
    list.push(ch);
    newByRow.set(ch.row, list);
    maxRow = Math.max(maxRow, ch.row);
    maxCol = Math.max(maxCol, ch.col);
    minRow = Math.min(minRow, ch.row);
    minCol = Math.min(minCol, ch.col);
  }
  const newCell = (ch: CellChange) => cellXml(p, ch.row, ch.col, ch.style ?? 0, ch.write ?? { value: null, formula: null });
  const sortedRows = [...newByRow.keys()].sort((a, b) => a - b);
  for (const r of sortedRows) {
    const list = newByRow.get(r)!.sort((a, b) => a.col - b.col);
    const ri = rowsByR.get(r);
    if (ri !== undefined) {
      const row = scan.rows[ri];
      const open = retag(xml, { name: `${p}row`, attrs: row.attrs, selfClosing: false } as never, { spans: null });
      edits.push({ start: row.start, end: row.openEnd, text: open });
      if (row.selfClosing) {
        edits.push({ start: row.openEnd, end: row.openEnd, text: list.map(newCell).join("") + `</${p}row>` });
        continue;
      }
      for (const ch of list) {
        const before = row.cells.map((i) => scan.cells[i]).find((c) => c.col > ch.col);
        const at = before ? before.start : xml.lastIndexOf("</", row.end - 1);
        edits.push({ start: at, end: at, text: newCell(ch) });
      }
    } else {
      const next = scan.rows.find((x) => x.r > r);
      const text = `<${p}row r="${r + 1}">${list.map(newCell).join("")}</${p}row>`;
      if (next) edits.push({ start: next.start, end: next.start, text });
      else if (scan.sheetData && !scan.sheetData.selfClosing) edits.push({ start: scan.sheetData.closeStart, end: scan.sheetData.closeStart, text });
      else if (scan.sheetData) edits.push({ start: scan.sheetData.start, end: scan.sheetData.end, text: `<${p}sheetData>${text}</${p}sheetData>` });
    }
  }
  // The dimension grows to cover new cells (a hint readers use for the used range).
  const dim = scan.top.find((t) => t.local === "dimension");
  if (dim && maxRow >= 0) {
    const cur = parseRangeA1(dim.attrs.ref ?? "A1");
    if (cur) {
      const top = Math.min(cur.top, minRow), left = Math.min(cur.left, minCol), bottom = Math.max(cur.bottom, maxRow), right = Math.max(cur.right, maxCol);
      if (top !== cur.top || left !== cur.left || bottom !== cur.bottom || right !== cur.right) {
        const ref = top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`;
        edits.push({ start: dim.start, end: dim.openEnd, text: retag(xml, { name: dim.name, attrs: dim.attrs, selfClosing: dim.end === dim.openEnd } as never, { ref }) });
      }
    }
  }
  return splice(xml, edits);
}

/** A shared-formula cell rewritten with its own formula; value, type and style kept. */
function rebuildWithFormula(scan: SheetScan, c: ScannedCell, f: string): string {
  const p = prefixOf(scan);
  const open = retag(scan.xml, { name: `${p}c`, attrs: c.attrs, selfClosing: false } as never, {});
  const v = c.v !== null ? `<${p}v>${escText(c.v)}</${p}v>` : "";
  return `${open}${f}${v}</${p}c>`;
}
