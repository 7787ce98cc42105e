import { promises as fs } from "fs";
import * as path from "path";
import { openXlsx, readSnapshot } from "../src/adapters/xlsx";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { EXAMPLE } from "../fixtures/build/catalog";
import { ROOT } from "./helpers";

/** The sample shipped in examples/ is what its readable spec says (regenerate with `npm run fixtures`). */
describe("examples/", () => {
  it("the committed sample workbook matches its spec cell for cell", async () => {
    const file = path.join(ROOT, "examples", EXAMPLE.name);
    const committed = readSnapshot(openXlsx(new Uint8Array(await fs.readFile(file)), file));
    const fresh = new Uint8Array(await (await buildWorkbook(EXAMPLE.spec())).xlsx.writeBuffer());
    expect(committed).toEqual(readSnapshot(openXlsx(fresh, "fresh.xlsx")));
  });
});
