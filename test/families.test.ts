import type { CheckReport } from "../src/engine/report";
import { check } from "./helpers";

/**
 * Layout families other provinces print (fixtures/build/layoutFamilies.ts), each read by the roles
 * of its header rows; figures worked out by hand.
 */
const errors = (r: CheckReport) => r.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
const rules = (r: CheckReport) => r.findings.map((f) => f.rule);

describe("layout families", () => {
  it("20 + 80: execution scored as an indicator row, weights in the group labels and the note, a stated total that does not add up", async () => {
    const r = await check("family-split");
    expect(r.forms).toHaveLength(1);
    const f = r.forms[0];
    // No title: the 单位名称 line makes it a 部门整体 form.
    expect(f.kind).toBe("department");
    expect(f.unit).toBe("某县人力资源和社会保障局");
    expect(f.budget).toEqual({ initial: null, annual: 80, executed: 78.4, moneyUnit: "万元" });
    expect(f.computed.executionRate).toBeCloseTo(0.98, 10);
    // 20 × 98% is the 预算执行率 row's 19.6; the total is what the rows add up to, 97.6, not the stated 100.
    expect(f.computed.executionScore).toBe(19.6);
    expect(f.computed.totalScore).toBe(97.6);
    expect(f.computed.grade).toBeNull();
    expect(errors(r)).toEqual(["total-score-mismatch 自评表!F10"]);
    // No false "分值合计 0": weights come from the labels, and the reading says so.
    expect(rules(r)).not.toContain("group-weight-mismatch");
    expect(rules(r)).not.toContain("indicator-weight-mismatch");
    expect(f.reading.unread).toContainEqual({ role: "weight", why: "指标无分值列，按组权重核算" });
    expect(f.reading.ruleSources).toContainEqual({ rule: "grade-bands", from: "form-note", cell: "A11" });
    expect(f.reading.ruleSources).toContainEqual({ rule: "group-weights", from: "group-label", cell: "A5" });
    // 成本控制率 100 is a rate, not an amount of money in 元.
    expect(rules(r)).not.toContain("unit-suspect");
  });

  it("20 + 80: a group's scores above its label's weight are out of range at the label, and the total is disputed", async () => {
    const r = await check("family-split-over");
    expect(errors(r)).toEqual(["score-out-of-range 自评表!A6"]);
    expect(r.forms[0].computed.totalScore).toBe(102.6);
    expect(r.forms[0].computed.grade).toBeNull();
  });

  it("single level: 指标名称 / 指标权重 / 得分系数 / 指标得分, groups opened by their own rows", async () => {
    const r = await check("family-single-level");
    const f = r.forms[0];
    expect(f.kind).toBe("department");
    expect(f.unit).toBe("某县统计局");
    expect(f.reading.layout).toBe("single-level");
    expect(f.computed).toEqual({ executionRate: 0.95, executionScore: 9.5, totalScore: 95.5, grade: "优秀" });
    expect(errors(r)).toEqual([]);
    // The one lost point without a reason is owed one in the 说明 column.
    expect(r.findings.filter((x) => x.rule === "deviation-unexplained").map((x) => x.cell)).toEqual(["E12"]);
  });

  it("an evaluation table (决策 / 过程 / 产出 / 效益): weights, scores, total and the note's bands; no 执行率 without a money block", async () => {
    const r = await check("family-evaluation");
    const f = r.forms[0];
    expect(f.reading.layout).toBe("evaluation");
    expect(f.budget.moneyUnit).toBeNull();
    expect(f.computed).toEqual({ executionRate: null, executionScore: null, totalScore: 94, grade: "优" });
    expect(errors(r)).toEqual([]);
    expect(f.reading.unread.map((u) => u.role)).toContain("money");
  });

  it("money sub-rows with their own figures: only the 合计 row is scored", async () => {
    const r = await check("family-money-subrows");
    const f = r.forms[0];
    expect(f.budget).toEqual({ initial: 300, annual: 350, executed: 334, moneyUnit: "万元" });
    expect(f.computed).toEqual({ executionRate: 334 / 350, executionScore: 9.54, totalScore: 99.54, grade: "优秀" });
    expect(errors(r)).toEqual([]);
  });

  it("a 基本概况 block: 人员编制 and 实有人数 side by side give the 编制控制率", async () => {
    const r = await check("family-basic-overview");
    expect(r.tables.basicData?.sheet).toBe("基本概况");
    expect(r.computed.staffControlRate).toBe(13 / 12);
    expect(r.findings.find((f) => f.rule === "staff-over-quota")?.cell).toBe("D3");
  });

  it("the tail of a previous table is not a form", async () => {
    const r = await check("family-tail-above");
    expect(r.forms).toHaveLength(1);
    expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 97, grade: "优秀" });
  });

  it("a 部门整体 form without its title is still a 部门整体 form", async () => {
    const r = await check("family-untitled");
    expect(r.forms.map((f) => f.kind)).toEqual(["department"]);
    expect(r.forms[0].computed.totalScore).toBe(88);
  });

  it("a form's note replaces the default bands; a chosen profile wins, and the difference is said", async () => {
    const { NATIONAL_PROFILE } = await import("../src/engine/profile");
    const own = await check("family-evaluation");
    expect(own.forms[0].computed.grade).toBe("优");
    const chosen = await check("family-evaluation", { ...NATIONAL_PROFILE, gradeBands: NATIONAL_PROFILE.gradeBands.map((b) => (b.grade === "优" ? { ...b, min: 95 } : b)) });
    expect(chosen.forms[0].computed.grade).toBe("良");
    expect(chosen.findings.filter((f) => f.rule === "note-rules-differ").map((f) => f.cell)).toEqual(["A14"]);
    expect(chosen.forms[0].reading.ruleSources).toContainEqual({ rule: "grade-bands", from: "chosen-profile", cell: null });
  });
});
