/**
 * Writes every fixture workbook (fixtures/out/) and the sample workbook
 * (examples/) from the readable specs in fixtures/build/. Run by the test
 * setup and by `npm run fixtures`.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { writeWorkbook } from "../fixtures/build/buildWorkbook";
import { EXAMPLE, FIXTURES } from "../fixtures/build/catalog";
import { writeBrokenFiles } from "../fixtures/build/broken";

export const ROOT = path.resolve(__dirname, "..");
export const FIXTURE_DIR = path.join(ROOT, "fixtures", "out");

export async function buildFixtures(opts: { example?: boolean } = {}): Promise<string[]> {
  await fs.mkdir(FIXTURE_DIR, { recursive: true });
  const written: string[] = [];
  for (const [name, spec] of Object.entries(FIXTURES)) {
    const file = path.join(FIXTURE_DIR, `${name}.xlsx`);
    await writeWorkbook(spec(), file);
    written.push(file);
  }
  written.push(...(await writeBrokenFiles(FIXTURE_DIR)));
  if (opts.example) {
    const file = path.join(ROOT, "examples", EXAMPLE.name);
    await writeWorkbook(EXAMPLE.spec(), file);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  buildFixtures({ example: true }).then(
    (files) => console.log(`已生成 ${files.length} 个文件（fixtures/out/ 与 examples/）`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
