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

/**
 * Several journal parts (two runs at once) made one before a batch that
 * writes the journal: the merged journal into the first, the others deleted,
 * in a batch of its own (outside any undo group: Microsoft's list of APIs
 * without undo support does not say whether CustomXmlPart.delete has it,
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 * Afterwards getOnlyItem finds the one part.
 */
export async function collapseJournalParts(run: (batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>, ids: string[] | null, journal: Journal | null): Promise<void> {
  if (!ids || ids.length < 2 || !journal) return;
  await run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS);
    parts.getItem(ids[0]).setXml(journalToXml(journal));
    for (const id of ids.slice(1)) parts.getItem(id).delete();
    await context.sync();
  });
}
