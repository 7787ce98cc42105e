import { applyPlanInExcel } from "../src/adapters/office/applyPlan";
import { hyperlinkFormula, LITERAL_MAX, textLiterals } from "../src/adapters/office/hyperlinkFormula";
import { readWorkbook } from "../src/adapters/office/readWorkbook";
import { checkWorkbook } from "../src/engine/check";
import { PROFILES } from "../src/engine/profile";
import { openInHost } from "./officeHelpers";

/**
 * 「核查结果」's links (issue 20, point 7): a label over 255 characters (a scattered finding's cells)
 * must not fail the write batch, since Excel refuses a text literal over 255 characters in a formula.
 */
const literals = (formula: string) => [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));

describe("HYPERLINK labels over 255 characters", () => {
  it("the host refuses a formula with a text literal over 255 characters, or over 8,192 characters in all", async () => {
    const { host } = await openInHost("seed");
    const write = (formula: string) =>
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("附件1").getRange("Z1").formulas = [[formula]];
        await ctx.sync();
      });
    await write(`="${"甲".repeat(255)}"`);
    expect(host.doc.sheets.find((s) => s.name === "附件1")!.cells.Z1.value).toBe("甲".repeat(255));
    await expect(write(`="${"甲".repeat(256)}"`)).rejects.toMatchObject({ code: "InvalidArgument" });
    // A doubled quote is one character of the text.
    await write(`="${'""'.repeat(255)}"`);
    await expect(write(`=${Array(2100).fill('"甲"').join("&")}`)).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("splits a label into literals of at most 255 characters, quotes and surrogate pairs kept whole", () => {
    const label = `附件2!${Array.from({ length: 120 }, (_, i) => `E${i + 14}`).join(",")}"𠀀`;
    const f = textLiterals(label);
    const parts = literals(f);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(LITERAL_MAX);
    expect(parts.join("")).toBe(label);
    expect(hyperlinkFormula("附件2", "E14", "附件2!E14")).toBe(`=HYPERLINK("#'附件2'!E14","附件2!E14")`);
  });

  it("一键核算 writes a 600-character link label whole: the batch goes through and the cell shows it", async () => {
    const { host, api } = await openInHost("seed");
    const read = await readWorkbook(api);
    const plan = checkWorkbook(read.snapshot, PROFILES.seed).plan;
    const label = `附件2!${Array.from({ length: 150 }, (_, i) => `E${i + 14}`).join(",")}`;
    expect(label.length).toBeGreaterThan(600);
    const row = Math.max(...plan.results.cells.map((c) => c.row)) + 1;
    plan.results.cells.push({ row, col: 2, value: label, link: { sheet: "附件2", cell: "E14" } });
    await applyPlanInExcel(api, plan, read);
    const results = host.doc.sheets.find((s) => s.name === "核查结果")!;
    const cell = Object.values(results.cells).find((c) => c.value === label)!;
    expect(cell.formula).toMatch(/^=HYPERLINK\("#'附件2'!E14",".*"&".*"\)$/);
    expect(cell.hyperlink ?? cell.formula).toBeTruthy();
  });

  it("a label too long for any formula is shortened with …", () => {
    const f = hyperlinkFormula("附件2", "E14", "甲".repeat(20000));
    expect(f.length).toBeLessThanOrEqual(8192);
    expect(literals(f).join("")).toMatch(/^#'附件2'!E14甲+…$/);
  });
});
