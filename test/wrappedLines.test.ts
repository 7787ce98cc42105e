import fc from "fast-check";
import { wrappedLines } from "../src/engine/results";

/** The expression wrappedLines was first written as: the single pass must agree with it to the line. */
function byExpression(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split("\n").reduce((n, line) => {
    let w = 0;
    for (const ch of line) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/.test(ch) ? 2.1 : 1.1;
    return n + Math.max(1, Math.ceil(w / usable));
  }, 0);
}

describe("wrappedLines: lines a wrapped 「核查结果」 cell needs", () => {
  it("agrees with the regular expression it replaced, for any text and width", () => {
    const unit = fc.constantFrom(..."附件2!D5 全年预算数未填写，执行率无法计算。“”‘’ＡＢ가힣\n\n0.5%ab".split(""), "😀", "\ud800", "\udc00", "𠀋");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.integer({ min: 0, max: 80 }), (s, width) => {
        expect(wrappedLines(s, width)).toBe(byExpression(s, width));
      }),
      { numRuns: 3000 },
    );
  });

  it("a 68-wide column: one line for a short message, three for 70 汉字, one more per line break", () => {
    expect(wrappedLines("执行率无法计算。", 68)).toBe(1);
    expect(wrappedLines("汉".repeat(70), 68)).toBe(3);
    expect(wrappedLines("第一行\n第二行\n", 68)).toBe(3);
  });
});
