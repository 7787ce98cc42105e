import fc from "fast-check";
import { SaxesParser } from "saxes";
import { escAttr, escText } from "../src/adapters/xlsx/xml";

/** What a conforming parser gives back for text we escaped: control characters spelled Excel's way. */
const excelSpelling = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);

function parse(xml: string): { attr: string; text: string } {
  const p = new SaxesParser({ xmlns: false });
  let attr = "";
  let text = "";
  p.on("opentag", (t) => (attr = String(t.attributes.v)));
  p.on("text", (t) => (text += t));
  p.on("error", (e) => {
    throw e;
  });
  p.write(xml).close();
  return { attr, text };
}

describe("escaping text and attributes for the parts we write", () => {
  it("any text comes back from a conforming parser as written (line ends normalised in text, kept in attributes)", () => {
    const unit = fc.constantFrom(..."&<>\"'\t\n\r\u0000\u0001\u000b\u001f中文 ;#x_a1".split(""));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        const { attr, text } = parse(`<c v="${escAttr(s)}">${escText(s)}</c>`);
        expect(attr).toBe(excelSpelling(s));
        expect(text).toBe(excelSpelling(s).replace(/\r\n?/g, "\n"));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves text with nothing to escape as the same string", () => {
    const s = "全年预算数（万元）";
    expect(escText(s)).toBe(s);
    expect(escAttr("a&b\"c")).toBe("a&amp;b&quot;c");
  });
});
