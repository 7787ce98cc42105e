import { recalculate, checkOnly } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { readWorkbook } from "../src/adapters/office/readWorkbook";
import { cloneDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * Text that starts with "=" (typed as '=…): office.js reports it in Range.formulas without its
 * apostrophe, exactly like a formula; valueTypes says "String" and values holds the same text. It is
 * read as text, never as a formula (issue 20, point 7), so 撤销 never turns it into one.
 */
describe("text starting with \"=\"", () => {
  it("the host reports it as Excel does: formulas and values both '=…', valueTypes String", async () => {
    const { host } = await openInHost("seed");
    await host.edit("附件2", { H34: "'=待定" });
    const got = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("附件2").getRange("H34").load("values,formulas,valueTypes");
      await ctx.sync();
      return [r.values[0][0], r.formulas[0][0], r.valueTypes[0][0]];
    });
    expect(got).toEqual(["=待定", "=待定", "String"]);
  });

  it("is read as text, and a formula as a formula", async () => {
    const { host, api } = await openInHost("seed");
    await host.edit("附件2", { H34: "'=待定", I33: "=1+1" });
    const read = await readWorkbook(api);
    const s = read.snapshot.sheets.find((x) => x.name === "附件2")!;
    const at = (row: number, col: number) => s.cells[row - s.top][col - s.left];
    expect(at(33, 7)).toEqual({ value: "=待定" });
    expect(at(32, 8)).toMatchObject({ value: 2, formula: "1+1" });
    await checkOnly(api);
  });

  it("a figure cell holding such text is what a person typed: 一键核算 leaves it, and 撤销 never makes it a formula", async () => {
    const { host, api } = await openInHost("seed");
    await host.edit("附件1", { D4: "'=待定" });
    const before = cloneDocument(host.doc);
    const r = await recalculate(api);
    // Read as a formula, it was overwritten with ours, and 撤销 wrote "=待定" back as a formula (#NAME?).
    expect(r.report.plan.writes.map((w) => `${w.sheet}!${w.cell}`)).not.toContain("附件1!D4");
    expect(host.doc.sheets.find((x) => x.name === "附件1")!.cells.D4).toMatchObject({ value: "=待定" });
    expect((await undoInExcel(api)).undone).toBe(true);
    const d4 = host.doc.sheets.find((x) => x.name === "附件1")!.cells.D4;
    expect(d4.formula).toBeUndefined();
    expect(d4.value).toBe("=待定");
    expect(host.doc.sheets).toEqual(before.sheets);
  });
});
