import type { EtRange, EtWorksheet } from "../src/adapters/wps/etApi";
import { etApplicationOf, sheetItem } from "../src/adapters/wps/app";
import { EtHost } from "../src/testing/etHost/host";
import type { HostDocument } from "../src/testing/excelHost/document";

function doc(): HostDocument {
  return {
    sheets: [
      { name: "表一", visibility: "Visible", protected: false, cells: { A1: { value: 1, fill: "#FFC7CE", numberFormat: "0.00" }, B1: { value: "x" }, A2: { error: "#DIV/0!", formula: "=1/0" } }, merges: ["C1:D1"] },
      { name: "锁定", visibility: "Visible", protected: true, cells: { A1: { value: 2 } }, merges: [] },
    ],
    customXmlParts: [],
    selection: null,
    activeSheet: "表一",
  };
}

const sheet = (h: EtHost, i: number | string): EtWorksheet => sheetItem(etApplicationOf(h.root).ActiveWorkbook.Worksheets, i);

describe("the strict in-memory ET host", () => {
  it("counts every get, set and call", () => {
    const h = new EtHost(doc());
    const r = sheet(h, 1).Range("A1");
    void r.Value2;
    // ActiveWorkbook, Worksheets, Item, Range, Value2.
    expect(h.calls).toBe(5);
  });

  it("is 1-based: Item(0), out-of-range indices and unknown names throw; names compare case-insensitively", () => {
    const h = new EtHost(doc());
    expect(() => sheet(h, 0)).toThrow();
    expect(() => sheet(h, 3)).toThrow();
    expect(() => sheet(h, "无此表")).toThrow();
    expect(sheet(h, 1).Name).toBe("表一");
    expect(sheet(h, 2).Range("A1").Row).toBe(1);
  });

  it("gives a scalar for one cell and 2-D otherwise; 1-D single rows under the quirk", () => {
    expect(sheet(new EtHost(doc()), 1).Range("A1").Value2).toBe(1);
    expect(sheet(new EtHost(doc()), 1).Range("A1:B1").Value2).toEqual([[1, "x"]]);
    expect(sheet(new EtHost(doc(), { quirks: { singleRow: "1d" } }), 1).Range("A1:B1").Value2).toEqual([1, "x"]);
    expect(sheet(new EtHost(doc()), 1).Range("A1:A2").Value2).toEqual([[1], ["#DIV/0!"]]);
    expect(sheet(new EtHost(doc(), { quirks: { errors: "com" } }), 1).Range("A2").Value2).toBe(-2146826281);
  });

  it("gives the common value, or null when cells differ (NumberFormat, Interior, MergeCells, Font.Bold)", () => {
    const ws = sheet(new EtHost(doc()), 1);
    expect(ws.Range("A1").NumberFormat).toBe("0.00");
    expect(ws.Range("A1:B1").NumberFormat).toBeNull();
    expect(ws.Range("A1:B1").Interior.Color).toBeNull();
    expect(ws.Range("B1").Interior.Pattern).toBe(-4142);
    expect(ws.Range("C1:D1").MergeCells).toBe(true);
    expect(ws.Range("B1:C1").MergeCells).toBeNull();
    expect(ws.Range("A1:B1").MergeCells).toBe(false);
  });

  it("keeps fills as BGR: #FFC7CE reads R + G·256 + B·65536", () => {
    const h = new EtHost(doc());
    const r = sheet(h, 1).Range("A1");
    expect(r.Interior.Color).toBe(0xff + 0xc7 * 256 + 0xce * 65536);
    r.Interior.Color = 0x9cebff;
    expect(h.doc.sheets[0].cells.A1.fill).toBe("#FFEB9C");
    sheet(h, 1).Range("B1").Interior.Color = 0xcec7ff;
    expect(h.doc.sheets[0].cells.B1.fill).toBe("#FFC7CE");
    sheet(h, 1).Range("B1").Interior.ColorIndex = -4142;
    expect(h.doc.sheets[0].cells.B1.fill).toBeUndefined();
  });

  it("a union of cells reads its common MergeCells; other members and addresses over 255 characters throw", () => {
    const ws = sheet(new EtHost(doc()), 1);
    expect(ws.Range("A1,B1").MergeCells).toBe(false);
    expect(ws.Range("A1,C1").MergeCells).toBeNull();
    expect(ws.Range("C1,D1").MergeCells).toBe(true);
    expect(() => ws.Range("A1,B1").Value2).toThrow();
    expect(() => ws.Range(Array.from({ length: 80 }, (_, i) => `A${i + 1}`).join(","))).toThrow();
  });

  it("a union takes formats and one value for all its areas (refer-to-multiple-ranges); arrays and formulas on it throw; a protected sheet refuses it", () => {
    const h = new EtHost(doc());
    const ws = sheet(h, 1);
    ws.Range("E1:E2,G3").Interior.Color = 0xcec7ff;
    ws.Range("E1:E2,G3").Font.Bold = true;
    ws.Range("E1,G3").RowHeight = 40;
    ws.Range("E1,G1:H1").ColumnWidth = 12;
    ws.Range("F1:F2,H5").Formula = "'【待说明】";
    const cells = h.doc.sheets[0].cells;
    expect([cells.E1, cells.E2, cells.G3].map((c) => [c.fill, c.bold])).toEqual([["#FFC7CE", true], ["#FFC7CE", true], ["#FFC7CE", true]]);
    expect(h.doc.sheets[0].rowHeights).toEqual({ 0: 40, 2: 40 });
    expect(h.doc.sheets[0].columnWidths).toEqual({ 4: 12, 6: 12, 7: 12 });
    expect([cells.F1.value, cells.F2.value, cells.H5.value]).toEqual(["【待说明】", "【待说明】", "【待说明】"]);
    expect(() => (ws.Range("A5,C5").Formula = [["a", "b"]])).toThrow();
    expect(() => (ws.Range("A5,C5").Formula = "=A1")).toThrow();
    expect(() => (sheet(h, 2).Range("A1,B2").Interior.Color = 0xcec7ff)).toThrow();
    // ClearComments clears every area's comments and leaves cells without one as they were.
    cells.E1.note = "甲";
    cells.G3.note = "乙";
    ws.Range("E1,G3,Z9").ClearComments();
    expect([cells.E1.note, cells.G3.note, cells.Z9]).toEqual([undefined, undefined, undefined]);
  });

  it("MergeArea only on a single cell", () => {
    const ws = sheet(new EtHost(doc()), 1);
    expect(() => ws.Range("C1:D1").MergeArea).toThrow();
    const a = ws.Range("D1").MergeArea.Address;
    expect(typeof a === "function" ? a() : a).toBe("$C$1:$D$1");
  });

  it("refuses arrays of the wrong size; ' keeps text, = makes a formula", () => {
    const h = new EtHost(doc());
    const r: EtRange = sheet(h, 1).Range("E1:F1");
    expect(() => (r.Value2 = [["a"]])).toThrow();
    r.Value2 = [["'=1+1", "=1+1"]];
    expect(h.doc.sheets[0].cells.E1).toEqual({ value: "=1+1" });
    expect(h.doc.sheets[0].cells.F1).toEqual({ formula: "=1+1", value: 2 });
  });

  it("a protected sheet refuses writes with a plain Error, no Office code", () => {
    const h = new EtHost(doc());
    let e: unknown = null;
    try {
      sheet(h, 2).Range("A1").Value2 = 3;
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(Error);
    expect((e as { code?: string }).code).toBeUndefined();
    expect(h.doc.sheets[1].cells.A1.value).toBe(2);
  });

  it("AddComment on a commented cell throws; Comment is null without one", () => {
    const h = new EtHost(doc());
    const r = sheet(h, 1).Range("B1");
    expect(r.Comment).toBeNull();
    r.AddComment("一");
    expect(() => sheet(h, 1).Range("B1").AddComment("二")).toThrow();
    expect(sheet(h, 1).Range("B1").Comment!.Text()).toBe("一");
  });

  it("Select works only on the active sheet", () => {
    const h = new EtHost(doc());
    expect(() => sheet(h, 2).Range("A1").Select()).toThrow();
    sheet(h, 2).Activate();
    sheet(h, 2).Range("A1").Select();
    expect(h.doc.selection).toEqual({ sheet: "锁定", address: "A1" });
  });

  it("Add needs a unique name of at most 31 characters; the last visible sheet cannot be deleted or hidden", () => {
    const h = new EtHost({ ...doc(), sheets: [doc().sheets[0]] });
    const sheets = etApplicationOf(h.root).ActiveWorkbook.Worksheets;
    const added = sheets.Add();
    expect(h.doc.activeSheet).toBe(added.Name);
    expect(() => (added.Name = "表一")).toThrow();
    expect(() => (added.Name = "x".repeat(32))).toThrow();
    added.Delete();
    expect(h.prompts).toBe(1);
    expect(() => sheet(h, 1).Delete()).toThrow();
    expect(() => (sheet(h, 1).Visible = 2)).toThrow();
  });

  it("Address as a method or a property; Count or count; EtApplication a function or a property", () => {
    const m = new EtHost(doc());
    expect(typeof sheet(m, 1).Range("A1").Address).toBe("function");
    const p = new EtHost(doc(), { quirks: { address: "property", count: "count", etApplication: "property" } });
    expect(sheet(p, 1).Range("A1").Address).toBe("$A$1");
    expect(etApplicationOf(p.root).ActiveWorkbook.Worksheets.Count).toBeUndefined();
    expect(etApplicationOf(p.root).ActiveWorkbook.Worksheets.count).toBe(2);
    expect(typeof (p.root as { EtApplication?: unknown }).EtApplication).toBe("object");
    expect(typeof (m.root as { EtApplication?: unknown }).EtApplication).toBe("function");
  });

  it("custom XML parts are dropped on save under the quirk", () => {
    const h = new EtHost({ ...doc(), customXmlParts: [{ id: "1", namespace: "urn:x", xml: '<a xmlns="urn:x"/>' }] }, { quirks: { customXmlSurvivesSave: false } });
    h.saveAndReopen();
    expect(h.doc.customXmlParts).toEqual([]);
  });
});
