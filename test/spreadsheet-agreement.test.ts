import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { applyPlanToPackage, openXlsx } from "../src/adapters/xlsx";
import { bookOf, bytesOf, fixture, recheck } from "./helpers";
import { expectRecalculatedAsCached, recalcWithLibreOffice, sofficePath } from "./libreoffice";

/**
 * The formulas the plan writes must give, in a real spreadsheet program, the
 * figures the engine computed. LibreOffice recalculates them from scratch:
 * the cached results are removed first, so nothing of ours is trusted.
 */
const haveLibreOffice = sofficePath() !== null;
if (!haveLibreOffice && process.env.CI) throw new Error("CI must install libreoffice-calc (see .ci/run)");
const maybe = haveLibreOffice ? describe : describe.skip;

maybe("formulas agree with LibreOffice", () => {
  it.each(["seed", "seed-complete-no-total", "messy-values", "buildings", "grade-60", "execution-over-100", "layout-one-sheet", "projects-stacked", "project-unit-amounts", "project-sichuan"])(
    "%s",
    async (name) => {
      const input = await bytesOf(fixture(name));
      const report = recheck(input);
      // The checked copy as the adapter writes it, read back by ExcelJS (an independent reader) to strip the results.
      const wb = await bookOf(applyPlanToPackage(openXlsx(input, name), report.plan));
      const formulas = report.plan.writes.filter((w) => w.formula !== null);
      expect(formulas.length).toBeGreaterThan(0);
      // Drop every cached result we wrote: LibreOffice must compute them itself.
      for (const w of formulas) {
        wb.getWorksheet(w.sheet)!.getCell(w.cell).value = { formula: (wb.getWorksheet(w.sheet)!.getCell(w.cell).value as ExcelJS.CellFormulaValue).formula } as ExcelJS.CellFormulaValue;
      }
      const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "agree-")), "x.xlsx");
      await wb.xlsx.writeFile(file);
      const sheets = [...new Set(formulas.map((w) => w.sheet))];
      const csv = await recalcWithLibreOffice(file, sheets);
      expectRecalculatedAsCached(csv, formulas);
    },
    120000,
  );
});

maybe("files written by the command line open in LibreOffice", () => {
  it("the checked copy (natively re-deflated zip) shows the engine's figures", async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "cli-lo-")), "checked.xlsx");
    const { cli } = await import("./helpers");
    expect(cli([fixture("seed-complete-no-total"), "--out", out]).code).toBe(0);
    const csv = await recalcWithLibreOffice(out, ["附件2", "核查结果"]);
    expect(csv["附件2"][33][7]).toBe("88");
    expect(csv["附件2"][33][9]).toBe("良好");
    expect(csv["附件2"][4][6]).toBe("100%");
    expect(csv["核查结果"][0][0]).toBe("部门整体支出绩效自评核查结果");
  }, 120000);
});
