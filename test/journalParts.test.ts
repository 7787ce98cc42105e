import { applyPlanInExcel } from "../src/adapters/office/applyPlan";
import { JOURNAL_NS } from "../src/adapters/office/journalPart";
import { readWorkbook } from "../src/adapters/office/readWorkbook";
import { recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { checkWorkbook } from "../src/engine/check";
import type { Journal } from "../src/engine/journal";
import { mergeJournalParts } from "../src/engine/undo/parts";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/** Two runs at once (the ribbon's and the pane's runtimes, or two co-authors) leave two journal parts: they are read as one, and made one. */
const journalParts = (doc: HostDocument) => doc.customXmlParts.filter((p) => p.namespace === JOURNAL_NS);
const cellsOf = (doc: HostDocument) => doc.sheets.map((s) => ({ name: s.name, cells: s.cells }));

describe("one journal, whatever runs at once", () => {
  it("the engine: the earliest captured state wins, unless it is what another part wrote; the last write is kept", () => {
    const cell = { sheet: "附件1", cell: "D4", numFmt: null, fill: null, note: null, touched: "value" as const };
    const first: Journal = { version: 2, capturedAt: "2026-12-01T10:00:00.000Z", writtenAt: "2026-12-01T10:00:00.000Z", cells: [{ ...cell, value: null, formula: null, wrote: { value: null, formula: "C4/B4" } }], createdSheets: ["核查结果"], written: [] };
    // A second run that read the cell after the first had written it: its "original" is our formula.
    const second: Journal = { version: 2, capturedAt: "2026-12-01T09:59:59.000Z", writtenAt: "2026-12-01T10:00:01.000Z", cells: [{ ...cell, value: 0.9, formula: "C4/B4", wrote: { value: null, formula: "ROUND(C4/B4,4)" } }], createdSheets: [], written: [] };
    const merged = mergeJournalParts([first, second])!;
    expect(merged.cells).toEqual([{ ...cell, value: null, formula: null, wrote: { value: null, formula: "ROUND(C4/B4,4)" } }]);
    expect(merged.createdSheets).toEqual(["核查结果"]);
    expect(merged.capturedAt).toBe("2026-12-01T09:59:59.000Z");
  });

  it("two overlapping runs in Excel: 撤销 restores the original, and the next run leaves one part", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    // Both runtimes read before either writes; the second's batch then fails on what the first added (its notes, its results sheet).
    const a = await readWorkbook(api);
    const b = await readWorkbook(api);
    await applyPlanInExcel(api, checkWorkbook(a.snapshot).plan, a);
    await expect(applyPlanInExcel(api, checkWorkbook(b.snapshot).plan, b)).rejects.toMatchObject({ code: expect.stringMatching(/^(InvalidArgument|ItemAlreadyExists)$/) });
    expect(journalParts(host.doc)).toHaveLength(2);
    // Read as one journal: a run works, and leaves one part.
    await recalculate(api);
    expect(journalParts(host.doc)).toHaveLength(1);
    const r = await undoInExcel(api);
    expect(r.undone).toBe(true);
    expect(cellsOf(host.doc)).toEqual(cellsOf(original));
    expect(journalParts(host.doc)).toHaveLength(0);
  });

  it("two parts, then 撤销 straight away: both go, the workbook comes back", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    const a = await readWorkbook(api);
    const b = await readWorkbook(api);
    await applyPlanInExcel(api, checkWorkbook(a.snapshot).plan, a);
    await applyPlanInExcel(api, checkWorkbook(b.snapshot).plan, b).catch(() => undefined);
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(cellsOf(host.doc)).toEqual(cellsOf(original));
    expect(journalParts(host.doc)).toHaveLength(0);
  });
});
