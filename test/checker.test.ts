import { promises as fs } from "fs";
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
});
