import { promises as fs, readdirSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { workbookSnapshot } from "./excelJsSnapshot";
import { openXlsx, readSnapshot } from "../src/adapters/xlsx";
import { FIXTURES } from "./helpers";

/**
 * The package-level reader gives the engine exactly what the ExcelJS reader
 * gave, on every fixture: values, cached results, formulas (shared ones
 * expanded), errors, dates, merges, visibility, protection.
 */
describe("xlsx adapter reads every fixture as the ExcelJS adapter did", () => {
  const names: string[] = readdirSync(FIXTURES).filter((n) => /\.(xlsx|xlsm)$/.test(n) && !n.startsWith("broken-"));
  it.each(names)("%s", async (name) => {
    const file = path.join(FIXTURES, name);
    const bytes = await fs.readFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const expected = workbookSnapshot(wb).sheets;
    const ours = readSnapshot(openXlsx(new Uint8Array(bytes), file)).sheets;
    expect(ours).toEqual(expected);
  });
});
