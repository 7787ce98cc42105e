import { DOMParser } from "@xmldom/xmldom";
import { unzipSync } from "fflate";

/**
 * Just enough OOXML package reading for the tests that compare packages: parts by
 * name, relationships resolved (relative or absolute targets), content types, and
 * a namespace-prefix-independent canonical form of XML elements. A real XML parser
 * (xmldom), never regular expressions over XML.
 */

export type Parts = Map<string, Uint8Array>;

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  ct: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export const REL = {
  worksheet: `${NS.rel}/worksheet`,
  comments: `${NS.rel}/comments`,
  vml: `${NS.rel}/vmlDrawing`,
  styles: `${NS.rel}/styles`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  calcChain: `${NS.rel}/calcChain`,
} as const;

/** Every file of the zip (directory entries skipped), by part name without a leading "/". */
export function readParts(bytes: Uint8Array): Parts {
  const files = unzipSync(bytes);
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(files)) if (!name.endsWith("/")) parts.set(name.replace(/\\/g, "/"), data);
  return parts;
}

const decoder = new TextDecoder("utf-8");
export const text = (b: Uint8Array) => decoder.decode(b);

export function parseXml(part: string, bytes: Uint8Array): Document {
  let error: string | null = null;
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") error = msg;
    },
  }).parseFromString(text(bytes), "text/xml") as unknown as Document;
  if (error || !doc.documentElement) throw new Error(`${part}: not well-formed XML (${error ?? "no root"})`);
  return doc;
}

export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export function elementsByName(doc: Document | Element, ns: string, local: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
}

/**
 * A canonical string for an element: namespace URIs instead of prefixes, attributes
 * sorted, namespace declarations and insignificant whitespace between elements left out.
 * Two elements with the same canonical form mean the same to any reader.
 */
export function canon(node: Node): string {
  if (node.nodeType === 3 || node.nodeType === 4) return JSON.stringify((node as Text).data);
  if (node.nodeType !== 1) return "";
  const el = node as Element;
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i];
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    attrs.push(`{${a.namespaceURI ?? ""}}${a.localName ?? a.name}=${JSON.stringify(a.value)}`);
  }
  attrs.sort();
  const kids: string[] = [];
  const elementKids = childElements(el).length > 0;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    // Whitespace-only text between child elements is indentation, not content.
    if (elementKids && n.nodeType === 3 && !(n as Text).data.trim()) continue;
    const c = canon(n);
    if (c) kids.push(c);
  }
  return `<{${el.namespaceURI ?? ""}}${el.localName}${attrs.length ? " " + attrs.join(" ") : ""}>${kids.join("")}</>`;
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved part name (no leading "/"), or the raw target when external. */
  target: string;
  external: boolean;
}

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against its source part; absolute targets ("/xl/…") are package-rooted. */
export function resolveTarget(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/^\//, "").split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

export function relationships(parts: Parts, source: string): Relationship[] {
  const relsPart = relsPartOf(source);
  const bytes = parts.get(relsPart);
  if (!bytes) return [];
  return elementsByName(parseXml(relsPart, bytes), NS.pkgRel, "Relationship").map((r) => {
    const external = r.getAttribute("TargetMode") === "External";
    const raw = r.getAttribute("Target") ?? "";
    return { id: r.getAttribute("Id") ?? "", type: r.getAttribute("Type") ?? "", target: external ? raw : resolveTarget(source, raw), external };
  });
}

/** The workbook part, found from the package relationships (not assumed to be xl/workbook.xml). */
export function workbookPart(parts: Parts): string {
  const office = relationships(parts, "").find((r) => r.type.endsWith("/officeDocument"));
  if (!office) throw new Error("package has no officeDocument relationship");
  return office.target;
}

export interface SheetPart {
  name: string;
  part: string;
  rid: string;
}

export function sheetParts(parts: Parts): SheetPart[] {
  const wb = workbookPart(parts);
  const rels = relationships(parts, wb);
  return elementsByName(parseXml(wb, parts.get(wb)!), NS.main, "sheet").map((s) => {
    const rid = s.getAttributeNS(NS.rel, "id") ?? "";
    return { name: s.getAttribute("name") ?? "", rid, part: rels.find((r) => r.id === rid)?.target ?? "" };
  });
}

/** The comments (notes) of a sheet: "A1" → text, from the part its relationships name. */
export function sheetComments(parts: Parts, sheetPart: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of relationships(parts, sheetPart).filter((r) => r.type === REL.comments)) {
    const bytes = parts.get(rel.target);
    if (!bytes) continue;
    for (const c of elementsByName(parseXml(rel.target, bytes), NS.main, "comment")) {
      const t = elementsByName(c, NS.main, "t").map((x) => x.textContent ?? "").join("");
      out.set(c.getAttribute("ref") ?? "", t);
    }
  }
  return out;
}

/** Shared strings as plain text (rich runs joined). */
export function sharedStrings(parts: Parts): string[] {
  const wb = workbookPart(parts);
  const rel = relationships(parts, wb).find((r) => r.type === REL.sharedStrings);
  const bytes = rel && parts.get(rel.target);
  if (!bytes) return [];
  const doc = parseXml(rel.target, bytes);
  return childElements(doc.documentElement)
    .filter((e) => e.localName === "si")
    .map((si) =>
      elementsByName(si, NS.main, "t")
        // Phonetic runs (rPh) are reading aids, not the cell's text.
        .filter((t) => (t.parentNode as Element).localName !== "rPh")
        .map((t) => t.textContent ?? "")
        .join(""),
    );
}

export interface CellXml {
  /** Displayed value as text: shared strings resolved, inline strings joined. */
  value: string | null;
  formula: string | null;
  type: string;
  style: string;
}

/** Every cell of a sheet part, by A1 address. */
export function sheetCells(parts: Parts, sheetPart: string, strings: string[]): Map<string, CellXml> {
  const out = new Map<string, CellXml>();
  const doc = parseXml(sheetPart, parts.get(sheetPart)!);
  for (const c of elementsByName(doc, NS.main, "c")) {
    const type = c.getAttribute("t") ?? "n";
    const v = childElements(c).find((e) => e.localName === "v")?.textContent ?? null;
    const f = childElements(c).find((e) => e.localName === "f");
    let value: string | null = v;
    if (type === "s" && v !== null) value = strings[Number(v)] ?? null;
    if (type === "inlineStr") value = elementsByName(c, NS.main, "t").map((t) => t.textContent ?? "").join("");
    out.set(c.getAttribute("r") ?? "", { value, formula: f ? canon(f) : null, type: type === "inlineStr" || type === "str" ? "s" : type, style: c.getAttribute("s") ?? "0" });
  }
  return out;
}
