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
 * Where a batch writes the journal: the one part, or with several (two runs at
 * once) the first of them, by id; dropExtraParts removes the others after.
 */
export function journalPartToWrite(context: Excel.RequestContext, ids: string[] | null): Excel.CustomXmlPart {
  const parts = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS);
  return ids && ids.length > 1 ? parts.getItem(ids[0]) : parts.getOnlyItem();
}

/**
 * The journal's other parts deleted once the batch has written the merged
 * journal into the first: a batch of its own, after it (outside its undo
 * group: Microsoft's list of APIs without undo support does not say whether
 * CustomXmlPart.delete has it,
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 * Never an intermediate journal written first: a run overlapping this one
 * would have its journal replaced by it. A part another run deleted meanwhile
 * fails this batch (ItemNotFound): nothing is lost, the next read merges what is left.
 */
export async function dropExtraParts(run: (batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>, ids: string[] | null): Promise<void> {
  if (!ids || ids.length < 2) return;
  await run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(JOURNAL_NS);
    for (const id of ids.slice(1)) parts.getItem(id).delete();
    await context.sync();
  }).catch(() => undefined);
}
