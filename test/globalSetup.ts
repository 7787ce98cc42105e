import { execFileSync } from "child_process";
import * as path from "path";
import { buildFixtures } from "../scripts/build-fixtures";

/**
 * Every test file reads real .xlsx files written fresh from the readable specs,
 * and runs the command line as `npm run check` does: bundled from the current source.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  // Names this run, so test files share one production build of the pages (test/builds.ts).
  process.env.JIXIAO_TEST_RUN = `${Date.now()}-${process.pid}`;
  execFileSync(process.execPath, [path.join(root, "scripts", "build-cli.mjs")], { cwd: root, stdio: "inherit" });
  await buildFixtures();
}
