import { parseJournal, type Journal } from "../../engine/journal";

/** Namespace of the custom XML part that holds the undo journal in the workbook. */
export const JOURNAL_NS = "urn:jixiao-zipin:undo-journal:1";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function journalToXml(j: Journal): string {
  return `<journal xmlns="${JOURNAL_NS}">${escape(JSON.stringify(j))}</journal>`;
}

/** Parse the part; anything unreadable reads as no journal, never throws. */
export function journalFromXml(xml: string): Journal | null {
  const m = /<journal[^>]*>([\s\S]*)<\/journal>/.exec(xml);
  return m ? parseJournal([unescape(m[1])]) : null;
}
