import { checkXlsx } from "../src/adapters/xlsx";
import { expectedOf, figuresOf, publishedCases, rounded } from "./published";

/**
 * Published forms, transcribed cell for cell from departments' own pages. Every figure the .json
 * states must come out, and the error-level findings must be exactly the source's own mistakes it
 * lists.
 */
describe("published forms from departments' own pages", () => {
  let cases: Awaited<ReturnType<typeof publishedCases>> = [];
  beforeAll(async () => {
    cases = await publishedCases();
  });

  it("the corpus is there, each .xlsx beside its .json", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it("every form's figures and error findings equal its hand computation", () => {
    const differences: string[] = [];
    for (const c of cases) {
      const r = checkXlsx(c.bytes, `${c.name}.xlsx`).report;
      const got = rounded(figuresOf(r).map((f) => ({ ...f, budget: { initial: f.budget.initial, annual: f.budget.annual, executed: f.budget.executed } })));
      const want = rounded(expectedOf(c.spec));
      // Figures the .json leaves out (a unit it could not tell) are not compared.
      const gotCompared = got.map((g, i) => (want[i] && want[i].unit === null ? { ...g, unit: null } : g));
      if (JSON.stringify(gotCompared) !== JSON.stringify(want)) differences.push(`${c.name}\n  got  ${JSON.stringify(gotCompared)}\n  want ${JSON.stringify(want)}`);
      if (c.spec.basicData) {
        const rate = r.computed.staffControlRate;
        if (rounded(rate) !== rounded(c.spec.basicData.staffRate)) differences.push(`${c.name}: 编制控制率 ${rate} ≠ ${c.spec.basicData.staffRate}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("every form says what it read, at which cells, and what it could not", () => {
    for (const c of cases) {
      const r = checkXlsx(c.bytes, `${c.name}.xlsx`).report;
      for (const f of r.forms) {
        expect(f.reading.blocks.length).toBeGreaterThan(0);
        for (const b of f.reading.blocks) expect(b.range).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
        for (const u of f.reading.unread) expect(u.why).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe("docs/forms-coverage.md", () => {
  it("lists every corpus form as the reader reads it now (npm run coverage:forms)", async () => {
    const { formsCoverage } = await import("../scripts/forms-coverage");
    const { promises: fs } = await import("fs");
    const path = await import("path");
    const committed = await fs.readFile(path.join(__dirname, "..", "docs", "forms-coverage.md"), "utf8");
    expect(committed).toBe(await formsCoverage());
  });
});
