import { parseJournal, type Journal } from "../../engine/journal";

/** Namespace of the custom XML part that holds the undo journal in the workbook. */
export const JOURNAL_NS = "urn:jixiao-zipin:undo-journal:1";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function journalToXml(j: Journal): string {
  return `<journal xmlns="${JOURNAL_NS}">${escape(JSON.stringify(j))}</journal>`;
}

/**
 * Characters of journal text a part holds at most: read back, a part is one
 * response, and Excel on the web refuses responses (and requests) over 5 MB
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * 500,000 characters are at most 1.5 MB of UTF-8, leaving room for escaping.
 */
export const JOURNAL_PART_CHARS = 500_000;

/**
 * The journal as the parts to store: one plain part while it fits (the format
 * every earlier version reads), else chunks that share one journal id and carry
 * their index and count, `<journal xmlns=… id="…" index="0" count="3">`.
 * The text is cut before escaping (never inside an entity) and never between
 * the two halves of a surrogate pair.
 */
export function journalToParts(j: Journal, id: string = newJournalId(), max = JOURNAL_PART_CHARS): string[] {
  const text = JSON.stringify(j);
  if (text.length <= max) return [journalToXml(j)];
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + max);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks.map((c, i) => `<journal xmlns="${JOURNAL_NS}" id="${id}" index="${i}" count="${chunks.length}">${escape(c)}</journal>`);
}

/** A journal id: unique enough that two runs at once never share one. */
function newJournalId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

interface PartText {
  id: string | null;
  index: number;
  count: number;
  text: string;
}

function partOf(xml: string): PartText | null {
  const m = /<journal([^>]*)>([\s\S]*)<\/journal>/.exec(xml);
  if (!m) return null;
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[1])?.[1] ?? null;
  const id = attr("id");
  const index = Number(attr("index") ?? 0);
  const count = Number(attr("count") ?? 1);
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) return null;
  return { id, index, count, text: unescape(m[2]) };
}

/**
 * The journals the parts hold: chunks of one id joined in index order (all of
 * them there, else that journal reads as none: a write that stopped midway),
 * every plain part a journal of its own. Journals of different ids are for
 * mergeJournalParts (two runs at once). Never throws.
 */
export function journalsFromParts(xmls: string[]): Journal[] {
  const out: Journal[] = [];
  const byId = new Map<string, PartText[]>();
  for (const xml of xmls) {
    const p = partOf(xml);
    if (!p) continue;
    if (p.id === null) {
      const j = parseJournal([p.text]);
      if (j) out.push(j);
    } else byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  }
  for (const chunks of byId.values()) {
    const count = chunks[0].count;
    const sorted = [...chunks].sort((a, b) => a.index - b.index);
    if (sorted.length !== count || sorted.some((c, i) => c.index !== i || c.count !== count)) continue;
    const j = parseJournal(sorted.map((c) => c.text));
    if (j) out.push(j);
  }
  return out;
}

/** Parse one part; anything unreadable (or a chunk of a larger journal) reads as no journal, never throws. */
export function journalFromXml(xml: string): Journal | null {
  return journalsFromParts([xml])[0] ?? null;
}

/** Where the journal is to be written: the parts it was read from (journalSource, journalIds), and whether parts can be added. */
export interface JournalTarget {
  journalSource: "part" | "sheet" | null;
  journalIds: string[] | null;
}

/**
 * Queue the journal's write, first in the caller's batch: one part as before;
 * a journal too large for one part (journalToParts) puts its first chunk where
 * the journal was and adds the others, each in a sync of its own before the
 * caller's batch (each request stays under 5 MB). Should the caller's batch then
 * fail, the added chunks lack their first and read as no journal: the journal
 * read before stays whole. The old parts beyond the first are dropped after
 * (dropExtraParts), as for two runs at once.
 */
export async function writeJournal(context: Excel.RequestContext, target: JournalTarget, j: Journal): Promise<void> {
  const parts = journalToParts(j);
  for (const xml of parts.slice(1)) {
    context.workbook.customXmlParts.add(xml);
    await context.sync();
  }
  if (target.journalSource === "part") journalPartToWrite(context, target.journalIds).setXml(parts[0]);
  else context.workbook.customXmlParts.add(parts[0]);
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
