import { readdirSync } from "fs";
import * as path from "path";
import { groupFindings } from "../src/engine/findingGroups";
import { holdsNoForm } from "../src/engine/report";
import { submissionOf, worseFinding } from "../src/summary/submission";
import { check, ROOT } from "./helpers";

/** Every generated fixture that holds a form: single-form workbooks, project workbooks with several. */
const names = readdirSync(path.join(ROOT, "fixtures", "out"))
  .filter((f) => f.endsWith(".xlsx") && !f.startsWith("broken-"))
  .map((f) => f.replace(/\.xlsx$/, ""));

describe("submissionOf: each form's problems", () => {
  it.each(names)("%s: its findings worst first, one line per group, as the summary and the page list them", async (name) => {
    const r = await check(name);
    if (holdsNoForm(r)) return;
    const sub = submissionOf(name, r);
    sub.forms.forEach((row, i) => {
      const own = r.findings.filter((f) => (f.form !== null && f.form >= 0 && f.form < sub.forms.length ? f.form : 0) === i);
      const expected = groupFindings([...own].sort(worseFinding)).map((g) => `${g.sheet}!${g.range} ${g.message}`);
      expect(row.problems).toEqual(expected);
    });
    expect(sub.forms.reduce((n, f) => n + f.errors, 0)).toBe(sub.errors);
  });

  it("covers a workbook of several forms", async () => {
    const counts = await Promise.all(names.map(async (n) => submissionOf(n, await check(n)).forms.length));
    expect(Math.max(...counts)).toBeGreaterThan(1);
  });
});
