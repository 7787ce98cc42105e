/**
 * What ExcelJS, SheetJS and xlsx-populate lose when they merely read and write back
 * each file of the producers matrix (issue 10 item 2): each library's round trip,
 * compared with the input by the preservation checker (test/preservation.ts) and by
 * the feature inventory (test/carries.ts). Writes the tables into docs/producers.md
 * between the MEASURED markers. Usage: npx tsx scripts/measure-losses.ts [--print]
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import * as XLSX from "xlsx";
import { ensureProducerFiles, matrixFiles, ROOT, type MatrixFile } from "../fixtures/producers/files";
import { checkXlsx } from "../src/adapters/xlsx";
import { carries, FEATURES, type Feature } from "../test/carries";
import { planCells, preservationLosses, type Loss, type PreservationOptions } from "../test/preservation";

// xlsx-populate ships no type declarations; the two calls used here.
const XlsxPopulate = require("xlsx-populate") as {
  fromDataAsync(data: Buffer): Promise<{ outputAsync(): Promise<Buffer> }>;
};

/** A round trip's output, and the cells it was meant to change (none for a plain read + write). */
type RoundTrip = (input: Buffer, name: string) => Promise<{ output: Uint8Array; allowed?: PreservationOptions }>;

export const LIBRARIES: { name: string; version: string; roundTrip: RoundTrip }[] = [
  {
    name: "ExcelJS",
    version: require("exceljs/package.json").version,
    roundTrip: async (input) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(input as unknown as ArrayBuffer);
      return { output: new Uint8Array(await wb.xlsx.writeBuffer()) };
    },
  },
  {
    name: "SheetJS",
    version: require("xlsx/package.json").version,
    roundTrip: async (input) => {
      const wb = XLSX.read(input, { type: "buffer", cellStyles: true, cellFormula: true, cellNF: true, bookVBA: true });
      return { output: new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx", cellStyles: true, compression: true })) };
    },
  },
  {
    name: "xlsx-populate",
    version: require("xlsx-populate/package.json").version,
    roundTrip: async (input) => ({ output: new Uint8Array(await (await XlsxPopulate.fromDataAsync(input)).outputAsync()) }),
  },
  {
    // For comparison: this project's checked copy (the check's own cells excepted).
    name: "this project's checked copy",
    version: "",
    roundTrip: async (input, name) => {
      const { report, write } = checkXlsx(new Uint8Array(input), name);
      return { output: write(), allowed: planCells(report.plan) };
    },
  },
];

/** Part names → what they are, for a readable summary. */
function partKind(part: string): string {
  const p = part.toLowerCase();
  const kinds: [RegExp, string][] = [
    [/charts\/chart\d*\.xml$/, "chart"],
    [/charts\/(style|colors)\d*\.xml$/, "chart style"],
    [/drawings\/drawing\d*\.xml$/, "drawing"],
    [/\.vml$/, "VML"],
    [/media\//, "image"],
    [/pivottables\//, "pivot table"],
    [/pivotcache\//, "pivot cache"],
    [/threadedcomments\//, "threaded comments"],
    [/persons\//, "persons"],
    [/^docprops\/custom\.xml$/, "custom properties"],
    [/^docprops\/app\.xml$/, "app properties"],
    [/^docprops\/core\.xml$/, "core properties"],
    [/theme\//, "theme"],
    [/calcchain/, "calcChain"],
    [/cellimages/, "WPS cell images"],
    [/richdata\//, "rich data (cell pictures)"],
    [/metadata\.xml$/, "metadata"],
    [/comments?\d*\.xml$/, "notes"],
    [/customxml\//, "custom XML"],
    [/printersettings/, "printer settings"],
    [/tables\/table\d*\.xml$/, "table"],
    [/\.rels$/, "relationships"],
    [/styles\.xml$/, "styles"],
    [/sharedstrings/, "shared strings"],
    [/worksheets\/sheet/, "sheet"],
    [/chartsheets\//, "chart sheet"],
    [/workbook\.xml$/, "workbook"],
    [/content_types/, "content types"],
  ];
  return kinds.find(([re]) => re.test(p))?.[1] ?? part;
}

export interface Measurement {
  file: MatrixFile;
  library: string;
  error: string | null;
  losses: Loss[];
  featuresLost: Feature[];
}

export function summarize(m: Measurement): string {
  if (m.error) return `throws: ${m.error.replace(/\|/g, "/").slice(0, 90)}`;
  const bits: string[] = [];
  if (m.featuresLost.length) bits.push(`**loses ${m.featuresLost.join(", ")}**`);
  const missing = new Map<string, number>();
  const changed = new Set<string>();
  const elements = new Set<string>();
  let names = 0, notes = 0, cells = 0, styles = 0, rels = 0;
  for (const l of m.losses) {
    if (l.what === "part missing") missing.set(partKind(l.part), (missing.get(partKind(l.part)) ?? 0) + 1);
    else if (l.what === "part changed" && !l.part.endsWith(".rels")) changed.add(partKind(l.part));
    else if (/^<(\w+)> (missing|changed)/.test(l.what)) {
      const [, el, how] = /^<(\w+)> (missing|changed)/.exec(l.what)!;
      elements.add(`${el}${how === "missing" ? "" : "≠"}`);
    } else if (l.what.startsWith("defined name")) names++;
    else if (l.what.startsWith("note at")) notes++;
    else if (/^(\S+)!\S+ (missing|changed)/.test(l.what) || / row \d+ /.test(l.what)) cells++;
    else if (/^(numFmts|fonts|fills|borders|cellStyleXfs|cellXfs|cellStyles|dxfs)\[/.test(l.what)) styles++;
    else if (l.what.startsWith("relationship")) rels++;
  }
  if (missing.size) bits.push(`parts dropped: ${[...missing].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(", ")}`);
  if (changed.size) bits.push(`rewritten: ${[...changed].join(", ")}`);
  if (elements.size) bits.push(`elements: ${[...elements].join(", ")}`);
  if (names) bits.push(`names: ${names}`);
  if (notes) bits.push(`notes: ${notes}`);
  if (cells) bits.push(`cells/rows: ${cells}`);
  if (styles) bits.push(`styles renumbered: ${styles}`);
  if (rels) bits.push(`relationships: ${rels}`);
  return bits.length ? bits.join("; ") : "nothing lost";
}

export async function measure(files: MatrixFile[]): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const file of files) {
    const input = await fs.readFile(file.file);
    const before = carries(input);
    for (const lib of LIBRARIES) {
      try {
        const { output, allowed } = await lib.roundTrip(input, file.name);
        const after = carries(output);
        out.push({
          file,
          library: lib.name,
          error: null,
          losses: preservationLosses(new Uint8Array(input), output, allowed),
          featuresLost: FEATURES.filter((f) => before.has(f) && !after.has(f)),
        });
      } catch (e) {
        out.push({ file, library: lib.name, error: e instanceof Error ? e.message : String(e), losses: [], featuresLost: [] });
      }
    }
  }
  return out;
}

export function carriedTable(files: MatrixFile[], read: (f: MatrixFile) => Set<Feature>): string {
  const head = `| file | ${FEATURES.join(" | ")} |\n|---|${FEATURES.map(() => ":-:").join("|")}|`;
  const rows = files.map((f) => {
    const has = read(f);
    return `| ${f.name} | ${FEATURES.map((x) => (has.has(x) ? "✓" : "")).join(" | ")} |`;
  });
  return [head, ...rows].join("\n");
}

export function lossTable(ms: Measurement[]): string {
  const files = [...new Set(ms.map((m) => m.file))];
  const head = `| file | ${LIBRARIES.map((l) => `${l.name} ${l.version}`.trim()).join(" | ")} |\n|---|${LIBRARIES.map(() => "---").join("|")}|`;
  const rows = files.map((f) => `| ${f.name} | ${LIBRARIES.map((l) => summarize(ms.find((m) => m.file === f && m.library === l.name)!)).join(" | ")} |`);
  return [head, ...rows].join("\n");
}

async function main(): Promise<void> {
  ensureProducerFiles();
  const files = matrixFiles();
  const ms = await measure(files);
  const inputs = new Map<MatrixFile, Set<Feature>>();
  for (const f of files) inputs.set(f, carries(await fs.readFile(f.file)));
  const block = [
    "<!-- MEASURED: written by `npx tsx scripts/measure-losses.ts`; do not edit by hand -->",
    "",
    "### What each file carries",
    "",
    carriedTable(files, (f) => inputs.get(f)!),
    "",
    "### What a read-and-write round trip loses",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${files.length} files: each library reads the file and writes it back, changing nothing; the last column is this project's checked copy, the cells the check writes or marks excepted.`,
    "",
    lossTable(ms),
    "<!-- /MEASURED -->",
  ].join("\n");
  if (process.argv.includes("--print")) {
    console.log(block);
    return;
  }
  const doc = path.join(ROOT, "docs", "producers.md");
  const text = await fs.readFile(doc, "utf8");
  const start = text.indexOf("<!-- MEASURED");
  const end = text.indexOf("<!-- /MEASURED -->");
  if (start < 0 || end < 0) throw new Error("docs/producers.md has no MEASURED markers");
  await fs.writeFile(doc, text.slice(0, start) + block + text.slice(end + "<!-- /MEASURED -->".length));
  console.log(`docs/producers.md: ${ms.length} round trips measured`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
