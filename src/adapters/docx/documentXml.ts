import { SaxesParser } from "saxes";
import { inflateEntry, readZipDirectory, ZipFormatError } from "../xlsx/zip";

/** WordprocessingML, transitional and strict. */
const W_NS = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);

/**
 * The text of word/document.xml, a paragraph a line: runs joined, a run's tabs and breaks
 * kept, entities and character references decoded (saxes, as every other part we read).
 * A paragraph inside another (a text box) is its own line. Tab stops in a paragraph's
 * properties are not text, nor is deleted text (w:delText). No I/O: used in Node and in browsers.
 */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  const paragraphs: string[] = [];
  let runs = 0;
  let inText = 0;
  const p = new SaxesParser({ xmlns: true });
  p.on("opentag", (tag) => {
    if (!W_NS.has(tag.uri)) return;
    const l = tag.local;
    if (l === "p") paragraphs.push("");
    else if (l === "r") runs++;
    else if (l === "t" && runs > 0) inText++;
    else if (runs > 0 && paragraphs.length && (l === "tab" || l === "br" || l === "cr")) paragraphs[paragraphs.length - 1] += l === "tab" ? "\t" : "\n";
  });
  p.on("closetag", (tag) => {
    if (!W_NS.has(tag.uri)) return;
    const l = tag.local;
    if (l === "p") {
      const line = paragraphs.pop()!;
      if (line.trim()) lines.push(line);
    } else if (l === "r") runs--;
    else if (l === "t" && inText > 0) inText--;
  });
  p.on("text", (t) => {
    if (inText > 0 && paragraphs.length) paragraphs[paragraphs.length - 1] += t;
  });
  p.on("error", (e) => {
    throw new ZipFormatError(`malformed word/document.xml: ${e.message}`);
  });
  p.write(xml).close();
  return lines.join("\n");
}

/**
 * The body text of a .docx's bytes, a paragraph a line, read with the package adapter's zip
 * reader (no Node API: the CLI, the reviewers' page and the task pane share it). Throws
 * ZipFormatError when the bytes are no zip, hold no word/document.xml, or it is not XML.
 */
export function docxBodyText(docx: Uint8Array): string {
  const entry = readZipDirectory(docx).find((e) => e.name === "word/document.xml");
  if (!entry) throw new ZipFormatError("no word/document.xml");
  return documentXmlText(new TextDecoder().decode(inflateEntry(docx, entry)));
}
