import { JOURNAL_NS, JOURNAL_PART_CHARS, journalFromXml, journalsFromParts, journalToParts, journalToXml } from "../src/adapters/office/journalPart";
import { readWorkbook } from "../src/adapters/office/readWorkbook";
import { recalculate } from "../src/adapters/office/recalculate";
import { clearMarksInExcel, undoInExcel } from "../src/adapters/office/undo";
import type { Journal } from "../src/engine/journal";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/** Issue 20 point 6: a journal larger than one response is stored in chunks of one journal id. */

const journalParts = (doc: HostDocument) => doc.customXmlParts.filter((p) => p.namespace === JOURNAL_NS);
const cellsOf = (doc: HostDocument) => doc.sheets.map((s) => ({ name: s.name, cells: s.cells }));
const small: Journal = { version: 2, cells: [], createdSheets: ["核查结果"], written: [{ sheet: "附件1", cell: "A1", value: "甲乙丙😀<&>" }] };

describe("the chunk format", () => {
  it("a journal that fits is one plain part, as every earlier version wrote it", () => {
    expect(journalToParts(small)).toEqual([journalToXml(small)]);
    expect(journalFromXml(journalToParts(small)[0])).toEqual(small);
  });

  it("a larger one is cut into chunks of one id with index and count, joined back in any order", () => {
    const parts = journalToParts(small, "j1", 7);
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((p, i) => expect(p).toContain(`id="j1" index="${i}" count="${parts.length}"`));
    expect(journalsFromParts([...parts].reverse())).toEqual([small]);
    // No chunk ends inside the emoji's surrogate pair or an escaped entity.
    for (const p of parts) expect(/[\uD800-\uDBFF]<\/journal>/.test(p)).toBe(false);
  });

  it("a chunk missing (a write stopped midway) reads as no journal; journals of different ids stay apart", () => {
    const a = journalToParts(small, "a", 9);
    const other = { ...small, createdSheets: ["其他"] };
    const b = journalToParts(other, "b", 9);
    expect(journalsFromParts(a.slice(1))).toEqual([]);
    expect(journalsFromParts([...a, ...b, journalToXml(small)])).toEqual([small, small, other]);
    expect(journalFromXml(a[0])).toBeNull();
  });
});

describe("a journal larger than Excel on the web's 5 MB, in Excel", () => {
  it("is read from its chunks, rewritten in chunks (each request under 5 MB), and 撤销 restores the original", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    // Grow the journal past 5 MB, as a part the command line wrote for a large file is: values it wrote elsewhere.
    const part = journalParts(host.doc)[0];
    const j = journalFromXml(part.xml)!;
    const padding = Array.from({ length: 25_000 }, (_, i) => ({ sheet: "台账", cell: `A${i + 1}`, value: `说明${i}${"文".repeat(100)}` }));
    const big: Journal = { ...j, written: [...j.written, ...padding] };
    const chunks = journalToParts(big, "big");
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(5 * 1024 * 1024);
    host.doc.customXmlParts = [...host.doc.customXmlParts.filter((p) => p !== part), ...chunks.map((xml, i) => ({ id: `{chunk-${i}}`, namespace: JOURNAL_NS, xml }))];

    const read = await readWorkbook(api);
    expect(read.journal).toEqual(big);
    await recalculate(api, { shape: read.shape });
    const after = journalParts(host.doc);
    expect(after.length).toBeGreaterThan(1);
    expect(after.every((p) => p.xml.length < JOURNAL_PART_CHARS * 1.2)).toBe(true);
    expect(new Set(after.map((p) => /id="([^"]*)"/.exec(p.xml)?.[1])).size).toBe(1);
    expect(journalsFromParts(after.map((p) => p.xml))).toHaveLength(1);
    expect(host.maxRequest).toBeLessThan(5 * 1024 * 1024);
    expect(host.maxResponse).toBeLessThan(5 * 1024 * 1024);

    await clearMarksInExcel(api);
    expect(journalsFromParts(journalParts(host.doc).map((p) => p.xml))).toHaveLength(1);
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(cellsOf(host.doc)).toEqual(cellsOf(original));
    expect(journalParts(host.doc)).toHaveLength(0);
  }, 120_000);
});
