import ExcelJS from "exceljs";
import * as path from "path";
import { workbookSnapshot } from "../src/adapters/exceljs/readSnapshot";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { EXAMPLE } from "../fixtures/build/catalog";
import { loadBook, ROOT } from "./helpers";

/** The sample shipped in examples/ is what its readable spec says (regenerate with `npm run fixtures`). */
describe("examples/", () => {
  it("the committed sample workbook matches its spec cell for cell", async () => {
    const committed = await loadBook(path.join(ROOT, "examples", EXAMPLE.name));
    const fresh = await buildWorkbook(EXAMPLE.spec());
    const reload = new ExcelJS.Workbook();
    await reload.xlsx.load((await fresh.xlsx.writeBuffer()) as ArrayBuffer);
    expect(workbookSnapshot(committed)).toEqual(workbookSnapshot(reload));
  });
});
