import { recalculate } from "../src/adapters/office/recalculate";
import { clearMarksInExcel, undoInExcel } from "../src/adapters/office/undo";
import { cloneDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * Patterned template fills (issue 20, point 7): a marked cell whose template fill has a pattern
 * gets it back from 清除标记 and 撤销, not its colour alone as a solid fill. Whether setting a
 * colour keeps a pattern is undocumented: both outcomes are run.
 */
const patterned = { fill: "#DDEBF7", pattern: "Gray50", patternColor: "#7F7F7F" };

async function seedWithPattern(colorKeepsPattern: boolean) {
  const opened = await openInHost("seed", { excelApi: 20, colorKeepsPattern });
  const d5 = opened.host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5 ?? {};
  opened.host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5 = { ...d5, ...patterned };
  return { ...opened, d5: () => opened.host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5 };
}

describe("patterned fills", () => {
  it("the host reads a pattern back through getCellProperties and sets one through RangeFill.pattern (ExcelApi 1.9)", async () => {
    const { host } = await seedWithPattern(false);
    const props = await host.run(async (ctx) => {
      const p = ctx.workbook.worksheets.getItem("附件2").getRange("D5").getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
      await ctx.sync();
      return p.value[0][0].format.fill;
    });
    expect(props).toEqual({ color: "#DDEBF7", pattern: "Gray50", patternColor: "#7F7F7F" });
    const old = await openInHost("seed", { excelApi: 8 });
    await expect(
      old.host.run(async (ctx) => {
        (ctx.workbook.worksheets.getItem("附件2").getRange("D5").format.fill as unknown as { pattern: string }).pattern = "Gray50";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it.each([false, true])("清除标记 and 撤销 give the pattern back (setting a colour keeps the pattern: %s)", async (keeps) => {
    const { host, api, d5 } = await seedWithPattern(keeps);
    const before = cloneDocument(host.doc);
    await recalculate(api);
    // Our mark is solid, whatever the colour did to the pattern.
    expect(d5()).toMatchObject({ fill: "#FFC7CE" });
    expect(d5().pattern).toBeUndefined();
    await clearMarksInExcel(api);
    expect(d5()).toMatchObject(patterned);
    await recalculate(api);
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(d5()).toMatchObject(patterned);
    expect(host.doc.sheets).toEqual(before.sheets);
  });
});
