import { labelKey, weightInLabel } from "../src/engine/labels";
import { parseLabeledNumber, parseNumberCell, parseNumberText } from "../src/engine/values";

describe("reading numbers as clerks type them", () => {
  const num = (s: string) => {
    const p = parseNumberText(s);
    return p.kind === "number" ? p.value : p.kind;
  };
  it("reads plain, spaced, full-width and percent text", () => {
    expect(num("10.11\u3000")).toBe(10.11);
    expect(num("１１")).toBe(11);
    expect(num("４０７．３")).toBe(407.3);
    expect(num(" 75.47 ")).toBe(75.47);
    expect(num("90.91%")).toBeCloseTo(0.9091, 10);
    expect(num("９０％")).toBeCloseTo(0.9, 10);
    expect(num("1,234.50")).toBe(1234.5);
    expect(num("331.83万元")).toBe(331.83);
    expect(num("10人")).toBe(10);
    expect(num("\n20000")).toBe(20000);
  });
  it("keeps the money unit a figure was typed with, and tells a typed placeholder from an empty cell", () => {
    expect(parseNumberText("150万")).toMatchObject({ kind: "number", value: 150, unit: "万元" });
    expect(parseNumberText("150万元")).toMatchObject({ kind: "number", value: 150, unit: "万元" });
    expect(parseNumberText("1,500,000元")).toMatchObject({ kind: "number", value: 1500000, unit: "元" });
    expect(parseNumberText("150")).not.toHaveProperty("unit");
    expect(parseNumberText("83.5%")).not.toHaveProperty("unit");
    for (const s of ["—", "-", "/"]) expect(parseNumberText(s)).toEqual({ kind: "blank", na: true });
    expect(parseNumberText("\u3000")).toEqual({ kind: "blank" });
  });
  it("treats placeholders as blank and refuses everything else", () => {
    for (const s of ["", "\u3000", "-", "—", "/", "无"]) expect(num(s)).toBe("blank");
    for (const s of ["十一", "75.47.1", "约10", "1,23", "abc"]) expect(num(s)).toBe("invalid");
  });
  it("reports error values, dates, booleans and uncalculated formulas as unreadable", () => {
    expect(parseNumberCell({ value: null, error: "#DIV/0!" })).toMatchObject({ kind: "invalid", zh: expect.stringContaining("#DIV/0!") });
    expect(parseNumberCell({ value: 45296, date: true }).kind).toBe("invalid");
    expect(parseNumberCell({ value: true }).kind).toBe("invalid");
    expect(parseNumberCell({ value: null, formula: "A1+1" }).kind).toBe("invalid");
    expect(parseNumberCell({ value: 12, formula: "A1+1" })).toMatchObject({ kind: "number", value: 12, fromText: false });
  });
  it("splits label：number cells at the last colon", () => {
    expect(parseLabeledNumber("其中：一般公共预算：269.97")).toMatchObject({ label: "其中:一般公共预算", figure: { kind: "number", value: 269.97 } });
    expect(parseLabeledNumber("政府性基金拨款：")).toMatchObject({ figure: { kind: "blank" } });
    expect(parseLabeledNumber("项目支出：七十五")?.figure.kind).toBe("invalid");
    expect(parseLabeledNumber("没有冒号")).toBeNull();
  });
});

describe("label keys", () => {
  it("ignores spaces, line breaks, numbering and 其中", () => {
    expect(labelKey("   1、公务用车购置和维护经费")).toBe("公务用车购置和维护经费");
    expect(labelKey("其中：公车购置")).toBe("公车购置");
    expect(labelKey("（二）项目支出")).toBe("项目支出");
    expect(labelKey("绩效\n指标（90分）")).toBe("绩效指标(90分)");
    expect(labelKey(" 三 公 经 费 ")).toBe("三公经费");
  });
  it("gives the same key from its memo, and folds long texts (not memoised) the same way", () => {
    expect(labelKey("（二）项目支出")).toBe("项目支出");
    const long = `（一）${"项目".repeat(200)}：`;
    expect(labelKey(long)).toBe("项目".repeat(200));
    expect(labelKey(long)).toBe("项目".repeat(200));
    for (let i = 0; i < 20005; i++) labelKey(`标签${i}`);
    expect(labelKey("其中：公车购置")).toBe("公车购置");
  });
  it("reads the weight written in a label", () => {
    expect(weightInLabel("效益指标（30分）")).toBe(30);
    expect(weightInLabel("绩效\n指标（90分）")).toBe(90);
    expect(weightInLabel("产出指标")).toBeNull();
  });
});
