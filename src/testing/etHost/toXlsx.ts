import { parseA1 } from "../../engine/address";
import { writeZip } from "../../adapters/xlsx/zip";
import type { HostCell, HostDocument } from "../excelHost/document";

/**
 * A host document written as an .xlsx package with the project's own zip
 * writer (src/adapters/xlsx/zip.ts), custom XML parts included (ExcelJS drops
 * customXml/, where the journal lives): what a workbook the clerk saves in WPS
 * or Excel holds, for the cross-host undo tests. Cells as inline strings,
 * numbers, booleans, errors and formulas with their cached results; number
 * formats, solid fills and bold in styles.xml; notes as legacy comments with
 * their VML shapes; merges, visibility, sheet protection, column widths.
 */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const enc = new TextEncoder();
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

class Styles {
  private formats = new Map<string, number>();
  private fills = new Map<string, number>();
  private xfs = new Map<string, number>([["0|0|0", 0]]);
  xf(c: HostCell): number {
    const fmt = c.numberFormat && c.numberFormat !== "General" ? this.id(this.formats, c.numberFormat, 164) : 0;
    const fill = c.fill ? this.id(this.fills, c.fill, 2) : 0;
    const key = `${fmt}|${fill}|${c.bold ? 1 : 0}`;
    return this.id(this.xfs, key, 0);
  }
  private id(m: Map<string, number>, k: string, base: number): number {
    if (!m.has(k)) m.set(k, base + m.size);
    return m.get(k)!;
  }
  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join("");
    const fills = [...this.fills.keys()].map((hex) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${hex.slice(1)}"/><bgColor indexed="64"/></patternFill></fill>`).join("");
    const xfs = [...this.xfs.keys()].map((k) => {
      const [fmt, fill, bold] = k.split("|").map(Number);
      return `<xf numFmtId="${fmt}" fontId="${bold}" fillId="${fill}" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ""}${fill ? ' applyFill="1"' : ""}${bold ? ' applyFont="1"' : ""}/>`;
    });
    return `${XML}<styleSheet xmlns="${NS_MAIN}">${numFmts ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : ""}<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="${2 + this.fills.size}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

function cellXml(addr: string, c: HostCell, s: number): string {
  const st = s ? ` s="${s}"` : "";
  const f = c.formula ? `<f>${esc(c.formula.slice(1))}</f>` : "";
  if (c.error) return `<c r="${addr}"${st} t="e">${f}<v>${esc(c.error)}</v></c>`;
  const v = c.value;
  if (typeof v === "number") return `<c r="${addr}"${st}>${f}<v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${addr}"${st} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string" && v !== "") return f ? `<c r="${addr}"${st} t="str">${f}<v>${esc(v)}</v></c>` : `<c r="${addr}"${st} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  return f ? `<c r="${addr}"${st}>${f}</c>` : `<c r="${addr}"${st}/>`;
}

export function documentToXlsx(doc: HostDocument): Uint8Array {
  const styles = new Styles();
  const files: { name: string; text: string }[] = [];
  const overrides: string[] = [];
  const wbRels: string[] = [];
  const sheetsXml: string[] = [];
  doc.sheets.forEach((s, i) => {
    const n = i + 1;
    const entries = Object.entries(s.cells)
      .map(([addr, c]) => ({ addr, c, p: parseA1(addr)! }))
      .sort((a, b) => a.p.row - b.p.row || a.p.col - b.p.col);
    const rows = new Map<number, string[]>();
    for (const e of entries) rows.set(e.p.row, [...(rows.get(e.p.row) ?? []), cellXml(e.addr, e.c, styles.xf(e.c))]);
    const sheetData = [...rows].map(([r, cells]) => `<row r="${r + 1}">${cells.join("")}</row>`).join("");
    const cols = Object.entries(s.columnWidths ?? {}).map(([c, w]) => `<col min="${Number(c) + 1}" max="${Number(c) + 1}" width="${w}" customWidth="1"/>`).join("");
    const notes = entries.filter((e) => e.c.note !== undefined);
    const rels: string[] = [];
    if (notes.length) {
      rels.push(`<Relationship Id="rId1" Type="${REL}/comments" Target="../comments${n}.xml"/>`, `<Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/>`);
      files.push({
        name: `xl/comments${n}.xml`,
        text: `${XML}<comments xmlns="${NS_MAIN}"><authors><author>核算助手</author></authors><commentList>${notes.map((e) => `<comment ref="${e.addr}" authorId="0"><text><r><t xml:space="preserve">${esc(e.c.note!)}</t></r></text></comment>`).join("")}</commentList></comments>`,
      });
      overrides.push(`<Override PartName="/xl/comments${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`);
      const shapes = notes.map((e, k) => `<v:shape id="_x0000_s${1025 + k}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><x:ClientData ObjectType="Note"><x:Row>${e.p.row}</x:Row><x:Column>${e.p.col}</x:Column></x:ClientData></v:shape>`).join("");
      files.push({ name: `xl/drawings/vmlDrawing${n}.vml`, text: `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/>${shapes}</xml>` });
      files.push({ name: `xl/worksheets/_rels/sheet${n}.xml.rels`, text: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>` });
    }
    const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
    files.push({
      name: `xl/worksheets/sheet${n}.xml`,
      text: `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${sheetData}</sheetData>${s.protected ? '<sheetProtection sheet="1"/>' : ""}${merges}${notes.length ? '<legacyDrawing r:id="rId2"/>' : ""}</worksheet>`,
    });
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    const state = s.visibility === "Hidden" ? ' state="hidden"' : s.visibility === "VeryHidden" ? ' state="veryHidden"' : "";
    sheetsXml.push(`<sheet name="${esc(s.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`);
  });
  const k = doc.sheets.length;
  wbRels.push(`<Relationship Id="rId${k + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  doc.customXmlParts.forEach((p, i) => {
    files.push({ name: `customXml/item${i + 1}.xml`, text: p.xml });
    wbRels.push(`<Relationship Id="rId${k + 2 + i}" Type="${REL}/customXml" Target="../customXml/item${i + 1}.xml"/>`);
  });
  files.push({ name: "xl/styles.xml", text: styles.xml() });
  files.push({ name: "xl/workbook.xml", text: `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheets>${sheetsXml.join("")}</sheets></workbook>` });
  files.push({ name: "xl/_rels/workbook.xml.rels", text: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join("")}</Relationships>` });
  files.push({ name: "_rels/.rels", text: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` });
  files.push({
    name: "[Content_Types].xml",
    text: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides.join("")}</Types>`,
  });
  // [Content_Types].xml first, as Office writes it.
  files.unshift(files.pop()!);
  return writeZip(files.map((f) => ({ name: f.name, data: enc.encode(f.text) })));
}
