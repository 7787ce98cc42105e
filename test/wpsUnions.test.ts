import { readWorkbookEt } from "../src/adapters/wps/readWorkbook";
import { UnionSupport, writeAreas } from "../src/adapters/wps/unionSupport";
import type { EtWorksheet } from "../src/adapters/wps/etApi";
import type { HostDocument } from "../src/testing/excelHost/document";
import { EtHost } from "../src/testing/etHost/host";
import { QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";
import { openInEt } from "./wpsHelpers";

/**
 * Ranges of several areas ("A1:A4,C7"): taken by Excel's COM model, not documented for
 * WPS. The in-memory host models each outcome (quirks unionAddress, unionWrites,
 * unionReads) and the adapter finds out once per run which one it has
 * (src/adapters/wps/unionSupport.ts), so that what it reads and writes is the same on all.
 */

const doc = (): HostDocument => ({
  sheets: [{ name: "表", visibility: "Visible", protected: false, merges: ["C1:D1"], cells: { A1: { value: 1, numberFormat: "0.00" }, B1: { value: "x" }, A3: { value: "y" }, C1: { value: "m" } } }],
  customXmlParts: [],
  activeSheet: "表",
  selection: null,
});

const sheetOf = (h: EtHost) => h.application.ActiveWorkbook.Worksheets.Item(1) as EtWorksheet;
const REFUSED: Partial<EtQuirks> = { unionAddress: "refused" };
const FIRST_WRITES: Partial<EtQuirks> = { unionWrites: "first-area" };
const FIRST_READS: Partial<EtQuirks> = { unionReads: "first-area" };

describe("the ET host's ranges of several areas", () => {
  it("as Excel: every area read and written; Areas counts them", () => {
    const h = new EtHost(doc());
    const ws = sheetOf(h);
    expect(ws.Range("A1,B1").NumberFormat).toBeNull();
    expect(ws.Range("A1,C1").MergeCells).toBeNull();
    expect(ws.Range("A1:A2,C1").Areas.Count).toBe(2);
    expect(ws.Range("A1:A2,C1").Areas.Item(2).MergeCells).toBe(true);
    ws.Range("A1,C3").Interior.Color = 0xcec7ff;
    expect(h.doc.sheets[0].cells.C3.fill).toBe("#FFC7CE");
  });

  it("refused: Range of several areas throws, one area is taken", () => {
    const ws = sheetOf(new EtHost(doc(), { quirks: REFUSED }));
    expect(() => ws.Range("A1,B1")).toThrow(/several areas/);
    expect(ws.Range("A1:B1").NumberFormat).toBeNull();
  });

  it("writes to the first area only: the other areas keep what they had", () => {
    const h = new EtHost(doc(), { quirks: FIRST_WRITES });
    const ws = sheetOf(h);
    ws.Range("A1,C3").Interior.Color = 0xcec7ff;
    ws.Range("B1,A3").NumberFormat = "@";
    expect(h.doc.sheets[0].cells.A1.fill).toBe("#FFC7CE");
    expect(h.doc.sheets[0].cells.C3?.fill).toBeUndefined();
    expect(h.doc.sheets[0].cells.A3.numberFormat).toBeUndefined();
    // Reads still answer for every area.
    expect(ws.Range("A1,B1").NumberFormat).toBeNull();
  });

  it("reads of the first area only: a union answers as its first area", () => {
    const ws = sheetOf(new EtHost(doc(), { quirks: FIRST_READS }));
    expect(ws.Range("A1,B1").NumberFormat).toBe("0.00");
    expect(ws.Range("B1,C1").MergeCells).toBe(false);
    expect(ws.Range("A1,B1").Text).toBe("1");
  });
});

describe("the adapter finds out once per run", () => {
  const marks = ["A1", "B1", "A3"];
  const fill = (h: EtHost) => marks.map((a) => h.doc.sheets[0].cells[a]?.fill ?? null);
  const run = (quirks: Partial<EtQuirks>, holds: (row: number, col: number) => boolean | undefined) => {
    const h = new EtHost(doc(), { quirks });
    const support = new UnionSupport();
    const ws = sheetOf(h);
    h.resetCounters();
    writeAreas(ws, support, marks, { set: (r) => void (r.Interior.Color = 0xcec7ff), holds, reached: (r) => r.Interior.Color === 0xcec7ff });
    return { h, support };
  };

  it.each([
    ["as Excel", {}, "honoured", 6],
    ["refused", REFUSED, "per-area", 10],
    ["writes to the first area only", FIRST_WRITES, "per-area", 12],
    ["reads of the first area only", FIRST_READS, "honoured", 6],
  ] as const)("%s: a union's write read back at an area that did not hold it; every cell marked", (_n, quirks, answer, calls) => {
    const { h, support } = run(quirks, () => false);
    expect(fill(h)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE"]);
    expect(support.writes).toBe(answer);
    // Range + Interior + Color= for the union, Range + Interior + Color to read it back at B1; refused: the
    // union's Range, then each area; first area only: the union, the read-back, then B1 and A3 each.
    expect(h.calls).toBe(calls);
  });

  it("nothing known of the cells: the other areas are written one by one, and the answer stays open", () => {
    const { h, support } = run(FIRST_WRITES, () => undefined);
    expect(fill(h)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE"]);
    expect(support.writes).toBe("unknown");
  });

  it("the other areas already hold the value: the union's write is harmless, nothing more is written", () => {
    const { h, support } = run(FIRST_WRITES, (row, col) => !(row === 0 && col === 0));
    expect(h.writes).toBe(1);
    expect(support.writes).toBe("unknown");
  });

  it.each([
    ["as Excel", {}, "honoured", "unknown"],
    ["refused", REFUSED, "per-area", "per-area"],
    ["writes to the first area only", FIRST_WRITES, "honoured", "unknown"],
    ["reads of the first area only", FIRST_READS, "per-area", "unknown"],
  ] as const)("reads, %s: one NumberFormat (or Text) of two cells known to differ", async (_n, quirks, reads, writes) => {
    const et = await openInEt("seed", { quirks });
    const read = readWorkbookEt(et.application);
    expect([read.unions.reads, read.unions.writes]).toEqual([reads, writes]);
  });

  it("reads, no two cells differ in format or text: nothing asked, the merge search goes one run at a time", () => {
    const h = new EtHost({ ...doc(), sheets: [{ name: "表", visibility: "Visible", protected: false, merges: ["A1:B1"], cells: { A1: { value: 1 }, A2: { value: 1 } } }] });
    const read = readWorkbookEt(h.application);
    expect(read.unions.reads).toBe("unknown");
    expect(read.snapshot.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });
});

const NAMES = ["seed", "buildings", "dept-plus-projects", "layout-one-sheet", "messy-values", "hidden-sheets"];

describe.each(QUIRK_VARIANTS)("the workbook as read when WPS gives %s", (_name, quirks) => {
  it.each(NAMES)("%s: the same snapshot (values, merges, formats) as a build that honours every area", async (name) => {
    const ours = readWorkbookEt((await openInEt(name, { quirks })).application);
    const excelLike = readWorkbookEt((await openInEt(name)).application);
    expect(ours.snapshot).toEqual(excelLike.snapshot);
    expect(ours.numberFormats).toEqual(excelLike.numberFormats);
  });
});
