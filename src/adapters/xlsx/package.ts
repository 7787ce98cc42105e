import { broken, MAX_CELL_XML_BYTES, MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, tooLarge, unreadable } from "./errors";
import { inflateEntry, readZipDirectory, ZipFormatError, type ZipEntry } from "./zip";
import { decodeXml, elements, XmlError, type XmlElement } from "./xml";
import { compoundFileRefusal, zipRefusal } from "./notWorkbook";
import { looksLikeCompoundFile } from "./compoundFile";
import { otherFileRefusal } from "./fileKind";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_OFFICE_DOCUMENT = `${REL_NS}/officeDocument`;
export const REL_WORKSHEET = `${REL_NS}/worksheet`;
export const REL_SHARED_STRINGS = `${REL_NS}/sharedStrings`;
export const REL_STYLES = `${REL_NS}/styles`;
export const REL_COMMENTS = `${REL_NS}/comments`;
export const REL_VML = `${REL_NS}/vmlDrawing`;
export const REL_CALC_CHAIN = `${REL_NS}/calcChain`;
export const REL_CUSTOM_XML = `${REL_NS}/customXml`;
export const REL_CUSTOM_XML_PROPS = `${REL_NS}/customXmlProps`;

export interface Rel {
  id: string;
  type: string;
  /** Resolved part name without a leading "/" (null for an external target). */
  target: string | null;
  rawTarget: string;
  external: boolean;
}

export interface SheetInfo {
  name: string;
  sheetId: string;
  rId: string;
  /** Part name of the worksheet (null: a chart sheet or a dangling relationship). */
  path: string | null;
  state: "visible" | "hidden" | "veryHidden";
}

/** An opened package: its zip directory and what the workbook part says. Opaque to callers. */
export interface XlsxPackage {
  fileName: string;
  bytes: Uint8Array;
  /** Entries in archive order. */
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  workbookPath: string;
  sheets: SheetInfo[];
  date1904: boolean;
  /** Decoded text of parts already read, by part name. */
  texts: Map<string, string>;
  /** Parsed results cached by the reader (shared strings, styles, sheet scans). */
  cache: Map<string, unknown>;
}

/** "xl/worksheets/_rels/sheet1.xml.rels" for "xl/worksheets/sheet1.xml". */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolve a relationship target, relative to its source part or absolute ("/xl/…"). */
export function resolveTarget(source: string, target: string): string {
  const t = target.replace(/\\/g, "/");
  const parts = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/").split("/").map(decodeSegment).join("/");
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The entry for a part name: exact, or ignoring case (OPC part names are case-insensitive). */
export function entryOf(pkg: XlsxPackage, name: string): ZipEntry | undefined {
  const e = pkg.byName.get(name);
  if (e) return e;
  const low = name.toLowerCase();
  return pkg.entries.find((x) => x.name.toLowerCase() === low);
}

export function partBytes(pkg: XlsxPackage, name: string): Uint8Array | null {
  const e = entryOf(pkg, name);
  if (!e) return null;
  try {
    return inflateEntry(pkg.bytes, e);
  } catch (err) {
    throw broken(pkg.fileName, `cannot inflate ${name}: ${(err as Error).message}`);
  }
}

export function partText(pkg: XlsxPackage, name: string): string | null {
  const cached = pkg.texts.get(name);
  if (cached !== undefined) return cached;
  const b = partBytes(pkg, name);
  if (!b) return null;
  const t = decodeXml(b);
  pkg.texts.set(name, t);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pkg.cache.set(`bom:${name}`, true);
  return t;
}

export function parsePart(pkg: XlsxPackage, name: string): { xml: string; els: XmlElement[] } | null {
  const xml = partText(pkg, name);
  if (xml === null) return null;
  try {
    const els = elements(xml);
    pkg.cache.set(`els:${name}`, els);
    return { xml, els };
  } catch (e) {
    if (e instanceof XmlError) throw broken(pkg.fileName, `malformed XML in ${name}: ${e.message}`);
    throw e;
  }
}

/** The reader's parse of a part's original text, if it made one (callers must not change it). */
export function parsedOriginal(pkg: XlsxPackage, name: string, xml: string): XmlElement[] | null {
  return pkg.texts.get(name) === xml ? ((pkg.cache.get(`els:${name}`) as XmlElement[] | undefined) ?? null) : null;
}

export function relsOf(pkg: XlsxPackage, part: string): Rel[] {
  const key = `rels:${part}`;
  const cached = pkg.cache.get(key) as Rel[] | undefined;
  if (cached) return cached;
  const parsed = parsePart(pkg, relsPathOf(part));
  const rels: Rel[] = [];
  for (const el of parsed?.els ?? []) {
    if (el.local !== "Relationship") continue;
    const external = el.attrs.TargetMode === "External";
    const raw = el.attrs.Target ?? "";
    rels.push({ id: el.attrs.Id ?? "", type: el.attrs.Type ?? "", rawTarget: raw, external, target: external ? null : resolveTarget(part, raw) });
  }
  pkg.cache.set(key, rels);
  return rels;
}

/** Relationship types compared without their namespace variant (strict OOXML spells them purl.oclc.org). */
export const relIs = (rel: Rel, type: string) => rel.type === type || rel.type.endsWith(type.slice(type.lastIndexOf("/")));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Open a package: refuses what is not a readable workbook, before parsing anything large. */
export function openXlsx(bytes: Uint8Array, fileName: string): XlsxPackage {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(fileName, bytes.length);
  if (looksLikeCompoundFile(bytes)) throw compoundFileRefusal(fileName, bytes);
  if (!startsWith(bytes, ZIP)) throw otherFileRefusal(fileName, bytes) ?? unreadable(fileName, "不是 Excel 工作簿（.xlsx）", "not an .xlsx file (no zip signature)");
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    throw broken(fileName, `broken zip: ${e.message}`);
  }
  const unzipped = entries.reduce((sum, e) => sum + e.size, 0);
  if (unzipped > MAX_UNZIPPED_BYTES) {
    throw unreadable(fileName, `文件解压后超过 ${MAX_UNZIPPED_BYTES / 1048576} MB（疑似压缩炸弹或异常工作簿），已拒绝处理`, `unzipped size ${unzipped} exceeds ${MAX_UNZIPPED_BYTES}`);
  }
  const pkg: XlsxPackage = { fileName, bytes, entries, byName: new Map(entries.map((e) => [e.name, e])), workbookPath: "", sheets: [], date1904: false, texts: new Map(), cache: new Map() };
  const root = relsOf(pkg, "").find((r) => relIs(r, REL_OFFICE_DOCUMENT) && r.target);
  pkg.workbookPath = root?.target ?? "xl/workbook.xml";
  // What the package is, from its parts, before its main part is read as a workbook: a Word
  // document's main part parses as XML too, and was then called a workbook without sheets.
  const mimetype = () => (entryOf(pkg, "mimetype") ? partText(pkg, "mimetype")!.trim() : null);
  const refusal = zipRefusal(fileName, entries, mimetype, root?.target ?? null);
  if (refusal) throw refusal;
  // An .xlsb names its binary workbook the same way: it is refused as what it is, never parsed as XML.
  const wb = entryOf(pkg, pkg.workbookPath) && !/\.bin$/i.test(pkg.workbookPath) ? parsePart(pkg, pkg.workbookPath) : null;
  if (!wb) throw broken(fileName, "no workbook part");
  pkg.workbookPath = entryOf(pkg, pkg.workbookPath)!.name;
  const rels = new Map(relsOf(pkg, pkg.workbookPath).map((r) => [r.id, r]));
  for (const el of wb.els) {
    if (el.local === "workbookPr") pkg.date1904 = el.attrs.date1904 === "1" || el.attrs.date1904 === "true";
    if (el.local !== "sheet") continue;
    const rId = el.attrs["r:id"] ?? Object.entries(el.attrs).find(([k]) => localName(k) === "id" && k.includes(":"))?.[1] ?? "";
    const rel = rels.get(rId);
    const path = rel && relIs(rel, REL_WORKSHEET) && rel.target && entryOf(pkg, rel.target) ? entryOf(pkg, rel.target)!.name : null;
    const st = el.attrs.state;
    pkg.sheets.push({ name: el.attrs.name ?? "", sheetId: el.attrs.sheetId ?? "", rId, path, state: st === "hidden" ? "hidden" : st === "veryHidden" ? "veryHidden" : "visible" });
  }
  if (!pkg.sheets.some((s) => s.path)) throw unreadable(fileName, "工作簿中没有工作表", "workbook has no worksheets");
  refuseTooManyCells(pkg);
  return pkg;
}

/** Refused before any sheet is parsed, from the sizes in the zip's directory: see MAX_CELL_XML_BYTES. */
function refuseTooManyCells(pkg: XlsxPackage): void {
  const sizeOf = (part: string | null | undefined) => (part ? (entryOf(pkg, part)?.size ?? 0) : 0);
  const sst = relsOf(pkg, pkg.workbookPath).find((r) => relIs(r, REL_SHARED_STRINGS))?.target;
  const sheets = pkg.sheets.map((s) => ({ name: s.name, size: sizeOf(s.path) }));
  const total = sheets.reduce((n, s) => n + s.size, sizeOf(sst));
  if (total <= MAX_CELL_XML_BYTES) return;
  const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
  const largest = sheets.reduce((a, b) => (b.size > a.size ? b : a));
  throw unreadable(
    pkg.fileName,
    `工作表内容解压后共 ${mb(total)}（最大的是“${largest.name}”，${mb(largest.size)}），超过 ${mb(MAX_CELL_XML_BYTES)} 的核查上限；自评表本身通常不到 1 MB。请把自评表所在的工作表复制到一个新工作簿后再核查`,
    `worksheets and shared strings unzip to ${total} bytes, over ${MAX_CELL_XML_BYTES}; largest sheet ${largest.name} (${largest.size})`,
  );
}

function localName(q: string) {
  const i = q.indexOf(":");
  return i < 0 ? q : q.slice(i + 1);
}
