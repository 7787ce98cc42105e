import { ExcelHost } from "../src/testing/excelHost/host";
import type { HostDocument } from "../src/testing/excelHost/document";

/** The in-memory Excel's structural edits (a person's, after a check): rows inserted and deleted, sheets renamed. */
function doc(): HostDocument {
  return {
    sheets: [
      { name: "附件2", visibility: "Visible", protected: false, merges: ["A1:C1"], cells: { A1: { value: "表头" }, B5: { value: 2, fill: "#FFC7CE", note: "【错误】…", numberFormat: "0.00" }, B6: { value: 3 }, B7: { formula: "=SUM(B5:B6)+$B$5" } } },
      { name: "汇总", visibility: "Visible", protected: false, merges: [], cells: { A1: { formula: "=附件2!B7*2" }, A2: { formula: "='附件2'!$B$6" } } },
    ],
    customXmlParts: [],
    selection: null,
    activeSheet: null,
  };
}

describe("the in-memory Excel: rows and sheet names a person changes", () => {
  it("inserting rows moves cells with their fill, note and format, merges too; every formula follows, absolute references and other sheets' included", () => {
    const host = new ExcelHost(doc());
    host.insertRows("附件2", 1, 2);
    const [s, t] = host.doc.sheets;
    expect(s.cells.B7).toMatchObject({ value: 2, fill: "#FFC7CE", note: "【错误】…", numberFormat: "0.00" });
    expect(s.cells.B5).toBeUndefined();
    expect(s.merges).toEqual(["A3:C3"]);
    expect(s.cells.B9).toMatchObject({ formula: "=SUM(B7:B8)+$B$7", value: 7 });
    expect(t.cells.A1.formula).toBe("=附件2!B9*2");
    expect(t.cells.A2.formula).toBe("='附件2'!$B$8");
    // A row inserted inside a range widens it.
    host.insertRows("附件2", 8);
    expect(host.doc.sheets[0].cells.B10.formula).toBe("=SUM(B7:B9)+$B$7");
  });

  it("deleting rows moves cells up; a reference to a deleted cell is #REF!, a range shrinks", () => {
    const host = new ExcelHost(doc());
    host.deleteRows("附件2", 6);
    const s = host.doc.sheets[0];
    expect(s.cells.B6.formula).toBe("=SUM(B5:B5)+$B$5");
    // Excel keeps the sheet's name before the #REF! ("=Sheet1!#REF!").
    expect(host.doc.sheets[1].cells.A2.formula).toBe("='附件2'!#REF!");
  });

  it("inserting and deleting columns moves cells, merges and widths sideways; formulas follow, a deleted column's references are #REF!", () => {
    const host = new ExcelHost(doc());
    host.doc.sheets[0].columnWidths = { 1: 20 };
    host.insertColumns("附件2", 1, 2);
    const [s, t] = host.doc.sheets;
    expect(s.cells.D5).toMatchObject({ value: 2, fill: "#FFC7CE", note: "【错误】…", numberFormat: "0.00" });
    expect(s.cells.B5).toBeUndefined();
    expect(s.merges).toEqual(["C1:E1"]);
    expect(s.columnWidths).toEqual({ 3: 20 });
    expect(s.cells.D7).toMatchObject({ formula: "=SUM(D5:D6)+$D$5", value: 7 });
    expect(t.cells.A1.formula).toBe("=附件2!D7*2");
    host.deleteColumns("附件2", 4);
    expect(host.doc.sheets[1].cells.A2.formula).toBe("='附件2'!#REF!");
    expect(host.doc.sheets[0].merges).toEqual(["C1:D1"]);
  });

  it("renaming keeps the Worksheet.id and renames the sheet in formulas that name it", () => {
    const host = new ExcelHost(doc());
    const id = host.doc.sheets[0].id;
    host.renameSheet("附件2", "自评表 (2)");
    expect(host.doc.sheets[0]).toMatchObject({ name: "自评表 (2)", id });
    expect(host.doc.sheets[1].cells.A1.formula).toBe("='自评表 (2)'!B7*2");
  });
});
