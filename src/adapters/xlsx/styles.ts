import { parsePart, relIs, relsOf, REL_STYLES, type XlsxPackage } from "./package";
import { elements, type XmlElement } from "./xml";

/** Built-in number formats (ECMA-376 §18.8.30) the engine may meet; zh-CN variants of the locale ids. */
const BUILT_IN: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** A date or time format: y, m, d, h, s (or b, Buddhist year) outside quotes and brackets — the rule ExcelJS applies. */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code) return false;
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}

export interface Styles {
  path: string | null;
  xml: string;
  els: XmlElement[];
  numFmts: Map<number, string>;
  /** cellXfs, in order. */
  xfs: XmlElement[];
  fills: XmlElement[];
  fonts: XmlElement[];
  fontsEl: number;
  /** Container elements (absent: -1). */
  cellXfsEl: number;
  fillsEl: number;
  numFmtsEl: number;
  root: number;
  dateXf: boolean[];
}

export function stylesPath(pkg: XlsxPackage): string | null {
  const rel = relsOf(pkg, pkg.workbookPath).find((r) => relIs(r, REL_STYLES) && r.target);
  return rel?.target ?? null;
}

/** What a workbook without a styles part is read as, and gets when a check must add styles. */
export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export function readStyles(pkg: XlsxPackage): Styles {
  const cached = pkg.cache.get("styles") as Styles | undefined;
  if (cached) return cached;
  const path = stylesPath(pkg);
  const parsed = path ? parsePart(pkg, path) : null;
  const s = stylesFrom(parsed ? path : null, parsed?.xml ?? MINIMAL_STYLES, parsed?.els ?? elements(MINIMAL_STYLES));
  pkg.cache.set("styles", s);
  return s;
}

export function stylesFrom(path: string | null, xml: string, els: XmlElement[]): Styles {
  const s: Styles = { path, xml, els, numFmts: new Map(), xfs: [], fills: [], fonts: [], fontsEl: -1, cellXfsEl: -1, fillsEl: -1, numFmtsEl: -1, root: els.length ? 0 : -1, dateXf: [] };
  els.forEach((el, i) => {
    const parent = el.parent >= 0 ? els[el.parent].local : "";
    if (el.local === "numFmts" && el.depth === 1) s.numFmtsEl = i;
    else if (el.local === "fills" && el.depth === 1) s.fillsEl = i;
    else if (el.local === "cellXfs" && el.depth === 1) s.cellXfsEl = i;
    else if (el.local === "fonts" && el.depth === 1) s.fontsEl = i;
    else if (el.local === "font" && parent === "fonts") s.fonts.push(el);
    else if (el.local === "numFmt" && parent === "numFmts") s.numFmts.set(Number(el.attrs.numFmtId), el.attrs.formatCode ?? "");
    else if (el.local === "xf" && parent === "cellXfs") s.xfs.push(el);
    else if (el.local === "fill" && parent === "fills") s.fills.push(el);
  });
  s.dateXf = s.xfs.map((xf) => isDateFormat(formatCode(s, Number(xf.attrs.numFmtId ?? 0))));
  return s;
}

export function formatCode(s: Styles, id: number): string | null {
  return s.numFmts.get(id) ?? BUILT_IN[id] ?? null;
}

export function builtInId(code: string): number | null {
  for (const [id, c] of Object.entries(BUILT_IN)) if (c === code && Number(id) < 27) return Number(id);
  return null;
}

/** The number format of a style index (null: General). */
export function numFmtOf(s: Styles, xf: number): string | null {
  const el = s.xfs[xf];
  if (!el) return null;
  const code = formatCode(s, Number(el.attrs.numFmtId ?? 0));
  return code === "General" ? null : code;
}

/** The solid fill colour (ARGB) of a style index, or null. */
export function fillOf(s: Styles, xf: number): string | null {
  const el = s.xfs[xf];
  if (!el) return null;
  const fill = s.fills[Number(el.attrs.fillId ?? 0)];
  if (!fill) return null;
  const i = s.els.indexOf(fill);
  let solid = false;
  let rgb: string | null = null;
  for (let j = i + 1; j < s.els.length && s.els[j].depth > fill.depth; j++) {
    const e = s.els[j];
    if (e.local === "patternFill") solid = e.attrs.patternType === "solid";
    if (e.local === "fgColor" && e.attrs.rgb) rgb = e.attrs.rgb;
  }
  return solid ? rgb : null;
}
