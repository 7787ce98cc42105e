import { promises as fs, readdirSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { workbookSnapshot } from "./excelJsSnapshot";
import { openXlsx, readSnapshot } from "../src/adapters/xlsx";
import { FIXTURES } from "./helpers";
import type { SheetSnapshot } from "../src/engine/snapshot";

/**
 * The package-level reader gives the engine exactly what the ExcelJS reader
 * gave, on every fixture: values, cached results, formulas (shared ones
 * expanded), errors, dates, merges, visibility, protection. Its rows end at
 * their last cell; the ExcelJS reader's all run to the widest.
 */
/** Each row without the empty cells after its last one: the two readers differ only there. */
const withoutTrailingBlanks = (sheets: SheetSnapshot[]) =>
  sheets.map((s) => ({
    ...s,
    cells: s.cells.map((row) => {
      let n = row.length;
      while (n > 0 && row[n - 1] === null) n--;
      return row.slice(0, n);
    }),
  }));

describe("xlsx adapter reads every fixture as the ExcelJS adapter did", () => {
  const names: string[] = readdirSync(FIXTURES).filter((n) => /\.(xlsx|xlsm)$/.test(n) && !n.startsWith("broken-"));
  it.each(names)("%s", async (name) => {
    const file = path.join(FIXTURES, name);
    const bytes = await fs.readFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const expected = workbookSnapshot(wb).sheets;
    const ours = readSnapshot(openXlsx(new Uint8Array(bytes), file)).sheets;
    expect(withoutTrailingBlanks(ours)).toEqual(withoutTrailingBlanks(expected));
    // Rows end at their own last cell (a stray value at XFD1048576 must not make every row 16384 long).
    for (const sheet of ours) for (const row of sheet.cells) expect(row.length === 0 || row[row.length - 1] !== null).toBe(true);
  });
});
