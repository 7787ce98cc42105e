import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import type { HostDocument } from "./document";
import { documentFromExcelJS } from "./fromExcelJS";

/**
 * An .xlsx file as Excel opens it, for the in-memory host: the cells (through
 * ExcelJS) and the workbook's custom XML parts (customXml/item*.xml), which
 * Excel exposes as workbook.customXmlParts and where the undo journal lives.
 */
export async function documentFromXlsx(bytes: Uint8Array): Promise<HostDocument> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const doc = documentFromExcelJS(wb);
  const files = unzipSync(bytes, { filter: (f) => /^customXml\/item\d+\.xml$/.test(f.name) });
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) {
    const xml = strFromU8(data).replace(/^\uFEFF/, "");
    const namespace = /<[^?!][^>]*?\sxmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
    doc.customXmlParts.push({ id: `{${name}}`, namespace, xml });
  }
  return doc;
}
