import type { Plan } from "../src/engine/plan";
import {
  canon,
  childElements,
  elementsByName,
  NS,
  parseXml,
  readParts,
  REL,
  relationships,
  relsPartOf,
  sharedStrings,
  sheetCells,
  sheetComments,
  sheetParts,
  workbookPart,
  type Parts,
} from "./ooxml";

/**
 * The preservation checker: what of an input package is missing or changed in an
 * output package (a checked copy, or a file after undo).
 *
 * Parts a check has a reason to edit — the sheets, their relationships, notes
 * (comments + VML), styles, shared strings, workbook.xml and its relationships,
 * [Content_Types].xml, docProps/app.xml, calcChain — may change, but only so:
 * - a sheet keeps every child element of <worksheet> other than sheetData and
 *   dimension identically (sheetViews and panes, cols, mergeCells, dataValidations,
 *   conditionalFormatting, hyperlinks, drawing, legacyDrawing, pageSetup, printOptions,
 *   headerFooter, sheetProtection, extLst…), every row keeps its height and visibility,
 *   every cell outside `changeable` keeps its value, formula and type, and, outside
 *   `restyled` too, its style;
 * - relationships and content types of the input are all still there, unchanged;
 * - styles are appended to, never renumbered (cell style indexes keep their meaning);
 * - workbook.xml keeps its sheets, its defined names and every other element
 *   (pivotCaches, workbookPr, bookViews, extLst…) identical; calcPr may change;
 * - every note of the input is still there with its text;
 * - docProps/core.xml changes only in its modified time / last modified by.
 * Every other part (charts, drawings, images, pivot tables and caches, threaded
 * comments, persons, custom properties, custom XML, VBA, theme, printer settings…)
 * must come through byte for byte.
 */

export interface Loss {
  part: string;
  what: string;
}

export interface PreservationOptions {
  /** Cells whose content the output may change, by sheet name ("附件2" → {"G5", "H5"}). */
  changeable?: Map<string, Set<string>>;
  /** Cells whose style (a fill) alone may change; their value, formula and type must stay. */
  restyled?: Map<string, Set<string>>;
  /** Undo: nothing may be edited; every part byte-identical apart from docProps timestamps, nothing added. */
  exact?: boolean;
}

const CORE_TIMESTAMPS = new Set(["{http://purl.org/dc/terms/}modified", "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"]);

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The part names a check may edit, found through relationships, not assumed names. */
function editableParts(parts: Parts): { sheets: Set<string>; other: Set<string> } {
  const wb = workbookPart(parts);
  const sheets = new Set(sheetParts(parts).map((s) => s.part));
  const other = new Set<string>([wb, relsPartOf(wb), "[Content_Types].xml", "docProps/app.xml"]);
  for (const r of relationships(parts, wb)) if (r.type === REL.styles || r.type === REL.sharedStrings || r.type === REL.calcChain) other.add(r.target);
  for (const s of sheets) {
    other.add(relsPartOf(s));
    for (const r of relationships(parts, s)) if (r.type === REL.comments || r.type === REL.vml) other.add(r.target);
  }
  return { sheets, other };
}

/** Canonical forms of the root's children, grouped by name, in document order. */
function childrenByName(doc: Document, skip: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const el of childElements(doc.documentElement)) {
    if (skip.has(el.localName ?? "")) continue;
    const key = `{${el.namespaceURI}}${el.localName}`;
    out.set(key, [...(out.get(key) ?? []), canon(el)]);
  }
  return out;
}

function short(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Every child element of the input's root other than `skip` must be in the output, identical. */
function compareChildren(part: string, a: Document, b: Document, skip: Set<string>, losses: Loss[]): void {
  const before = childrenByName(a, skip);
  const after = childrenByName(b, skip);
  for (const [name, list] of before) {
    const out = after.get(name) ?? [];
    const local = name.replace(/^\{[^}]*\}/, "");
    if (out.length === 0) losses.push({ part, what: `<${local}> missing` });
    else for (const c of list) if (!out.includes(c)) losses.push({ part, what: `<${local}> changed: ${short(c)} → ${short(out.join(" | "))}` });
  }
}

function compareSheet(name: string, part: string, inP: Parts, outP: Parts, inStrings: string[], outStrings: string[], changeable: Set<string>, restyled: Set<string>, losses: Loss[]): void {
  const a = parseXml(part, inP.get(part)!);
  const b = parseXml(part, outP.get(part)!);
  compareChildren(part, a, b, new Set(["sheetData", "dimension"]), losses);
  if (elementsByName(a, NS.main, "dimension").length && !elementsByName(b, NS.main, "dimension").length) losses.push({ part, what: "<dimension> missing" });
  // Rows keep their height, visibility and outline.
  const rowAttrs = (doc: Document) =>
    new Map(
      elementsByName(doc, NS.main, "row").map((r) => [
        r.getAttribute("r") ?? "",
        ["ht", "customHeight", "hidden", "outlineLevel", "collapsed", "s", "customFormat"].map((k) => `${k}=${r.getAttribute(k) ?? ""}`).join(" "),
      ]),
    );
  const rowsA = rowAttrs(a);
  const rowsB = rowAttrs(b);
  for (const [r, attrs] of rowsA) {
    const o = rowsB.get(r);
    if (o === undefined) losses.push({ part, what: `${name} row ${r} missing` });
    else if (o !== attrs) losses.push({ part, what: `${name} row ${r} changed: ${attrs} → ${o}` });
  }
  const cellsA = sheetCells(inP, part, inStrings);
  const cellsB = sheetCells(outP, part, outStrings);
  for (const [ref, c] of cellsA) {
    if (changeable.has(ref)) continue;
    const o = cellsB.get(ref);
    if (!o) {
      losses.push({ part, what: `${name}!${ref} missing` });
      continue;
    }
    const diff = (["value", "formula", "type", "style"] as const).filter((k) => c[k] !== o[k] && !(k === "style" && restyled.has(ref)));
    if (diff.length) losses.push({ part, what: `${name}!${ref} changed (${diff.map((k) => `${k} ${JSON.stringify(c[k])} → ${JSON.stringify(o[k])}`).join(", ")})` });
  }
}

/** Relationships of the input part all present in the output with the same id, type and target. */
function compareRelationships(source: string, inP: Parts, outP: Parts, losses: Loss[]): void {
  const out = relationships(outP, source);
  for (const r of relationships(inP, source)) {
    const o = out.find((x) => x.id === r.id);
    if (!o) losses.push({ part: relsPartOf(source), what: `relationship ${r.id} (${r.type.split("/").pop()} → ${r.target}) missing` });
    else if (o.type !== r.type || o.target !== r.target || o.external !== r.external)
      losses.push({ part: relsPartOf(source), what: `relationship ${r.id} changed: ${r.target} → ${o.target}` });
  }
}

function compareContentTypes(inP: Parts, outP: Parts, losses: Loss[]): void {
  const part = "[Content_Types].xml";
  const entries = (p: Parts) =>
    new Map(
      childElements(parseXml(part, p.get(part)!).documentElement).map((e) => [
        `${e.localName}:${(e.getAttribute("Extension") ?? e.getAttribute("PartName") ?? "").toLowerCase()}`,
        (e.getAttribute("ContentType") ?? "").trim(),
      ]),
    );
  const a = entries(inP);
  const b = entries(outP);
  for (const [k, ct] of a) {
    // An override for a part the input does not have is no loss if dropped.
    if (k.startsWith("Override:") && !inP.has(k.slice("Override:/".length)) && !inP.has(decodeURI(k.slice("Override:/".length)))) continue;
    if (!b.has(k)) losses.push({ part, what: `${k} missing` });
    else if (b.get(k) !== ct) losses.push({ part, what: `${k} changed: ${ct} → ${b.get(k)}` });
  }
}

/** Styles may be appended to; every input entry keeps its index. */
function compareStyles(part: string, inP: Parts, outP: Parts, losses: Loss[]): void {
  const a = parseXml(part, inP.get(part)!);
  const b = parseXml(part, outP.get(part)!);
  for (const list of ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]) {
    const ia = elementsByName(a, NS.main, list)[0];
    if (!ia) continue;
    const ib = elementsByName(b, NS.main, list)[0];
    const kb = ib ? childElements(ib).map(canon) : [];
    childElements(ia).forEach((el, i) => {
      if (kb[i] !== canon(el)) losses.push({ part, what: `${list}[${i}] ${kb[i] === undefined ? "missing" : "changed"}: ${short(canon(el))}` });
    });
  }
}

function compareWorkbook(part: string, inP: Parts, outP: Parts, losses: Loss[]): void {
  const a = parseXml(part, inP.get(part)!);
  const b = parseXml(part, outP.get(part)!);
  compareChildren(part, a, b, new Set(["sheets", "definedNames", "calcPr"]), losses);
  const sheetsB = elementsByName(b, NS.main, "sheet").map(canon);
  for (const s of elementsByName(a, NS.main, "sheet")) if (!sheetsB.includes(canon(s))) losses.push({ part, what: `sheet "${s.getAttribute("name")}" changed or missing` });
  const namesB = elementsByName(b, NS.main, "definedName").map(canon);
  for (const n of elementsByName(a, NS.main, "definedName"))
    if (!namesB.includes(canon(n))) losses.push({ part, what: `defined name ${n.getAttribute("name")}${n.hasAttribute("localSheetId") ? `@${n.getAttribute("localSheetId")}` : ""} = ${n.textContent} changed or missing` });
}

/** docProps/core.xml: only the modified time and last modified by may differ. */
function compareCore(part: string, inP: Parts, outP: Parts, losses: Loss[]): void {
  const props = (p: Parts) => new Map(childElements(parseXml(part, p.get(part)!).documentElement).map((e) => [`{${e.namespaceURI}}${e.localName}`, canon(e)]));
  const a = props(inP);
  const b = props(outP);
  for (const [k, v] of a) if (!CORE_TIMESTAMPS.has(k) && b.get(k) !== v) losses.push({ part, what: `${k.replace(/^\{[^}]*\}/, "")} ${b.has(k) ? "changed" : "missing"}` });
}

/** What of the input is missing or changed in the output; an empty list means nothing was lost. */
export function preservationLosses(input: Uint8Array, output: Uint8Array, opts: PreservationOptions = {}): Loss[] {
  const inP = readParts(input);
  const outP = readParts(output);
  const losses: Loss[] = [];
  const { sheets, other } = editableParts(inP);
  for (const [part, bytes] of inP) {
    const out = outP.get(part);
    if (!out) {
      // calcChain may be dropped: spreadsheet programs rebuild it.
      if (!(opts.exact !== true && other.has(part) && part.toLowerCase().includes("calcchain"))) losses.push({ part, what: "part missing" });
      continue;
    }
    if (equalBytes(bytes, out)) continue;
    if (part === "docProps/core.xml") compareCore(part, inP, outP, losses);
    else if (opts.exact) losses.push({ part, what: "part changed" });
    else if (sheets.has(part)) {
      const sheet = sheetParts(inP).find((s) => s.part === part)!;
      compareSheet(sheet.name, part, inP, outP, sharedStrings(inP), sharedStrings(outP), opts.changeable?.get(sheet.name) ?? new Set(), opts.restyled?.get(sheet.name) ?? new Set(), losses);
    } else if (part === workbookPart(inP)) compareWorkbook(part, inP, outP, losses);
    else if (part.endsWith(".rels") && other.has(part)) compareRelationships(part.replace(/_rels\/([^/]*)\.rels$/, "$1").replace(/^_rels\/\.rels$/, ""), inP, outP, losses);
    else if (part === "[Content_Types].xml") compareContentTypes(inP, outP, losses);
    else if (other.has(part) && relationships(inP, workbookPart(inP)).some((r) => r.type === REL.styles && r.target === part)) compareStyles(part, inP, outP, losses);
    else if (!other.has(part)) losses.push({ part, what: "part changed" });
  }
  if (!opts.exact) {
    // Every note of the input, on every sheet, is still there with its text.
    const outSheets = sheetParts(outP);
    for (const s of sheetParts(inP)) {
      const o = outSheets.find((x) => x.name === s.name);
      const after = o ? sheetComments(outP, o.part) : new Map<string, string>();
      for (const [ref, t] of sheetComments(inP, s.part)) {
        const now = after.get(ref);
        if (now === undefined) losses.push({ part: s.part, what: `note at ${s.name}!${ref} missing` });
        else if (!now.includes(t)) losses.push({ part: s.part, what: `note at ${s.name}!${ref} lost its text "${short(t, 40)}"` });
      }
    }
  } else {
    for (const part of outP.keys()) if (!inP.has(part)) losses.push({ part, what: "part added (undo leaves it behind)" });
  }
  return losses;
}

/** What a check's plan may change: the cells it writes (content), the cells it marks (fill). */
export function planCells(plan: Plan): Pick<PreservationOptions, "changeable" | "restyled"> {
  const bySheet = (cells: { sheet: string; cell: string }[]) => {
    const out = new Map<string, Set<string>>();
    for (const c of cells) out.set(c.sheet, (out.get(c.sheet) ?? new Set()).add(c.cell));
    return out;
  };
  return { changeable: bySheet(plan.writes), restyled: bySheet(plan.marks) };
}

/** The parts of a package, for reports: name and size. */
export function partList(bytes: Uint8Array): string[] {
  return [...readParts(bytes).keys()].sort();
}
