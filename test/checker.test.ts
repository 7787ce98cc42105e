import { promises as fs } from "fs";
import { unzipSync } from "fflate";
import "../src/adapters/xlsx/node";
import { checkXlsx } from "../src/adapters/xlsx";
import { PROFILES } from "../src/engine/profile";
import { handle } from "../src/review/checker";
import { fixture } from "./helpers";

/** The reviewers' page's checker, called as its Web Worker calls it. */
describe("the page's checker: findings stay with it until a row is opened", () => {
  it("a check replies without findings; asking for them gives every one; a file not checked is an error", async () => {
    await handle({ type: "reset", id: 1 });
    const bytes = new Uint8Array(await fs.readFile(fixture("seed")));
    const checked = (await handle({ type: "check", id: 2, name: "县直/信访局.xlsx", bytes, report: null, profile: "seed" })).reply;
    if (checked.type !== "checked") throw new Error(checked.type);
    expect(checked.submission.findings).toEqual([]);
    expect(checked.submission.errors).toBeGreaterThan(0);
    const asked = (await handle({ type: "findings", id: 3, name: "县直/信访局.xlsx" })).reply;
    if (asked.type !== "findings") throw new Error(asked.type);
    expect(asked.findings.filter((f) => f.severity === "error")).toHaveLength(checked.submission.errors);
    expect(asked.findings.map((f) => f.cell)).toContain("D5");
    expect((await handle({ type: "findings", id: 4, name: "乡镇/信访局.xlsx" })).reply.type).toBe("error");
  });

  it("writes the same copies as the command line, from the bytes and the plan it keeps", async () => {
    await handle({ type: "reset", id: 10 });
    const names = ["seed", "dept-plus-projects", "hidden-sheets", "macro.xlsm", "protected-sheet"];
    for (const [i, n] of names.entries()) {
      const bytes = new Uint8Array(await fs.readFile(fixture(n)));
      const reply = (await handle({ type: "check", id: 11 + i, name: `${n}.xlsx`, bytes, report: null, profile: "seed" })).reply;
      expect(reply.type).toBe("checked");
    }
    // The journal's custom XML properties take a fresh GUID from Math.random: the same one for both.
    const random = jest.spyOn(Math, "random").mockReturnValue(0.5);
    // The journal notes when it was written (version 2): the same moment for both.
    const now = jest.spyOn(Date.prototype, "toISOString").mockReturnValue("2026-12-01T00:00:00.000Z");
    const zip = (await handle({ type: "package", id: 20, source: "测试", profile: "seed", names: names.map((n) => `${n}.xlsx`) })).reply;
    if (zip.type !== "package") throw new Error(zip.type);
    const files = unzipSync(zip.zip);
    const parts = (b: Uint8Array) => unzipSync(b);
    for (const n of names) {
      const copy = Object.entries(files).find(([k]) => k.endsWith(`/${n}.checked.xlsx`))?.[1];
      expect(copy).toBeDefined();
      const cli = checkXlsx(new Uint8Array(await fs.readFile(fixture(n))), `${n}.xlsx`, PROFILES.seed).write();
      expect(parts(copy!)).toEqual(parts(cli));
    }
    random.mockRestore();
    now.mockRestore();
  });
});
