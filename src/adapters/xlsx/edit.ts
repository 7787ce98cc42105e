import { entryOf, parsedOriginal, partBytes, partText, relsPathOf, type XlsxPackage } from "./package";
import { decodeXml, elements, encodeXml, escAttr, splice, type Edit, type XmlElement } from "./xml";
import { rawData, writeZip, type ZipEntry, type ZipOut } from "./zip";

const CT = "[Content_Types].xml";

/**
 * The parts a check changes, on top of an opened package. Everything not
 * set here is written back as its original compressed bytes.
 */
export class PackageEdit {
  /** New content of changed or added parts, by part name. */
  readonly content = new Map<string, string | Uint8Array>();
  readonly added = new Set<string>();
  readonly removed = new Set<string>();
  /** Content-type entries to add or remove, applied once when the package is built. */
  private readonly ctOverrides = new Map<string, string>();
  private readonly ctDefaults = new Map<string, string>();
  private readonly ctRemoved = new Set<string>();
  private readonly encoded = new Map<string, Uint8Array>();
  /** Parts written without compression (the journal: mostly already-compressed bytes in base64). */
  readonly stored = new Set<string>();
  /** Parts put back as given compressed entries (undo). */
  readonly raws = new Map<string, { raw: Uint8Array; entry: ZipEntry }>();
  /** The last parse of each part's text, reused while the text is unchanged. */
  private readonly parsed = new Map<string, { xml: string; els: XmlElement[] }>();
  /**
   * Relationships added but not yet written into their part, by .rels part: a check adds
   * two or three to the workbook's, and writing them in one splice spares a parse for each.
   */
  private readonly pendingRels = new Map<string, { id: string; text: string }[]>();

  constructor(readonly pkg: XlsxPackage) {}

  exists(name: string): boolean {
    if (this.removed.has(name)) return false;
    return this.content.has(name) || !!entryOf(this.pkg, name);
  }

  /** Current text of a part (edited or original), or null. */
  text(name: string): string | null {
    if (this.removed.has(name)) return null;
    this.flushRels(name);
    return this.textAsIs(name);
  }

  /** Replace a part's content (relationships still pending for it are dropped with the old text). */
  set(name: string, text: string | Uint8Array): void {
    this.pendingRels.delete(name);
    this.encoded.delete(name);
    const real = entryOf(this.pkg, name)?.name ?? name;
    if (!entryOf(this.pkg, real) && !this.content.has(real)) this.added.add(real);
    this.removed.delete(real);
    this.content.set(real, text);
  }

  /** Put a part back as an original compressed entry. */
  setRaw(name: string, raw: Uint8Array, entry: ZipEntry): void {
    this.pendingRels.delete(name);
    this.content.delete(name);
    this.added.delete(name);
    this.removed.delete(name);
    this.raws.set(name, { raw, entry });
  }

  remove(name: string): void {
    this.pendingRels.delete(name);
    const real = entryOf(this.pkg, name)?.name ?? name;
    this.content.delete(real);
    if (this.added.has(real)) this.added.delete(real);
    else if (entryOf(this.pkg, real)) this.removed.add(real);
  }

  /** Edit a part through its parsed elements; the edits are spliced into its text. */
  edit(name: string, fn: (xml: string, els: XmlElement[]) => Edit[]): void {
    const xml = this.text(name);
    if (xml === null) return;
    const edits = fn(xml, this.elementsOf(name, xml));
    if (edits.length) this.set(name, splice(xml, edits));
  }

  /**
   * The elements of a part's current text: parsed once per text. The reader's parse of an
   * unedited part is reused (workbook.xml and the relationships were read to open the package).
   */
  private elementsOf(name: string, xml: string): XmlElement[] {
    const last = this.parsed.get(name);
    if (last && last.xml === xml) return last.els;
    const els = (!this.content.has(name) && parsedOriginal(this.pkg, name, xml)) || elements(xml);
    this.parsed.set(name, { xml, els });
    return els;
  }

  /** A part name not yet used, from a pattern such as "xl/comments{n}.xml". */
  freeName(pattern: string): string {
    for (let n = 1; ; n++) {
      const name = pattern.replace("{n}", String(n));
      if (!this.exists(name) && !this.pkg.entries.some((e) => e.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  addOverride(part: string, type: string): void {
    this.ctRemoved.delete(part.toLowerCase());
    this.ctOverrides.set(part, type);
  }

  addDefault(ext: string, type: string): void {
    this.ctDefaults.set(ext, type);
  }

  removeOverride(part: string): void {
    this.ctOverrides.delete(part);
    this.ctRemoved.add(part.toLowerCase());
  }

  private flushContentTypes(): void {
    if (!this.ctOverrides.size && !this.ctDefaults.size && !this.ctRemoved.size) return;
    const overrides = this.ctOverrides, defaults = this.ctDefaults, removed = this.ctRemoved;
    this.edit(CT, (xml, els) => {
      const root = els[0];
      const edits: Edit[] = [];
      const partOf = (e: XmlElement) => (e.attrs.PartName ?? "").replace(/^\//, "").toLowerCase();
      for (const e of els) if (e.local === "Override" && removed.has(partOf(e))) edits.push({ start: e.start, end: e.end, text: "" });
      const first = els.find((e) => e.depth === 1);
      const newDefaults = [...defaults].filter(([ext]) => !els.some((e) => e.local === "Default" && (e.attrs.Extension ?? "").toLowerCase() === ext));
      if (newDefaults.length) {
        const at = first ? first.start : root.closeStart;
        edits.push({ start: at, end: at, text: newDefaults.map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`).join("") });
      }
      const have = new Set(els.filter((e) => e.local === "Override" && !removed.has(partOf(e))).map(partOf));
      const newOverrides = [...overrides].filter(([part]) => !have.has(part.toLowerCase()));
      if (newOverrides.length) edits.push({ start: root.closeStart, end: root.closeStart, text: newOverrides.map(([part, type]) => `<Override PartName="/${escAttr(part)}" ContentType="${type}"/>`).join("") });
      return edits;
    });
    this.ctOverrides.clear();
    this.ctDefaults.clear();
    this.ctRemoved.clear();
  }

  /** Add a relationship from a part; returns its id. Target is written relative to the source. */
  addRel(source: string, type: string, target: string): string {
    const relsPath = relsPathOf(source);
    const rel = relativeTarget(source, target);
    if (!this.exists(relsPath)) {
      this.set(relsPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}" Target="${escAttr(rel)}"/></Relationships>`);
      this.addDefault("rels", "application/vnd.openxmlformats-package.relationships+xml");
      return "rId1";
    }
    // The id is the first rIdN neither in the part nor pending; the element is written when the part is next read.
    const xml = this.textAsIs(relsPath)!;
    const pending = this.pendingRels.get(relsPath) ?? [];
    const ids = new Set([...this.elementsOf(relsPath, xml).map((e) => e.attrs.Id), ...pending.map((p) => p.id)]);
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.pendingRels.set(relsPath, [...pending, { id, text: `<Relationship Id="${id}" Type="${type}" Target="${escAttr(rel)}"/>` }]);
    return id;
  }

  removeRel(source: string, id: string): void {
    this.edit(relsPathOf(source), (xml, els) => els.filter((e) => e.local === "Relationship" && e.attrs.Id === id).map((e) => ({ start: e.start, end: e.end, text: "" })));
  }

  /** A part's text without writing its pending relationships first. */
  private textAsIs(name: string): string | null {
    const c = this.content.get(name);
    if (typeof c === "string") return c;
    if (c) return decodeXml(c);
    return partText(this.pkg, name);
  }

  /** Write the relationships pending for a .rels part into its text, in one splice. */
  private flushRels(name: string): void {
    const pending = this.pendingRels.get(name);
    if (!pending) return;
    this.pendingRels.delete(name);
    const xml = this.textAsIs(name)!;
    const root = this.elementsOf(name, xml)[0];
    const rels = pending.map((p) => p.text).join("");
    this.set(
      name,
      root.selfClosing
        ? splice(xml, [{ start: root.start, end: root.end, text: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` }])
        : splice(xml, [{ start: root.closeStart, end: root.closeStart, text: rels }]),
    );
  }

  private flushAllRels(): void {
    for (const name of [...this.pendingRels.keys()]) this.flushRels(name);
  }

  /** Every part changed, added or removed (content types settled first). */
  touched(): string[] {
    this.flushAllRels();
    this.flushContentTypes();
    return [...new Set([...this.content.keys(), ...this.removed])];
  }

  /** Current bytes of a part. */
  bytes(name: string): Uint8Array | null {
    if (this.removed.has(name)) return null;
    if (name === CT) this.flushContentTypes();
    this.flushRels(name);
    const c = this.content.get(name);
    if (typeof c === "string") {
      let b = this.encoded.get(name);
      if (!b) this.encoded.set(name, (b = encodeXml(c, this.pkg.cache.has(`bom:${name}`))));
      return b;
    }
    if (c) return c;
    return partBytes(this.pkg, name);
  }

  /** The package's bytes: originals where unchanged, in the original order, added parts last. */
  build(extraRaw: ZipOut[] = []): Uint8Array {
    this.flushAllRels();
    this.flushContentTypes();
    const out: ZipOut[] = [];
    for (const e of this.pkg.entries) {
      if (this.removed.has(e.name)) continue;
      const r = this.raws.get(e.name);
      if (r) out.push({ name: e.name, raw: r.raw, entry: r.entry });
      else if (this.content.has(e.name)) out.push({ name: e.name, data: this.bytes(e.name)!, time: e.time, date: e.date, store: this.stored.has(e.name) });
      else out.push({ name: e.name, raw: rawData(this.pkg.bytes, e), entry: e });
    }
    out.push(...extraRaw);
    for (const [name, r] of this.raws) if (!this.pkg.byName.has(name)) out.push({ name, raw: r.raw, entry: r.entry });
    for (const name of this.added) out.push({ name, data: this.bytes(name)!, store: this.stored.has(name) });
    return writeZip(out);
  }
}

/** A target relative to the source part's folder ("../customXml/item1.xml"). */
export function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}
