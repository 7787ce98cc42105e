import { listZip, readEntry, type ZipOut } from "../zip";

/**
 * A macro-enabled workbook's VBA project, carried through unchanged: it is
 * read as bytes, never run, and put back when the checked copy is written
 * (ExcelJS itself drops it, which would make an .xlsm unreadable in Excel).
 */
export interface MacroPart {
  bytes: Buffer;
}

const VBA = "xl/vbaProject.bin";
const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

export function extractMacros(zip: Buffer): MacroPart | null {
  const e = listZip(zip).find((x) => x.name === VBA);
  return e ? { bytes: readEntry(zip, e) } : null;
}

/** Edits and the extra part that restore the macros in a zip ExcelJS wrote. */
export function macroRestorer(m: MacroPart): { edit: (name: string, data: Buffer) => Buffer; extra: ZipOut[] } {
  const edit = (name: string, data: Buffer): Buffer => {
    if (name === "[Content_Types].xml") {
      let xml = data.toString("utf8").replace(/(PartName="\/xl\/workbook\.xml"\s+ContentType=")[^"]+"/, `$1${MACRO_MAIN}"`);
      if (!/Extension="bin"/.test(xml)) xml = xml.replace(/<Types([^>]*)>/, `<Types$1><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`);
      return Buffer.from(xml, "utf8");
    }
    if (name === "xl/_rels/workbook.xml.rels") {
      const xml = data.toString("utf8");
      if (/relationships\/vbaProject"/.test(xml)) return data;
      return Buffer.from(xml.replace("</Relationships>", `<Relationship Id="rIdVbaProject1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`), "utf8");
    }
    return data;
  };
  return { edit, extra: [{ name: VBA, data: m.bytes }] };
}
