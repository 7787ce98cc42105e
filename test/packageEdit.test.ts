import { zipSync, strToU8 } from "fflate";
import { PackageEdit } from "../src/adapters/xlsx/edit";
import { openXlsx, relsOf, REL_CUSTOM_XML, REL_STYLES, REL_WORKSHEET } from "../src/adapters/xlsx/package";
import { elements } from "../src/adapters/xlsx/xml";

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_WORKSHEET}" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL_STYLES}" Target="styles.xml"/></Relationships>`;

/** A small package written by fflate (not by us): one sheet; the sheet's .rels an empty self-closing root. */
function tinyPackage() {
  return zipSync({
    "[Content_Types].xml": strToU8(CT),
    "_rels/.rels": strToU8(`<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(WB_RELS),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`),
    "xl/worksheets/_rels/sheet1.xml.rels": strToU8(`<Relationships xmlns="${RELS_NS}"/>`),
    "xl/styles.xml": strToU8(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`),
  });
}

const relationships = (xml: string) => elements(xml).filter((e) => e.local === "Relationship").map((e) => `${e.attrs.Id} ${e.attrs.Target}`);

describe("PackageEdit: relationships added to a part", () => {
  it("several added to one part get distinct free ids and all land in it, the part's own kept as written", () => {
    const edit = new PackageEdit(openXlsx(tinyPackage(), "tiny.xlsx"));
    const a = edit.addRel("xl/workbook.xml", REL_WORKSHEET, "xl/worksheets/sheet2.xml");
    const b = edit.addRel("xl/workbook.xml", REL_CUSTOM_XML, "customXml/item1.xml");
    expect([a, b]).toEqual(["rId2", "rId4"]);
    const xml = edit.text("xl/_rels/workbook.xml.rels")!;
    expect(relationships(xml)).toEqual(["rId1 worksheets/sheet1.xml", "rId3 styles.xml", "rId2 worksheets/sheet2.xml", "rId4 ../customXml/item1.xml"]);
    expect(xml.startsWith(WB_RELS.slice(0, WB_RELS.indexOf("</Relationships>")))).toBe(true);
  });

  it("an empty self-closing <Relationships/> is opened up to hold them", () => {
    const edit = new PackageEdit(openXlsx(tinyPackage(), "tiny.xlsx"));
    expect(edit.addRel("xl/worksheets/sheet1.xml", "t/comments", "xl/comments1.xml")).toBe("rId1");
    expect(edit.addRel("xl/worksheets/sheet1.xml", "t/vmlDrawing", "xl/drawings/vmlDrawing1.vml")).toBe("rId2");
    expect(relationships(edit.text("xl/worksheets/_rels/sheet1.xml.rels")!)).toEqual(["rId1 ../comments1.xml", "rId2 ../drawings/vmlDrawing1.vml"]);
  });

  it("the built package holds them, and one removed after being added is gone", () => {
    const edit = new PackageEdit(openXlsx(tinyPackage(), "tiny.xlsx"));
    const a = edit.addRel("xl/workbook.xml", REL_CUSTOM_XML, "customXml/item1.xml");
    edit.addRel("xl/workbook.xml", REL_CUSTOM_XML, "customXml/item2.xml");
    edit.removeRel("xl/workbook.xml", a);
    const back = openXlsx(edit.build(), "back.xlsx");
    expect(relsOf(back, "xl/workbook.xml").map((r) => `${r.id} ${r.target}`)).toEqual(["rId1 xl/worksheets/sheet1.xml", "rId3 xl/styles.xml", "rId4 customXml/item2.xml"]);
  });

  it("a part replaced whole after a relationship was added keeps the replacement", () => {
    const edit = new PackageEdit(openXlsx(tinyPackage(), "tiny.xlsx"));
    edit.addRel("xl/workbook.xml", REL_CUSTOM_XML, "customXml/item1.xml");
    edit.set("xl/_rels/workbook.xml.rels", WB_RELS);
    expect(edit.text("xl/_rels/workbook.xml.rels")).toBe(WB_RELS);
  });
});
