import { check } from "./helpers";

/** Layout variations must give the same figures and the same kinds of finding as the plain form. */
describe("finding the tables by their labels", () => {
  const summary = (r: Awaited<ReturnType<typeof check>>) => ({
    computed: r.computed,
    rules: r.findings.map((f) => `${f.severity}:${f.rule}`).sort(),
  });

  it("both tables on one sheet, shifted two columns right", async () => {
    const base = await check("seed-complete");
    const r = await check("layout-one-sheet");
    expect(r.tables.basicData).toEqual({ sheet: "自评材料", range: "C4:I28" });
    expect(r.tables.selfEvaluation?.sheet).toBe("自评材料");
    expect(summary(r)).toEqual(summary(base));
    // Findings and writes follow the table: 执行率 sits at I38 (G5 shifted by 33 rows, 2 columns).
    expect(r.plan.writes.find((w) => w.what === "执行率")?.cell).toBe("I38");
    expect(r.plan.writes.find((w) => w.what === "执行率")?.formula).toBe("G38/F38");
  });

  it("other sheet names and an unrelated first sheet", async () => {
    const base = await check("seed-complete");
    const r = await check("layout-other-names");
    expect(r.tables.basicData?.sheet).toBe("Sheet2");
    expect(r.tables.selfEvaluation?.sheet).toBe("Sheet3");
    expect(summary(r)).toEqual(summary(base));
  });

  it("blank template rows inserted inside both tables", async () => {
    const base = await check("seed-complete");
    const r = await check("layout-blank-rows");
    expect(summary(r)).toEqual(summary(base));
    expect(r.plan.writes.find((w) => w.what === "评价等级")?.cell).toBe("J37");
  });

  it("a 总分 row typed left to right (100 | 88 after the label) is read where it is", async () => {
    const ok = await check("total-left-to-right");
    expect(ok.computed.totalScore).toBe(88);
    expect(ok.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ok.plan.writes.find((w) => w.cell === "C34")).toBeUndefined();
    const wrong = await check("total-left-to-right-wrong");
    const f = wrong.findings.find((x) => x.rule === "total-score-mismatch")!;
    expect(`${f.sheet}!${f.cell}`).toBe("附件2!C34");
    expect(f.message).toContain("88");
  });

  it("labels with stray spaces, line breaks, numbering and colons", async () => {
    const base = await check("seed-complete");
    const r = await check("layout-spaced-labels");
    expect(summary(r)).toEqual(summary(base));
  });
});

describe("Grid.find", () => {
  it("is the first cell findAll gives, for every label, range and fixture layout", async () => {
    const { readFileSync } = await import("fs");
    const { openXlsx, readSnapshot } = await import("../src/adapters/xlsx");
    const { Grid } = await import("../src/engine/grid");
    const { fixture } = await import("./helpers");
    let compared = 0;
    for (const name of ["seed", "layout-one-sheet", "layout-other-names", "dept-plus-projects"]) {
      const snap = readSnapshot(openXlsx(new Uint8Array(readFileSync(fixture(name))), `${name}.xlsx`));
      for (const sheet of snap.sheets) {
        const grid = new Grid(sheet);
        const keys = [...new Set(grid.findAll(() => true).map((p) => grid.key(p.row, p.col)))];
        const tests = [...keys.slice(0, 40).map((k) => (key: string) => key === k), (key: string) => key.includes("合计"), () => false];
        const ranges = [undefined, { top: grid.top + 3 }, { left: grid.left + 1, right: grid.left + 4 }, { top: grid.top + 5, bottom: grid.top + 12, left: grid.left + 2 }];
        for (const t of tests)
          for (const r of ranges) {
            expect(grid.find(t, r)).toEqual(grid.findAll(t, r)[0] ?? null);
            compared++;
          }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
