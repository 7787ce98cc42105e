import { parseA1 } from "../../engine/address";
import type { PackageEdit } from "./edit";
import { relIs, relsOf, REL_COMMENTS, REL_VML } from "./package";
import { elements, escText, splice, type Edit, type XmlElement } from "./xml";

import { noteHash } from "../../engine/noteHash";

export { noteHash };

/** The author our notes carry: how a re-check and undo tell our notes from a person's. */
export const NOTE_AUTHOR = "核算助手";
const CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface NoteWish {
  ref: string;
  /** Our note's text, or null to take our note away. */
  text: string | null;
  /** With text null: take away the note whoever wrote it (a journal says the cell had none before the check). */
  any?: boolean;
  /** With text null: also take it away when its text is the one we wrote (a re-save may rename the author). */
  textHash?: string;
}

export interface NotesOutcome {
  /** Refs whose note is ours after this edit. */
  ours: string[];
  /** Refs where a person's note is kept and ours was not written. */
  skipped: string[];
  /** The legacyDrawing element to add to the sheet (when the sheet had none), or null. */
  legacyDrawingRel: string | null;
}

interface ParsedComments {
  path: string;
  xml: string;
  els: XmlElement[];
  authors: string[];
  authorsEl: XmlElement | null;
  listEl: XmlElement | null;
  comments: { ref: string; author: number; el: XmlElement; text: string }[];
}

function parseComments(edit: PackageEdit, path: string): ParsedComments | null {
  const xml = edit.text(path);
  if (xml === null) return null;
  const els = elements(xml);
  const out: ParsedComments = { path, xml, els, authors: [], authorsEl: null, listEl: null, comments: [] };
  els.forEach((el, i) => {
    if (el.local === "author") out.authors.push(el.text);
    else if (el.local === "authors") out.authorsEl = el;
    else if (el.local === "commentList") out.listEl = el;
    else if (el.local === "comment") {
      let text = "";
      for (let j = i + 1; j < els.length && els[j].depth > el.depth; j++) if (els[j].local === "t" && !inPhonetic(els, j, el.depth)) text += els[j].text;
      out.comments.push({ ref: el.attrs.ref ?? "", author: Number(el.attrs.authorId ?? 0), el, text });
    }
  });
  return out;
}

function inPhonetic(els: XmlElement[], j: number, stop: number): boolean {
  for (let p = els[j].parent; p >= 0 && els[p].depth > stop; p = els[p].parent) if (els[p].local === "rPh") return true;
  return false;
}

/** The comments and VML drawing parts of a sheet, when it has them. */
export function notesParts(edit: PackageEdit, sheetPath: string, legacyDrawingId: string | null): { comments: string | null; vml: string | null } {
  const rels = relsOf(edit.pkg, sheetPath);
  const comments = rels.find((r) => relIs(r, REL_COMMENTS) && r.target)?.target ?? null;
  const vmlRel = legacyDrawingId ? rels.find((r) => r.id === legacyDrawingId) : rels.find((r) => relIs(r, REL_VML));
  return { comments, vml: vmlRel?.target ?? null };
}

/** The notes of a sheet, by ref, with their authors. */
export function readNotes(edit: PackageEdit, sheetPath: string, legacyDrawingId: string | null): Map<string, { text: string; ours: boolean }> {
  const { comments } = notesParts(edit, sheetPath, legacyDrawingId);
  const parsed = comments ? parseComments(edit, comments) : null;
  const out = new Map<string, { text: string; ours: boolean }>();
  for (const c of parsed?.comments ?? []) out.set(c.ref, { text: c.text, ours: parsed!.authors[c.author] === NOTE_AUTHOR });
  return out;
}

function shapeXml(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 6}, 2</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

const SHAPETYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

/**
 * Put our notes on a sheet beside a person's: their comments and shapes stay
 * as they are; a cell that already carries a person's note keeps it and gets
 * none of ours. Our own notes from an earlier check are updated or taken away.
 */
export function editNotes(edit: PackageEdit, sheetPath: string, legacyDrawingId: string | null, wishes: NoteWish[], sheetIndex: number): NotesOutcome {
  const out: NotesOutcome = { ours: [], skipped: [], legacyDrawingRel: null };
  // One note a cell: a later wish for the same cell replaces an earlier one (as a later mark's fill does).
  wishes = [...new Map(wishes.map((w) => [w.ref, w])).values()];
  if (!wishes.length) return out;
  const parts = notesParts(edit, sheetPath, legacyDrawingId);
  let vmlEls: XmlElement[] | null = null;
  let vmlXml: string | null = parts.vml ? edit.text(parts.vml) : null;
  if (vmlXml !== null) {
    try {
      vmlEls = elements(vmlXml);
    } catch {
      // A drawing we cannot parse is left alone, and so are the notes that go with it.
      const existing = readNotes(edit, sheetPath, legacyDrawingId);
      for (const w of wishes) if (existing.get(w.ref)?.ours) out.ours.push(w.ref);
      out.skipped = wishes.filter((w) => w.text !== null).map((w) => w.ref);
      return out;
    }
  }
  const comments = parts.comments ? parseComments(edit, parts.comments) : null;
  const byRef = new Map((comments?.comments ?? []).map((c) => [c.ref, c]));
  let ourAuthor = comments ? comments.authors.indexOf(NOTE_AUTHOR) : 0;
  const commentEdits: Edit[] = [];
  const newComments: string[] = [];
  const addShapes: { row: number; col: number }[] = [];
  const dropShapes = new Set<string>();
  const needAuthor = () => {
    if (ourAuthor < 0) ourAuthor = comments!.authors.length;
    return ourAuthor;
  };
  for (const w of wishes) {
    const cur = byRef.get(w.ref);
    const pos = parseA1(w.ref)!;
    const ours = cur && comments!.authors[cur.author] === NOTE_AUTHOR;
    const sameText = w.textHash !== undefined && cur !== undefined && noteHash(cur.text) === w.textHash;
    if (cur && !ours && !(w.text === null && (w.any || sameText))) {
      if (w.text !== null) out.skipped.push(w.ref);
      continue;
    }
    if (w.text === null) {
      if (cur) {
        commentEdits.push({ start: cur.el.start, end: cur.el.end, text: "" });
        dropShapes.add(`${pos.row},${pos.col}`);
      }
      continue;
    }
    out.ours.push(w.ref);
    // A run, as Excel writes notes (some readers see only runs).
    const body = `<text><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${escText(w.text)}</t></r></text>`;
    if (cur) {
      if (cur.text !== w.text) commentEdits.push({ start: cur.el.openEnd, end: cur.el.closeStart, text: body });
      continue;
    }
    newComments.push(`<comment ref="${w.ref}" authorId="${comments ? needAuthor() : 0}">${body}</comment>`);
    addShapes.push(pos);
  }
  if (!commentEdits.length && !newComments.length) return out;

  // The comments part.
  if (comments) {
    if (newComments.length) {
      if (comments.authors.indexOf(NOTE_AUTHOR) < 0) {
        const a = comments.authorsEl;
        if (a && !a.selfClosing) commentEdits.push({ start: a.closeStart, end: a.closeStart, text: `<author>${NOTE_AUTHOR}</author>` });
        else if (a) commentEdits.push({ start: a.start, end: a.end, text: `<authors><author>${NOTE_AUTHOR}</author></authors>` });
      }
      const l = comments.listEl;
      if (l && !l.selfClosing) commentEdits.push({ start: l.closeStart, end: l.closeStart, text: newComments.join("") });
      else if (l) commentEdits.push({ start: l.start, end: l.end, text: `<commentList>${newComments.join("")}</commentList>` });
    }
    edit.set(comments.path, splice(comments.xml, commentEdits));
  } else {
    const name = edit.freeName("xl/comments{n}.xml");
    edit.set(name, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors><author>${NOTE_AUTHOR}</author></authors><commentList>${newComments.join("")}</commentList></comments>`);
    edit.addOverride(name, CT_COMMENTS);
    edit.addRel(sheetPath, REL_COMMENTS, name);
  }

  // The VML drawing that shows them.
  if (vmlXml !== null && vmlEls) {
    const vEdits: Edit[] = [];
    const ids = vmlEls.filter((e) => e.local === "shape").map((e) => Number(/(\d+)$/.exec(e.attrs.id ?? "")?.[1] ?? 0));
    let next = Math.max(1024 * (sheetIndex + 1), ...ids) + 1;
    for (const el of vmlEls) {
      if (el.local !== "shape") continue;
      const i = vmlEls.indexOf(el);
      let row = -1, col = -1;
      for (let j = i + 1; j < vmlEls.length && vmlEls[j].depth > el.depth; j++) {
        if (vmlEls[j].local === "Row") row = Number(vmlEls[j].text);
        if (vmlEls[j].local === "Column") col = Number(vmlEls[j].text);
      }
      if (dropShapes.has(`${row},${col}`)) vEdits.push({ start: el.start, end: el.end, text: "" });
    }
    const root = vmlEls[0];
    const hasType = vmlEls.some((e) => e.local === "shapetype" && e.attrs.id === "_x0000_t202");
    const shapes = (hasType ? "" : SHAPETYPE) + addShapes.map((s) => shapeXml(next++, s.row, s.col)).join("");
    if (shapes) vEdits.push({ start: root.closeStart, end: root.closeStart, text: shapes });
    if (vEdits.length) edit.set(parts.vml!, splice(vmlXml, vEdits));
  } else if (addShapes.length) {
    const name = edit.freeName("xl/drawings/vmlDrawing{n}.vml");
    const block = sheetIndex + 1;
    vmlXml =
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPETYPE}` +
      addShapes.map((s, i) => shapeXml(block * 1024 + 1 + i, s.row, s.col)).join("") +
      `</xml>`;
    edit.set(name, vmlXml);
    edit.addDefault("vml", CT_VML);
    out.legacyDrawingRel = edit.addRel(sheetPath, REL_VML, name);
  }
  return out;
}

