import { builtInId, formatCode, type Styles } from "./styles";
import { elements, escAttr, retag, splice, type Edit, type XmlElement } from "./xml";

export interface StylePatch {
  /** Solid fill colour (ARGB), or null for no fill; absent: keep. */
  fill?: string | null;
  /** Number format code, or null for General; absent: keep. */
  numFmt?: string | null;
  font?: "bold" | "link";
  wrap?: boolean;
}

/**
 * Styles a check needs, appended to styles.xml: existing fills, fonts, number
 * formats and cell formats are never rewritten, and an identical one already
 * there is reused (so re-checking adds nothing).
 */
export class StyleBook {
  private readonly xfTexts: string[];
  private readonly fillTexts: string[];
  private readonly fontTexts: string[];
  private readonly numFmts: Map<number, string>;
  private readonly newXfs: string[] = [];
  private readonly newFills: string[] = [];
  private readonly newFonts: string[] = [];
  private readonly newNumFmts: { id: number; code: string }[] = [];
  private readonly memo = new Map<string, number>();

  constructor(readonly styles: Styles) {
    const slice = (e: XmlElement) => styles.xml.slice(e.start, e.end);
    this.xfTexts = styles.xfs.map(slice);
    this.fillTexts = styles.fills.map(slice);
    this.fontTexts = styles.fonts.map(slice);
    this.numFmts = new Map(styles.numFmts);
  }

  get changed(): boolean {
    return this.newXfs.length + this.newFills.length + this.newFonts.length + this.newNumFmts.length > 0;
  }

  xfCount(): number {
    return this.xfTexts.length;
  }

  private fillId(argb: string | null): number {
    if (argb === null) return 0;
    const text = `<fill><patternFill patternType="solid"><fgColor rgb="${escAttr(argb)}"/><bgColor indexed="64"/></patternFill></fill>`;
    let i = this.fillTexts.indexOf(text);
    if (i < 0) {
      i = this.fillTexts.push(text) - 1;
      this.newFills.push(text);
    }
    return i;
  }

  private numFmtId(code: string | null): number {
    if (code === null || code === "General") return 0;
    const builtIn = builtInId(code);
    if (builtIn !== null) return builtIn;
    for (const [id, c] of this.numFmts) if (c === code) return id;
    const id = Math.max(163, ...this.numFmts.keys()) + 1;
    this.numFmts.set(id, code);
    this.newNumFmts.push({ id, code });
    return id;
  }

  private fontId(kind: "bold" | "link"): number {
    const base = this.styles.fonts[0];
    let sz = "11", name = "宋体";
    if (base) {
      const els = this.styles.els;
      const i = els.indexOf(base);
      for (let j = i + 1; j < els.length && els[j].depth > base.depth; j++) {
        if (els[j].local === "sz" && els[j].attrs.val) sz = els[j].attrs.val;
        if (els[j].local === "name" && els[j].attrs.val) name = els[j].attrs.val;
      }
    }
    const text = kind === "bold" ? `<font><b/><sz val="${escAttr(sz)}"/><name val="${escAttr(name)}"/></font>` : `<font><u/><sz val="${escAttr(sz)}"/><color rgb="FF0563C1"/><name val="${escAttr(name)}"/></font>`;
    let i = this.fontTexts.indexOf(text);
    if (i < 0) {
      i = this.fontTexts.push(text) - 1;
      this.newFonts.push(text);
    }
    return i;
  }

  /** The index of a cell format: the base one with the patch applied (an identical one reused). */
  derive(base: number, patch: StylePatch): number {
    const key = `${base}|${JSON.stringify(patch)}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const baseText = this.xfTexts[base] ?? this.xfTexts[0] ?? `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const els = parseXf(baseText);
    const set: Record<string, string | null> = {};
    if (patch.fill !== undefined) {
      set.fillId = String(this.fillId(patch.fill));
      set.applyFill = patch.fill === null ? null : "1";
    }
    if (patch.numFmt !== undefined) {
      set.numFmtId = String(this.numFmtId(patch.numFmt));
      set.applyNumberFormat = patch.numFmt === null ? null : "1";
    }
    if (patch.font) {
      set.fontId = String(this.fontId(patch.font));
      set.applyFont = "1";
    }
    let text = retag(baseText, els, set);
    if (!els.selfClosing) text += baseText.slice(els.openEnd);
    if (patch.wrap) {
      set.applyAlignment = "1";
      const open = retag(baseText, els, set).replace(/\/>$/, ">");
      text = `${open}<alignment vertical="top" wrapText="1"/></xf>`;
    }
    let i = this.xfTexts.indexOf(text);
    if (i < 0) {
      i = this.xfTexts.push(text) - 1;
      this.newXfs.push(text);
    }
    this.memo.set(key, i);
    return i;
  }

  numFmtCode(xf: number): string | null {
    const els = parseXf(this.xfTexts[xf] ?? "<xf/>");
    const id = Number(els.attrs.numFmtId ?? 0);
    const code = this.numFmts.get(id) ?? formatCode(this.styles, id);
    return code === "General" ? null : code;
  }

  /** styles.xml with the new entries appended and the counts updated. */
  render(): string {
    const s = this.styles;
    const xml = s.xml;
    const edits: Edit[] = [];
    const append = (container: number, items: string[], tag: string, before: string) => {
      if (!items.length) return;
      if (container >= 0) {
        const el = s.els[container];
        const count = String(s.els.filter((e) => e.parent === container).length + items.length);
        if (el.selfClosing) edits.push({ start: el.start, end: el.end, text: `<${el.name} count="${count}">${items.join("")}</${el.name}>` });
        else {
          edits.push({ start: el.start, end: el.openEnd, text: retag(xml, el, { count: el.attrs.count !== undefined ? count : null }) });
          edits.push({ start: el.closeStart, end: el.closeStart, text: items.join("") });
        }
      } else {
        // A missing container goes before the first element that must follow it.
        const root = s.els[s.root];
        const follow = s.els.find((e) => e.parent === s.root && before.split(",").includes(e.local));
        const at = follow ? follow.start : root.closeStart;
        edits.push({ start: at, end: at, text: `<${tag} count="${items.length}">${items.join("")}</${tag}>` });
      }
    };
    append(s.numFmtsEl, this.newNumFmts.map((n) => `<numFmt numFmtId="${n.id}" formatCode="${escAttr(n.code)}"/>`), "numFmts", "fonts,fills,borders,cellStyleXfs,cellXfs,cellStyles,dxfs,tableStyles,colors,extLst");
    append(s.fontsEl, this.newFonts, "fonts", "fills,borders,cellStyleXfs,cellXfs,cellStyles,dxfs,tableStyles,colors,extLst");
    append(s.fillsEl, this.newFills, "fills", "borders,cellStyleXfs,cellXfs,cellStyles,dxfs,tableStyles,colors,extLst");
    append(s.cellXfsEl, this.newXfs, "cellXfs", "cellStyles,dxfs,tableStyles,colors,extLst");
    return splice(xml, edits);
  }
}

const xfCache = new Map<string, XmlElement>();

function parseXf(text: string): XmlElement {
  const hit = xfCache.get(text);
  if (hit) return hit;
  if (xfCache.size > 5000) xfCache.clear();
  // One element's start tag: its attributes through the same parser as every part.
  const els = elements(text.endsWith("/>") || text.endsWith("</xf>") ? text : `${text}</xf>`);
  xfCache.set(text, els[0]);
  return els[0];
}
