import { childElements, elementsByName, NS, parseXml, readParts, relationships, sheetParts, workbookPart, type Parts } from "./ooxml";

/**
 * What a workbook package carries of the features the producers matrix asks for,
 * read from the package itself (content types, relationships, sheet elements), so
 * the matrix documents what each producer really wrote, not what we asked it to.
 */
export const FEATURES = [
  "chart",
  "image",
  "comment",
  "threadedComment",
  "dataValidation",
  "conditionalFormatting",
  "frozenPane",
  "printArea",
  "definedName",
  "customProperties",
  "pivotTable",
  "calcChain",
  "cellImage",
] as const;
export type Feature = (typeof FEATURES)[number];

export const FEATURE_ZH: Record<Feature, string> = {
  chart: "图表",
  image: "图片",
  comment: "批注",
  threadedComment: "线程批注",
  dataValidation: "数据有效性",
  conditionalFormatting: "条件格式",
  frozenPane: "冻结窗格",
  printArea: "打印区域",
  definedName: "名称",
  customProperties: "自定义属性",
  pivotTable: "数据透视表",
  calcChain: "计算链",
  cellImage: "单元格内图片",
};

function contentTypes(parts: Parts): string[] {
  const bytes = parts.get("[Content_Types].xml");
  if (!bytes) return [];
  return childElements(parseXml("[Content_Types].xml", bytes).documentElement).map((e) => e.getAttribute("ContentType") ?? "");
}

export function carries(bytes: Uint8Array): Set<Feature> {
  const parts = readParts(bytes);
  const names = [...parts.keys()];
  const types = contentTypes(parts);
  const out = new Set<Feature>();
  const has = (f: Feature, yes: boolean) => yes && out.add(f);
  has("chart", types.some((t) => t.includes("drawingml.chart+xml")) || names.some((n) => /\/charts\/chart\d*\.xml$/i.test(n)));
  has("image", names.some((n) => /\/media\//i.test(n)));
  has("threadedComment", names.some((n) => /threadedComments?\//i.test(n)));
  has("pivotTable", names.some((n) => /pivotTables?\//i.test(n)));
  has("calcChain", names.some((n) => /calcChain\.xml$/i.test(n)));
  // WPS pictures in cells (xl/cellimages.xml) and Excel's (rich data web images).
  has("cellImage", names.some((n) => /cellimages\.xml$/i.test(n) || /richData\/rdRichValueWebImage\.xml$/i.test(n) || /richData\/richValueRel\.xml$/i.test(n)));
  const custom = parts.get("docProps/custom.xml");
  has("customProperties", !!custom && elementsByName(parseXml("docProps/custom.xml", custom), "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "property").length > 0);
  const wb = workbookPart(parts);
  const definedNames = elementsByName(parseXml(wb, parts.get(wb)!), NS.main, "definedName").map((d) => d.getAttribute("name") ?? "");
  has("printArea", definedNames.includes("_xlnm.Print_Area"));
  has("definedName", definedNames.some((n) => !n.startsWith("_xlnm.")));
  for (const s of sheetParts(parts)) {
    const bytes = parts.get(s.part);
    if (!bytes) continue;
    const doc = parseXml(s.part, bytes);
    has("comment", relationships(parts, s.part).some((r) => r.type.endsWith("/comments") && parts.has(r.target)));
    // x14 validations and formats live in extLst under another namespace; count both.
    has("dataValidation", doc.getElementsByTagNameNS("*", "dataValidation").length > 0);
    has("conditionalFormatting", doc.getElementsByTagNameNS("*", "conditionalFormatting").length > 0);
    has("frozenPane", elementsByName(doc, NS.main, "pane").some((p) => /frozen/i.test(p.getAttribute("state") ?? "")));
  }
  return out;
}
