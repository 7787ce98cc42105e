import { readFileSync } from "fs";
import * as path from "path";
import { RULES } from "../src/engine/findings";

describe("README", () => {
  const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
  // Rule rows look like "| `rule-id` | severity | …"; option rows start with "--".
  const documented = [...readme.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).filter((id) => !id.startsWith("-"));

  it("documents every rule id the engine can report, and no other", () => {
    expect(new Set(documented)).toEqual(new Set(Object.keys(RULES)));
  });
  it("names the test command that CI runs", () => {
    const ci = readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8");
    expect(readme).toContain("npm test");
    expect(ci).toMatch(/^npm test$/m);
  });
});
