import { readFileSync } from "fs";
import * as path from "path";
import { ROOT } from "./helpers";

/**
 * `npm install` warns EBADENGINE when a locked package's engines.node excludes the running
 * Node. Every package in package-lock.json must accept both the Node running the tests (CI's
 * Node 20) and the lowest version the project itself declares.
 */
// semver (npm's own) ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver: { satisfies(v: string, range: string, o?: object): boolean; minVersion(range: string): { version: string; major: number } | null } = require("semver");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
const declared: string = pkg.engines.node;

describe("engines", () => {
  const locked = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[] }>)
    .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .map(([name, p]) => ({ name: name.replace(/^.*node_modules\//, ""), version: p.version, node: (p.engines as { node: string }).node }));

  it("the project declares a Node 20 release", () => {
    expect(semver.minVersion(declared)!.major).toBe(20);
  });

  it.each([
    ["the running Node", process.version],
    ["the lowest Node the project declares", semver.minVersion(declared)!.version],
  ])("every locked package accepts %s (%s): no EBADENGINE", (_what, version) => {
    expect(locked.length).toBeGreaterThan(100);
    expect(locked.filter((p) => !semver.satisfies(version, p.node, { includePrerelease: true }))).toEqual([]);
  });
});
