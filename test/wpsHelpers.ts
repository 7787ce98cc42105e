import { JOURNAL_SHEET } from "../src/engine/check";
import type { Journal } from "../src/engine/journal";
import { journalOf } from "../src/engine/check";
import { journalFromXml, JOURNAL_NS } from "../src/adapters/office/journalPart";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { EtHost, type EtHostOptions } from "../src/testing/etHost/host";
import { parseJournal } from "../src/engine/journal";
import { fixture, loadBook } from "./helpers";

/** A fixture workbook opened in the in-memory ET host, as WPS would open the file. */
export async function openInEt(name: string, options?: EtHostOptions): Promise<EtHost> {
  return new EtHost(documentFromExcelJS(await loadBook(fixture(name))), options);
}

/** The journal a document holds: its custom XML part, else its very hidden sheet (column A's chunks). */
export function journalIn(doc: HostDocument): Journal | null {
  const part = doc.customXmlParts.find((p) => p.namespace === JOURNAL_NS);
  if (part) return journalFromXml(part.xml);
  const sheet = doc.sheets.find((s) => s.name === JOURNAL_SHEET);
  if (!sheet) return null;
  const chunks = Object.entries(sheet.cells)
    .filter(([a]) => /^A\d+$/.test(a))
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .map(([, c]) => String(c.value ?? ""));
  return parseJournal(chunks) ?? journalOf({ sheets: [] });
}

/**
 * A journal compared across hosts: Excel records each sheet's Worksheet.id and, to merge the parts of
 * runs that overlapped, when it captured and wrote; ET has neither (files carry no times either).
 */
export function normalJournal(j: Journal | null): Journal | null {
  if (!j) return null;
  const { capturedAt: _captured, writtenAt: _written, ...rest } = j as Journal & { capturedAt?: string; writtenAt?: string };
  void _captured;
  void _written;
  return { ...rest, sheets: (j.sheets ?? []).map((s) => ({ name: s.name })) };
}

/**
 * What a clerk sees of a document, comparable across hosts: every sheet but
 * the journal's, its cells, merges, visibility, row heights and column widths
 * (ET's in characters, Excel's in points: the Office adapter writes 7.5 a
 * character), and the journal, normalised. Page setup is Excel's only.
 */
export function seen(doc: HostDocument, widthsIn: "points" | "characters") {
  const d = cloneDocument(doc);
  return {
    sheets: d.sheets
      .filter((s) => s.name !== JOURNAL_SHEET)
      .map((s) => ({
        name: s.name,
        visibility: s.visibility,
        protected: s.protected,
        cells: s.cells,
        merges: s.merges,
        rowHeights: s.rowHeights ?? {},
        columnWidths: Object.fromEntries(Object.entries(s.columnWidths ?? {}).map(([c, w]) => [c, widthsIn === "points" ? w : Math.round(w * 7.5)])),
      })),
    journal: normalJournal(journalIn(d)),
    otherParts: d.customXmlParts.filter((p) => p.namespace !== JOURNAL_NS).map((p) => p.xml),
  };
}
