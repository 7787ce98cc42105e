import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { promises as fs } from "fs";
import * as path from "path";
import { checkXlsx } from "../src/adapters/xlsx";
import { ensureProducerFiles, missingProducerTools, PRODUCERS_DIR } from "../fixtures/producers/files";
import { readParts, sheetParts, text } from "./ooxml";
import { planCells, preservationLosses, type Loss, type PreservationOptions } from "./preservation";

/**
 * The preservation checker must see every kind of loss the matrix relies on it to
 * find: each case below takes a real checked copy (XlsxWriter's workbook through
 * the package-level adapter), damages one thing the way a careless writer would,
 * and expects that one thing reported.
 */

// The cases run on XlsxWriter's file; without the producers' programs (locally) they are skipped, in CI they fail.
const MISSING = missingProducerTools();
if (MISSING.length && process.env.CI) throw new Error(`CI must install ${MISSING.join(", ")} (see .ci/run)`);
const test = MISSING.length ? it.skip : it;

let input: Uint8Array;
let checked: Uint8Array;
let allowed: PreservationOptions;
let sheet2: string;

beforeAll(async () => {
  if (MISSING.length) return;
  ensureProducerFiles();
  input = new Uint8Array(await fs.readFile(path.join(PRODUCERS_DIR, "xlsxwriter.xlsx")));
  const { report, write } = checkXlsx(input, "xlsxwriter.xlsx");
  checked = write();
  allowed = planCells(report.plan);
  sheet2 = sheetParts(readParts(input)).find((s) => s.name === "附件2")!.part;
}, 120000);

/** The checked copy with one part's XML edited through the DOM. */
function damaged(part: string, edit: (doc: Document) => void): Uint8Array {
  const parts = readParts(checked);
  const doc = new DOMParser().parseFromString(text(parts.get(part)!), "text/xml") as unknown as Document;
  edit(doc);
  parts.set(part, new TextEncoder().encode(new XMLSerializer().serializeToString(doc as never)));
  return zipSync(Object.fromEntries(parts));
}

function removeFirst(doc: Document, local: string): void {
  const el = doc.getElementsByTagNameNS("*", local)[0];
  expect(el).toBeDefined();
  el.parentNode!.removeChild(el);
}

const whats = (losses: Loss[]) => losses.map((l) => `${l.part}: ${l.what}`);

test("finds nothing lost between a file and itself, or in the adapter's checked copy", () => {
  expect(preservationLosses(input, input)).toEqual([]);
  expect(preservationLosses(input, input, { exact: true })).toEqual([]);
  expect(preservationLosses(input, checked, allowed)).toEqual([]);
});

test("in exact mode (undo), the checked copy is not the input: added and edited parts are named", () => {
  const losses = whats(preservationLosses(input, checked, { exact: true }));
  expect(losses).toContain(`${sheet2}: part changed`);
  expect(losses.some((l) => l.endsWith("part added (undo leaves it behind)"))).toBe(true);
});

test("a frozen pane removed from a sheet is a changed <sheetViews>", () => {
  const out = damaged(sheet2, (d) => removeFirst(d, "pane"));
  expect(whats(preservationLosses(input, out, allowed))).toEqual([expect.stringMatching(new RegExp(`^${sheet2}: <sheetViews> changed`))]);
});

test("data validation, conditional formatting and the drawing removed from a sheet are each named", () => {
  for (const el of ["dataValidations", "conditionalFormatting", "drawing"]) {
    const out = damaged(sheet2, (d) => removeFirst(d, el));
    expect(whats(preservationLosses(input, out, allowed))).toContain(`${sheet2}: <${el}> missing`);
  }
});

test("a cell the plan does not touch, changed, is named; a planned one is not", () => {
  const out = damaged(sheet2, (d) => {
    const g14 = Array.from(d.getElementsByTagNameNS("*", "c") as unknown as ArrayLike<Element>).find((c) => c.getAttribute("r") === "G14")!;
    g14.getElementsByTagNameNS("*", "v")[0].textContent = "4";
  });
  expect(whats(preservationLosses(input, out, allowed))).toEqual([`${sheet2}: 附件2!G14 changed (value "5" → "4")`]);
  expect(allowed.changeable!.get("附件2")!.has("G5")).toBe(true);
});

test("a cell the plan only marks may change its fill, never its value", () => {
  expect(allowed.restyled!.get("附件2")!.has("E14")).toBe(true);
  expect(allowed.changeable!.get("附件2")!.has("E14")).toBe(false);
  const out = damaged(sheet2, (d) => {
    const e14 = Array.from(d.getElementsByTagNameNS("*", "c") as unknown as ArrayLike<Element>).find((c) => c.getAttribute("r") === "E14")!;
    e14.getElementsByTagNameNS("*", "v")[0].textContent = "3";
  });
  expect(whats(preservationLosses(input, out, allowed))).toEqual([`${sheet2}: 附件2!E14 changed (value "30000" → "3")`]);
});

test("a defined name or a print area dropped from workbook.xml is named", () => {
  const out = damaged("xl/workbook.xml", (d) => removeFirst(d, "definedName"));
  expect(whats(preservationLosses(input, out, allowed))).toEqual([expect.stringMatching(/^xl\/workbook\.xml: defined name .* changed or missing$/)]);
});

test("a person's note removed is named", () => {
  const parts = readParts(checked);
  const comments = [...parts.keys()].filter((p) => /comments\d*\.xml$/.test(p));
  expect(comments.length).toBeGreaterThan(0);
  const withB3 = comments.find((p) => text(parts.get(p)!).includes('ref="B3"'))!;
  const out = damaged(withB3, (d) => {
    const c = Array.from(d.getElementsByTagNameNS("*", "comment") as unknown as ArrayLike<Element>).find((x) => x.getAttribute("ref") === "B3")!;
    c.parentNode!.removeChild(c);
  });
  expect(whats(preservationLosses(input, out, allowed))).toContain(`${sheet2}: note at 附件2!B3 missing`);
});

test("a style renumbered (the default font changed) is named", () => {
  const out = damaged("xl/styles.xml", (d) => {
    const name = d.getElementsByTagNameNS("*", "font")[0].getElementsByTagNameNS("*", "name")[0];
    name.setAttribute("val", "Calibri Light");
  });
  expect(whats(preservationLosses(input, out, allowed))).toEqual([expect.stringMatching(/^xl\/styles\.xml: fonts\[0\] changed/)]);
});

test("on a real lossy writer (ExcelJS read + write) it names the chart and custom properties it drops", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  const losses = whats(preservationLosses(input, out));
  expect(losses).toContain("xl/charts/chart1.xml: part missing");
  expect(losses).toContain("docProps/custom.xml: part missing");
});
