import fc from "fast-check";
import { compareNames } from "../src/summary/compareNames";

describe("compareNames: the one order of submissions' names", () => {
  it("orders names as localeCompare(…, \"zh-CN\") does (拼音 order for 汉字)", () => {
    const unit = fc.constantFrom(..."县直乡镇财政所信访局教育局卫健局绥宁邵阳aAbB0129-_/ .（）".split(""));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.string({ unit, maxLength: 12 }), (a, b) => {
        expect(Math.sign(compareNames(a, b))).toBe(Math.sign(a.localeCompare(b, "zh-CN")));
      }),
      { numRuns: 2000 },
    );
  });

  it("puts 财政局 before 教育局 before 信访局 (cai, jiao, xin)", () => {
    expect(["信访局.xlsx", "财政局.xlsx", "教育局.xlsx"].sort(compareNames)).toEqual(["财政局.xlsx", "教育局.xlsx", "信访局.xlsx"]);
  });
});
