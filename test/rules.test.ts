import { at, check, only } from "./helpers";

/** Each rule on a real file, asserted at the cell it concerns. */
describe("附件1 rules", () => {
  it("sum-mismatch: 三公经费 ≠ its parts; 项目支出 left 0 while its parts hold figures", async () => {
    const r = await check("sum-mismatch");
    expect(at(r, "sum-mismatch").sort()).toEqual(["附件1!B6", "附件1!D12"]);
    const f = r.findings.find((x) => x.cell === "D12")!;
    expect(f.message).toContain("应为 75.47");
    expect(f.message).toContain("附件1!D13");
  });
  it("subset-exceeds: 其中 rows above 公用经费", async () => {
    const r = await check("subset-exceeds");
    expect(only(r, "subset-exceeds").cell).toBe("D18");
  });
  it("sum-mismatch on a parent left blank and breakdown-missing on a parent without parts", async () => {
    const r = await check("breakdown-missing");
    // 公务用车 (B7) = 3 with both parts blank: only an info; 三公 = 13.11 = 3 + 10.11 holds.
    expect(at(r, "breakdown-missing")).toEqual(["附件1!B7"]);
    expect(at(r, "sum-mismatch")).toEqual([]);
  });
  it("上级专项资金 = Σ 其中 rows when they are filled", async () => {
    const r = await check("special-items");
    const f = only(r, "sum-mismatch");
    expect(f.cell).toBe("B15");
    expect(f.message).toContain("应为 9");
  });
  it("staff-over-quota: 实际在职 12 against 编制 11", async () => {
    const r = await check("over-quota");
    expect(r.computed.staffControlRate).toBeCloseTo(12 / 11, 12);
    expect(only(r, "staff-over-quota").cell).toBe("D4");
  });
  it("buildings: 规模控制率 and 投资概算控制率 per row, over 100% flagged", async () => {
    const r = await check("buildings");
    expect(r.computed.buildings).toEqual([
      { scaleControlRate: 1.2, investmentControlRate: 0.96 },
      { scaleControlRate: 280 / 300, investmentControlRate: 1.2 },
    ]);
    expect(at(r, "building-over-scale")).toEqual(["附件1!D25"]);
    expect(at(r, "building-over-investment")).toEqual(["附件1!G26"]);
    const writes = r.plan.writes.filter((w) => w.sheet === "附件1" && w.kind === "computed").map((w) => `${w.cell}=${w.formula}`);
    expect(writes).toEqual(expect.arrayContaining(["D25=C25/B25", "G25=F25/E25", "D26=C26/B26", "G26=F26/E26"]));
  });
});

describe("附件2 rules", () => {
  it("execution-over-100: B > A, 得分 capped at 分值 by the default profile", async () => {
    const r = await check("execution-over-100");
    expect(r.computed.executionRate).toBeCloseTo(407.3 / 400, 12);
    expect(r.computed.executionScore).toBe(10);
    expect(only(r, "execution-over-100").cell).toBe("G5");
  });
  it("stated-figure-mismatch: a typed 执行率 and 得分 that disagree are flagged and kept", async () => {
    const r = await check("stated-rate-wrong");
    expect(at(r, "stated-figure-mismatch")).toEqual(["附件2!G5", "附件2!H5"]);
    expect(r.plan.writes.find((w) => w.cell === "G5" || w.cell === "H5")).toBeUndefined();
  });
  it("total-score-mismatch: 总分 typed 90, computed 88", async () => {
    const r = await check("total-mismatch");
    const f = only(r, "total-score-mismatch");
    expect(f.cell).toBe("H34");
    expect(f.message).toContain("88");
    expect(r.plan.writes.find((w) => w.cell === "H34")).toBeUndefined();
  });
  it("grade-mismatch: 评价等级 typed 优秀 for a total of 88", async () => {
    const r = await check("grade-stated-wrong");
    const f = only(r, "grade-mismatch");
    expect(`${f.sheet}!${f.cell}`).toBe("附件2!J34");
    expect(f.message).toContain("良好");
  });
  it("score-out-of-range: 得分 6 of 5 and -1", async () => {
    const r = await check("score-out-of-range");
    expect(at(r, "score-out-of-range")).toEqual(["附件2!H14", "附件2!H24"]);
  });
  it("group-weight-mismatch: 效益指标（30分） whose rows add up to 25", async () => {
    const r = await check("group-weight-mismatch");
    expect(at(r, "group-weight-mismatch")).toEqual(["附件2!B24"]);
    expect(at(r, "indicator-weight-mismatch")).toEqual(["附件2!A13"]);
  });
  it("total-weight-mismatch: 总分 分值 105 against 10 + 90", async () => {
    const r = await check("total-weight-mismatch");
    expect(at(r, "total-weight-mismatch")).toEqual(["附件2!G34"]);
    // 95 = 10 + 85 adds up, but differs from the profile's 100: an info only.
    const g = await check("group-weight-mismatch");
    expect(at(g, "total-weight-mismatch")).toEqual([]);
    expect(at(g, "profile-weight-differs")).toEqual(["附件2!G34"]);
  });
  it("split-sum-mismatch and split-total-unmatched on the income split", async () => {
    const r = await check("split-mismatch");
    expect(at(r, "split-sum-mismatch")).toEqual(["附件2!B6"]);
    expect(at(r, "split-total-unmatched")).toEqual(["附件2!B6"]);
  });
  it("indicator-below-target: 满意度 90% against ≥95%, cost 35000 above 30000; met targets pass", async () => {
    const r = await check("below-target");
    expect(at(r, "indicator-below-target")).toEqual(["附件2!I14", "附件2!I32"]);
  });
  it("an existing 【待说明】 marker counts as no reason and is not written twice", async () => {
    const r = await check("marker-present");
    expect(at(r, "deviation-unexplained")).toContain("附件2!I15");
    expect(r.plan.writes.find((w) => w.cell === "I15")).toBeUndefined();
  });
  it("cell-occupied: the grade is not written over a person's entry", async () => {
    const r = await check("grade-cell-occupied");
    expect(at(r, "cell-occupied")).toEqual(["附件2!J33"]);
    expect(r.plan.writes.find((w) => w.cell === "J33" || w.cell === "J34")).toBeUndefined();
    expect(r.computed.grade).toBe("良好");
  });
  it("group-label-missing: the unnamed 成本指标 group is inferred as 产出指标 (50分)", async () => {
    const r = await check("seed");
    const f = only(r, "group-label-missing");
    expect(f.cell).toBe("D14");
    expect(f.message).toContain("产出指标");
    expect(at(r, "group-weight-mismatch")).toEqual([]);
  });
  it("table-missing: a workbook with only 附件2 is still checked", async () => {
    const r = await check("only-self-evaluation");
    expect(r.tables.basicData).toBeNull();
    expect(only(r, "table-missing").severity).toBe("warning");
    expect(r.computed.totalScore).toBe(88);
  });
});

describe("unreadable values are findings at their own cells, never guessed", () => {
  it("reports each one and leaves what depends on it empty", async () => {
    const r = await check("unreadable-values");
    expect(at(r, "value-unreadable").sort()).toEqual(["附件1!B4", "附件1!D12", "附件1!D13", "附件2!E5", "附件2!G14"].sort());
    expect(r.computed.staffControlRate).toBeNull();
    expect(r.computed.executionRate).toBeNull();
    expect(r.computed.totalScore).toBeNull();
    expect(r.findings.find((f) => f.cell === "D13")!.message).toContain("#DIV/0!");
    expect(r.plan.writes.filter((w) => w.kind === "computed")).toEqual([]);
  });
  it("reads messy but readable values exactly as typed", async () => {
    const r = await check("messy-values");
    expect(r.computed.staffControlRate).toBe(10 / 11);
    expect(r.computed.executionRate).toBe(1);
    expect(r.computed.totalScore).toBe(88);
    expect(at(r, "value-unreadable")).toEqual([]);
    // "90.91%" typed in 控制率 agrees with 10/11 to the precision typed: kept, not flagged.
    expect(at(r, "stated-figure-mismatch")).toEqual([]);
    expect(r.plan.writes.find((w) => w.sheet === "附件1" && w.cell === "D4")).toBeUndefined();
    // "10分" cannot be referenced by a formula: the score is written as a value, with a note.
    expect(at(r, "formula-written-as-value")).toEqual(["附件2!G5", "附件2!H5"]);
  });
});
