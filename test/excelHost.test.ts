import { ExcelHost } from "../src/testing/excelHost/host";
import { emptyDocument } from "../src/testing/excelHost/document";

/** The host must behave like Excel where the add-in relies on it, or the add-in tests prove nothing. */
describe("in-memory Excel host keeps Excel's proxy semantics", () => {
  const book = () => {
    const doc = emptyDocument();
    doc.sheets.push({ name: "表1", visibility: "Visible", protected: false, cells: { A1: { value: 5 }, B1: { formula: "=A1*2" } }, merges: [] });
    return new ExcelHost(doc);
  };

  it("throws PropertyNotLoaded when a property is read before load and sync", async () => {
    const host = book();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("表1").getRange("A1:B1");
      expect(() => r.values).toThrow(/not available/);
      r.load("values");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([[5, 10]]);
    });
    expect(host.syncs).toBe(1);
  });

  it("queues writes until sync, in order, and computes formulas", async () => {
    const host = book();
    await host.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("表1");
      s.getRange("A1").values = [[7]];
      expect(host.doc.sheets[0].cells.A1.value).toBe(5);
      const b = s.getRange("B1");
      b.load("values");
      await ctx.sync();
      expect(b.values).toEqual([[14]]);
    });
  });

  it("gives null objects where Excel does, known only after sync", async () => {
    const host = book();
    await host.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("没有");
      const next = ctx.workbook.worksheets.getFirst().getNextOrNullObject();
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(next.isNullObject).toBe(true);
    });
  });

  it("turns text starting with = into a formula, keeps an apostrophe-led text as text", async () => {
    const host = book();
    await host.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("表1");
      s.getRange("C1").values = [["=A1+1"]];
      s.getRange("D1").values = [["'=A1+1"]];
      await ctx.sync();
    });
    expect(host.doc.sheets[0].cells.C1).toMatchObject({ formula: "=A1+1", value: 6 });
    expect(host.doc.sheets[0].cells.D1).toEqual({ value: "=A1+1" });
  });

  it("rejects APIs Excel cannot undo inside a merged undo group, and undoes a group as one step", async () => {
    const host = book();
    await expect(
      host.run({ mergeUndoGroup: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem("表1").visibility = "Hidden";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "UndoNotSupported" });
    const fresh = book();
    await fresh.run({ mergeUndoGroup: true }, async (ctx) => {
      ctx.workbook.worksheets.getItem("表1").getRange("A1").values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("表1").getRange("A1").values = [[2]];
      await ctx.sync();
    });
    expect(fresh.undo()).toBe(true);
    expect(fresh.doc.sheets[0].cells.A1.value).toBe(5);
  });

  it("refuses writes on a protected sheet", async () => {
    const host = book();
    host.doc.sheets[0].protected = true;
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表1").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });
});
