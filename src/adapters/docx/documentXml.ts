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
