import { SaxesParser } from "saxes";

/**
 * XML through saxes (a conforming SAX parser that reports where it is in the
 * text): the adapter reads parts with it and edits them by splicing new text
 * at the positions it reports, so everything it does not edit stays as it was,
 * byte for byte.
 */
export interface XmlElement {
  /** Qualified name as written ("x:row"); `local` without the prefix. */
  name: string;
  local: string;
  attrs: Record<string, string>;
  /** Offset of "<" of the start tag, of just after its ">", of "<" of the end tag and just after it. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
  parent: number;
  depth: number;
  /** Text directly inside (entities decoded). */
  text: string;
}

export const localName = (qname: string) => {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
};

export class XmlError extends Error {}

/** A saxes parser over a whole string; position-based helpers need the text as one chunk. */
export function saxParser(): SaxesParser {
  return new SaxesParser({ xmlns: false, position: true });
}

/** Every element of a (small or medium) part, flat, in document order, with positions. */
export function elements(xml: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: number[] = [];
  const p = saxParser();
  p.on("opentag", (tag) => {
    const openEnd = p.position;
    const start = xml.lastIndexOf("<", openEnd - 1);
    const el: XmlElement = {
      name: tag.name,
      local: localName(tag.name),
      attrs: tag.attributes as Record<string, string>,
      start,
      openEnd,
      closeStart: openEnd,
      end: openEnd,
      selfClosing: tag.isSelfClosing,
      parent: stack.length ? stack[stack.length - 1] : -1,
      depth: stack.length,
      text: "",
    };
    out.push(el);
    stack.push(out.length - 1);
  });
  p.on("closetag", (tag) => {
    const i = stack.pop()!;
    const el = out[i];
    el.end = p.position;
    el.closeStart = tag.isSelfClosing ? el.openEnd : xml.lastIndexOf("</", el.end - 1);
  });
  p.on("text", (t) => {
    if (stack.length) out[stack[stack.length - 1]].text += t;
  });
  p.on("cdata", (t) => {
    if (stack.length) out[stack[stack.length - 1]].text += t;
  });
  p.on("error", (e) => {
    throw new XmlError(e.message);
  });
  p.write(xml).close();
  return out;
}

export const children = (els: XmlElement[], parent: number) => {
  const out: number[] = [];
  for (let i = parent + 1; i < els.length && els[i].depth > els[parent].depth; i++) if (els[i].parent === parent) out.push(i);
  return out;
};

const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const escapeOne = (c: string) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);

/** Text content escaped; control characters Excel's way (_x0001_). One native pass: the journal is long. */
export function escText(s: string): string {
  return s.replace(NEEDS_ESCAPE, escapeOne);
}

const ATTR_NEEDS_ESCAPE = /[&<>"\n\r\t\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const ATTR_ESCAPES: Record<string, string> = { '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };

export function escAttr(s: string): string {
  return s.replace(ATTR_NEEDS_ESCAPE, (c) => ATTR_ESCAPES[c] ?? escapeOne(c));
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Replace ranges of the text; edits must not overlap. Inserts (start === end) at one place keep their order. */
export function splice(xml: string, edits: Edit[]): string {
  if (edits.length === 0) return xml;
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping XML edits at ${e.start}`);
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The start tag of an element with some attributes set (value) or removed (null); the rest kept as written. */
export function retag(xml: string, el: XmlElement, set: Record<string, string | null>): string {
  // Loops over the keys, not Object.entries: this runs for every cell a check writes or marks.
  let attrs = "";
  for (const k in el.attrs) {
    if (!own(el.attrs, k)) continue;
    const v = own(set, k) ? set[k] : el.attrs[k];
    if (v !== null) attrs += ` ${k}="${escAttr(v)}"`;
  }
  for (const k in set) if (own(set, k) && !own(el.attrs, k) && set[k] !== null) attrs += ` ${k}="${escAttr(set[k]!)}"`;
  return `<${el.name}${attrs}${el.selfClosing ? "/>" : ">"}`;
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export function decodeXml(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Encode an edited part, keeping a byte-order mark the original had. */
export function encodeXml(text: string, bom = false): Uint8Array {
  const body = encoder.encode(text);
  if (bom) {
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  return body;
}
