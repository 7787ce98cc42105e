import fc from "fast-check";
import { compareNames } from "../src/summary/compareNames";

describe("compareNames: the one order of submissions' names", () => {
  it("orders names as localeCompare(…, \"zh-CN\", { numeric: true }) does (拼音 order for 汉字, numbers by value)", () => {
    const unit = fc.constantFrom(..."县直乡镇财政所信访局教育局卫健局绥宁邵阳aAbB0129-_/ .（）".split(""));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.string({ unit, maxLength: 12 }), (a, b) => {
        expect(Math.sign(compareNames(a, b))).toBe(Math.sign(a.localeCompare(b, "zh-CN", { numeric: true })));
      }),
      { numRuns: 2000 },
    );
  });

  it("puts 财政局 before 教育局 before 信访局 (cai, jiao, xin)", () => {
    expect(["信访局.xlsx", "财政局.xlsx", "教育局.xlsx"].sort(compareNames)).toEqual(["财政局.xlsx", "教育局.xlsx", "信访局.xlsx"]);
  });

  it("sorts numbers in names by their value: 单位2 before 单位10, 单位17 after 单位9 and before 单位169", () => {
    const names = ["单位170.xlsx", "单位10.xlsx", "单位169.xlsx", "单位2.xlsx", "单位17.xlsx", "单位9.xlsx", "单位1.xlsx"];
    expect([...names].sort(compareNames)).toEqual(["单位1.xlsx", "单位2.xlsx", "单位9.xlsx", "单位10.xlsx", "单位17.xlsx", "单位169.xlsx", "单位170.xlsx"]);
  });
});
