import { isWhiteSpace } from "../src/engine/whiteSpace";

describe("isWhiteSpace", () => {
  it("is exactly what \\s matches and trim removes, over every UTF-16 code unit", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect([c, isWhiteSpace(c)]).toEqual([c, /\s/.test(ch)]);
      if (isWhiteSpace(c)) expect(`a${ch}`.trim()).toBe("a");
    }
  });
});
