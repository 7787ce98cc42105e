import { inflateEntry, readZipDirectory, ZipFormatError } from "../xlsx/zip";

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

/** The text of word/document.xml, a paragraph a line (runs joined, tabs and breaks kept). No I/O: used in Node and in the pane. */
export function documentXmlText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\b[^>]*\/>/g)]
        .map((m) => (m[2] === "tab" ? "\t" : m[2] === "br" ? "\n" : m[1].replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e])))
        .join(""),
    )
    .filter((line) => line.trim())
    .join("\n");
}

/**
 * The body text of a .docx's bytes, a paragraph a line, read with the package adapter's zip
 * reader (no Node API: the CLI, the reviewers' page and the task pane share it). Throws
 * ZipFormatError when the bytes are no zip or hold no word/document.xml.
 */
export function docxBodyText(docx: Uint8Array): string {
  const entry = readZipDirectory(docx).find((e) => e.name === "word/document.xml");
  if (!entry) throw new ZipFormatError("no word/document.xml");
  return documentXmlText(new TextDecoder().decode(inflateEntry(docx, entry)));
}
