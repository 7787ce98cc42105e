import { AddinError } from "../src/adapters/office/officeApi";
import { recalculate } from "../src/adapters/office/recalculate";
import { selectCellInExcel } from "../src/adapters/office/undo";
import { openInHost } from "./officeHelpers";

/**
 * A finding on a hidden sheet (issue 20, point 7): a click never activates the sheet (Excel's page
 * does not say that works; the host refuses it by default and, the other outcome, allows it): the
 * clerk reads 「该表已隐藏」 instead. The ribbon's 「核查结果」 a person has hidden stays hidden.
 */
describe("hidden sheets", () => {
  it("the host refuses to activate or select on a hidden sheet, unless told Excel allows it", async () => {
    const { host } = await openInHost("seed");
    host.doc.sheets.find((s) => s.name === "附件2")!.visibility = "Hidden";
    const activate = () =>
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("附件2").activate();
        await ctx.sync();
      });
    const select = () =>
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("附件2").getRange("D5").select();
        await ctx.sync();
      });
    await expect(activate()).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(select()).rejects.toMatchObject({ code: "InvalidOperation" });
    const lenient = await openInHost("seed", { excelApi: 20, activateHidden: "allow" });
    lenient.host.doc.sheets.find((s) => s.name === "附件2")!.visibility = "Hidden";
    await lenient.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("附件2").activate();
      await ctx.sync();
    });
    expect(lenient.host.doc.activeSheet).toBe("附件2");
  });

  it.each(["refuse", "allow"] as const)("a click on a finding of a hidden sheet says 「该表已隐藏」 and activates nothing (Excel: %s)", async (activateHidden) => {
    for (const visibility of ["Hidden", "VeryHidden"] as const) {
      const { host, api } = await openInHost("seed", { excelApi: 20, activateHidden });
      host.doc.sheets.find((s) => s.name === "附件2")!.visibility = visibility;
      const active = host.doc.activeSheet;
      const err = await selectCellInExcel(api, "附件2", "D5").catch((e) => e);
      expect(err).toBeInstanceOf(AddinError);
      expect((err as AddinError).zh).toMatch(/^该表已隐藏：工作表“附件2”不显示，无法选中 D5/);
      expect((err as AddinError).message).toBe(`sheet "附件2" is ${visibility}; D5 not selected`);
      expect(host.doc.activeSheet).toBe(active);
      expect(host.doc.selection).toBeNull();
      expect(host.writes).toBe(0);
    }
  });

  it("a finding on a visible sheet is selected as before", async () => {
    const { host, api } = await openInHost("seed");
    expect(await selectCellInExcel(api, "附件2", "D5")).toEqual({ selected: "D5", others: [] });
    expect(host.doc.selection).toEqual({ sheet: "附件2", address: "D5" });
  });

  it("the ribbon leaves a 「核查结果」 a person has hidden hidden, and still recalculates", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    host.doc.sheets.find((s) => s.name === "核查结果")!.visibility = "Hidden";
    host.doc.activeSheet = "附件1";
    const r = await recalculate(api, { activateResults: true });
    expect(r.outcome.written).toBeGreaterThanOrEqual(0);
    expect(host.doc.sheets.find((s) => s.name === "核查结果")!.visibility).toBe("Hidden");
    expect(host.doc.activeSheet).toBe("附件1");
  });
});
