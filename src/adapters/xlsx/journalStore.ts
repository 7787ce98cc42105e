import { parseJournal, type Journal, type JournalCell } from "../../engine/journal";
import { JOURNAL_NS } from "../office/journalPart";
import { elements, escText } from "./xml";
import { partText, relIs, relsOf, REL_CUSTOM_XML, type XlsxPackage } from "./package";

/** A part the check edited or added, so that undo can give back the package byte for byte. */
export interface JournalPart {
  name: string;
  /** Hash of the bytes the check wrote ("" for the journal part itself, whose content changes). */
  hash: string;
  /** Original compressed entry of an edited part (absent: the check added the part). */
  original?: { method: number; crc: number; size: number; time: number; date: number; data: string };
}

/** A file journal cell: the engine's fields, plus the original style index (files only). */
export interface FileJournalCell extends JournalCell {
  style?: number;
}

/** The journal as files keep it: the engine's `Journal`, plus the parts (optional fields the add-in ignores). */
export interface FileJournal extends Journal {
  cells: FileJournalCell[];
  /** Hash of each note we wrote ("sheet!A1" → noteHash), so undo finds it whoever is named its author. */
  noteHashes?: Record<string, string>;
  /** null once the package was re-saved since a check: undo is then cells only. */
  parts?: JournalPart[] | null;
}

/** FNV-1a (two seeds) and length: enough to tell whether a part changed since we wrote it. */
export function hashBytes(b: Uint8Array): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < b.length; i++) {
    h1 = Math.imul(h1 ^ b[i], 0x01000193);
    h2 = Math.imul(h2 ^ b[i], 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${b.length}:${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}`;
}

/** Base64 (the journal keeps original parts as text); Node injects Buffer's, faster than btoa. */
let base64: { encode(b: Uint8Array): string; decode(s: string): Uint8Array } | null = null;
export function setBase64(b: typeof base64): void {
  base64 = b;
}

export function toBase64(b: Uint8Array): string {
  if (base64) return base64.encode(b);
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  if (base64) return base64.decode(s);
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Where the journal part is: the custom XML item whose root is in JOURNAL_NS. */
export function findJournalPart(pkg: XlsxPackage): string | null {
  const fromRels = relsOf(pkg, pkg.workbookPath).filter((r) => relIs(r, REL_CUSTOM_XML) && r.target).map((r) => r.target!);
  const loose = pkg.entries.map((e) => e.name).filter((n) => /^customXml\/item\d+\.xml$/i.test(n));
  for (const name of [...new Set([...fromRels, ...loose])]) {
    const xml = partText(pkg, name);
    if (!xml || !xml.includes(JOURNAL_NS)) continue;
    try {
      const root = elements(xml)[0];
      if (root?.local === "journal" && (root.attrs.xmlns === JOURNAL_NS || Object.values(root.attrs).includes(JOURNAL_NS))) return name;
    } catch {
      /* not ours */
    }
  }
  return null;
}

/** The journal kept in the custom XML part, or null (a damaged one reads as none). */
export function readFileJournal(pkg: XlsxPackage): FileJournal | null {
  const name = findJournalPart(pkg);
  if (!name) return null;
  try {
    const root = elements(partText(pkg, name)!)[0];
    return parseJournal([root.text]) as FileJournal | null;
  } catch {
    return null;
  }
}

export function journalXml(j: FileJournal): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<journal xmlns="${JOURNAL_NS}">${escText(JSON.stringify(j))}</journal>`;
}

export function itemPropsXml(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16).toUpperCase()).join("");
  const guid = `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${JOURNAL_NS}"/></ds:schemaRefs></ds:datastoreItem>`;
}
