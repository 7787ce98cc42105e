import fc from "fast-check";
import { SaxesParser } from "saxes";
import { escAttr, escText, retag } from "../src/adapters/xlsx/xml";

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

describe("retag: a start tag with attributes set or removed", () => {
  /** As retag was first written, with Object.entries and a Set. */
  function byEntries(el: { name: string; attrs: Record<string, string>; selfClosing: boolean }, set: Record<string, string | null>): string {
    let attrs = "";
    const done = new Set<string>();
    for (const [k, v] of Object.entries(el.attrs)) {
      if (k in set) {
        done.add(k);
        if (set[k] !== null) attrs += ` ${k}="${escAttr(set[k]!)}"`;
      } else attrs += ` ${k}="${escAttr(v)}"`;
    }
    for (const [k, v] of Object.entries(set)) if (!done.has(k) && v !== null) attrs += ` ${k}="${escAttr(v)}"`;
    return `<${el.name}${attrs}${el.selfClosing ? "/>" : ">"}`;
  }

  it("agrees with the Object.entries version for any attributes, and the tag reads back with what was set", () => {
    const key = fc.constantFrom("r", "s", "t", "x:ph", "cm", "vm");
    const value = fc.string({ unit: fc.constantFrom(..."a1\"&<中\n".split("")), maxLength: 4 });
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.dictionary(key, fc.option(value, { nil: null })), fc.boolean(), (attrs, set, selfClosing) => {
        const xml = `<c${Object.entries(attrs).map(([k, v]) => ` ${k}="${escAttr(v)}"`).join("")}${selfClosing ? "/>" : "></c>"}`;
        const p = new SaxesParser({ xmlns: false, position: true });
        let el: { name: string; attrs: Record<string, string>; selfClosing: boolean; start: number; openEnd: number } | null = null;
        p.on("opentag", (t) => (el ??= { name: t.name, attrs: t.attributes as Record<string, string>, selfClosing: t.isSelfClosing, start: 0, openEnd: p.position }));
        p.write(xml).close();
        const tag = retag(xml, el as never, set);
        expect(tag).toBe(byEntries(el!, set));
        const back = new SaxesParser({ xmlns: false });
        let got: Record<string, string> = {};
        back.on("opentag", (t) => (got = { ...(t.attributes as Record<string, string>) }));
        back.write(selfClosing ? tag : `${tag}</c>`).close();
        const want: Record<string, string> = {};
        for (const [k, v] of Object.entries(attrs)) if (!(k in set)) want[k] = v;
        for (const [k, v] of Object.entries(set)) if (v !== null) want[k] = v;
        expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});
