import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { checkXlsx, openXlsx, readSnapshot, undoPackage } from "../src/adapters/xlsx";
import { checkWorkbook } from "../src/engine/check";
import { workbookSnapshot } from "./excelJsSnapshot";
import { loadBook } from "./helpers";
import { parseA1 } from "../src/engine/address";
import type { CheckReport } from "../src/engine/report";
import type { WorkbookSnapshot } from "../src/engine/snapshot";
import { ensureProducerFiles, matrixFiles, missingProducerTools, PRODUCERS, PRODUCERS_DIR, wpsSamplesDir, type MatrixFile, type Producer } from "../fixtures/producers/files";
import { producerSheets } from "../fixtures/producers/spec";
import type { SpecValue } from "../fixtures/build/spec";
import { carries, type Feature } from "./carries";
import { expectRecalculatedAsCached, recalcManyWithLibreOffice, resaveWithLibreOffice, sofficePath } from "./libreoffice";
import { readParts, sharedStrings, sheetCells, sheetComments, sheetParts } from "./ooxml";
import { planCells, preservationLosses } from "./preservation";

/**
 * The producers matrix (issue 10 item 4): the seed form as saved by openpyxl, XlsxWriter,
 * SheetJS, ExcelJS, Gnumeric and LibreOffice (fixtures/producers/make.sh), and real
 * files saved by Excel (fixtures/excel-samples) and WPS (../shared/wps-samples), each
 * through the package-level adapter: it reads with the right figures, the checked copy
 * loses no part, element, name or note, LibreOffice recomputes our formulas to the
 * results we cached, and undo gives back the input.
 */

if (!sofficePath() && process.env.CI) throw new Error("CI must install libreoffice-calc (see .ci/run)");
const WPS = wpsSamplesDir();
if (!WPS && process.env.CI) throw new Error("CI must provide the WPS samples in ../shared/wps-samples");

// Without the producers' programs (locally), their files are skipped and the samples still run; CI has them all.
const MISSING_TOOLS = missingProducerTools();
if (MISSING_TOOLS.length && process.env.CI) throw new Error(`CI must install ${MISSING_TOOLS.join(", ")} (see .ci/run)`);
if (MISSING_TOOLS.length) console.warn(`producers matrix: skipping the producers' files, missing ${MISSING_TOOLS.join(", ")}`);
const FILES = matrixFiles({ producers: MISSING_TOOLS.length === 0 });
const FORM_FILES = FILES.filter((f) => f.holdsForm);

interface Checked {
  input: Uint8Array;
  report: CheckReport;
  output: Uint8Array;
}
const checked = new Map<string, Checked>();

beforeAll(async () => {
  if (!MISSING_TOOLS.length) ensureProducerFiles();
  for (const f of FILES) {
    const input = new Uint8Array(await fs.readFile(f.file));
    const { report, write } = checkXlsx(input, f.name);
    checked.set(f.name, { input, report, output: write() });
  }
}, 180000);


// ---- Expected figures, computed from the seed's own cells (fixtures/producers/spec.ts) ----
const [BASIC, SELF] = producerSheets();
function specCell(rows: SpecValue[][], a1: string): SpecValue {
  const p = parseA1(a1)!;
  return rows[p.row]?.[p.col] ?? null;
}
/** A figure as the clerk typed it: "10　" (ideographic space) is 10. */
const figure = (v: SpecValue) => (typeof v === "number" ? v : Number(String(v).replace(/[\s\u3000]/g, "")));
// 执行率 = 全年执行数(B) E5 / 全年预算数(A) D5; 得分 = 分值 F5 × min(执行率, 100%) (the seed profile).
const EXECUTION_RATE = figure(specCell(SELF.rows, "E5")) / figure(specCell(SELF.rows, "D5"));
const EXECUTION_SCORE = figure(specCell(SELF.rows, "F5")) * Math.min(EXECUTION_RATE, 1);
// 编制控制率 = 2023年实际在职人数 C4 / 编制数 B4 on 附件1.
const STAFF_RATE = figure(specCell(BASIC.rows, "C4")) / figure(specCell(BASIC.rows, "B4"));
// 总分 = 执行率得分 + every indicator's 得分 (H14:H33).
const INDICATOR_SCORES = Array.from({ length: 20 }, (_, i) => specCell(SELF.rows, `H${14 + i}`)).filter((v) => v !== null).map(figure);
const TOTAL = Math.round((EXECUTION_SCORE + INDICATOR_SCORES.reduce((a, b) => a + b, 0)) * 100) / 100;
// The seed form's 说明 2: 优秀 above 90, 良好 80–90, 较差 60–80, 差 below 60.
const GRADE = TOTAL > 90 ? "优秀" : TOTAL >= 80 ? "良好" : TOTAL >= 60 ? "较差" : "差";

/** Every cell value in the package's sheet XML, as the snapshot must have read it. */
function expectSnapshotMatchesXml(bytes: Uint8Array, snapshot: WorkbookSnapshot): void {
  const parts = readParts(bytes);
  const strings = sharedStrings(parts);
  const sheets = sheetParts(parts);
  expect(snapshot.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(sheets.map((s) => s.name)));
  for (const s of sheets) {
    const snap = snapshot.sheets.find((x) => x.name === s.name)!;
    for (const [ref, c] of sheetCells(parts, s.part, strings)) {
      if (c.value === null || c.value === "") continue;
      const p = parseA1(ref)!;
      const got = snap.cells[p.row - snap.top]?.[p.col - snap.left] ?? null;
      if (got?.date) continue; // dates are flagged, never read as numbers
      const want = c.type === "e" ? { error: c.value } : c.type === "b" ? { value: c.value === "1" } : c.type === "s" ? { value: c.value } : { value: Number(c.value) };
      const seen = c.type === "e" ? { error: got?.error } : { value: got?.value };
      expect({ at: `${s.name}!${ref}`, ...seen }).toEqual({ at: `${s.name}!${ref}`, ...want });
    }
  }
}

/**
 * What each producer can write of the extras asked of it (docs/producers.md): a producer
 * file that stops carrying one (a new Debian version, a changed script) fails here
 * before the matrix silently tests less.
 */
const ALL_EXTRAS: Feature[] = ["chart", "image", "comment", "dataValidation", "conditionalFormatting", "frozenPane", "printArea", "definedName", "customProperties"];
const CANNOT: Record<Producer, Feature[]> = {
  openpyxl: ["customProperties"], // openpyxl 3.0 (Debian bookworm) has none; 3.1 added them
  xlsxwriter: [],
  sheetjs: ["chart", "image", "dataValidation", "conditionalFormatting", "frozenPane"], // community edition writer
  exceljs: ["chart", "customProperties"],
  gnumeric: ["chart"], // ssconvert: "Dropping missing object"
  libreoffice: ["frozenPane"], // a headless conversion has no view to take panes from
  "libreoffice-pivot": ["chart", "image", "comment", "dataValidation", "conditionalFormatting", "frozenPane", "printArea", "definedName"], // only the pivot table was asked
};

(MISSING_TOOLS.length ? it.skip : it).each([...PRODUCERS])("%s carries every extra it can write", (p) => {
  const has = carries(checked.get(p)!.input);
  expect(ALL_EXTRAS.filter((x) => !has.has(x))).toEqual(CANNOT[p]);
  if (p === "libreoffice-pivot") expect(has.has("pivotTable")).toBe(true);
});

describe.each(FILES.map((f) => [f.name, f] as [string, MatrixFile]))("%s", (_name, f) => {
  it("reads: every sheet and cell value of the package is in the snapshot", () => {
    const { input } = checked.get(f.name)!;
    expectSnapshotMatchesXml(input, readSnapshot(openXlsx(input, f.name)));
  });

  if (f.holdsForm) {
    it("reads the seed's figures, computed from its cells", () => {
      const { report } = checked.get(f.name)!;
      expect(report.tables.basicData?.sheet).toBe("附件1");
      expect(report.tables.selfEvaluation?.sheet).toBe("附件2");
      expect(report.computed.executionRate).toBeCloseTo(EXECUTION_RATE, 12);
      expect(report.computed.executionScore).toBeCloseTo(EXECUTION_SCORE, 12);
      expect(report.computed.staffControlRate).toBeCloseTo(STAFF_RATE, 12);
      expect(report.computed.totalScore).toBeCloseTo(TOTAL, 9);
      expect(report.computed.grade).toBe(GRADE);
    });

    it("finds what the ExcelJS-based reader finds on the same content", async () => {
      const { report } = checked.get(f.name)!;
      // The reference: the same engine over what ExcelJS reads of ExcelJS's own file.
      const reference = checkWorkbook(workbookSnapshot(await loadBook(path.join(PRODUCERS_DIR, "exceljs.xlsx"))));
      const key = (r: CheckReport) => r.findings.map((x) => `${x.rule} ${x.sheet}!${x.cell}`).sort();
      expect(key(report)).toEqual(key(reference));
    });
  }

  it("the checked copy keeps every part, sheet element, defined name and note", () => {
    const { input, report, output } = checked.get(f.name)!;
    expect(preservationLosses(input, output, planCells(report.plan))).toEqual([]);
    const before = carries(input);
    expect([...before].filter((x) => !carries(output).has(x))).toEqual([]);
  });

  it("checking the checked copy changes nothing more and gives the same figures", () => {
    const { report, output } = checked.get(f.name)!;
    const again = checkXlsx(output, f.name).report;
    expect(again.computed).toEqual(report.computed);
    expect(again.plan.writes).toEqual([]);
  });

  it("undo gives back the input, every part byte for byte apart from docProps timestamps", () => {
    const { input, output } = checked.get(f.name)!;
    const undone = undoPackage(openXlsx(output, f.name));
    expect(undone.undone).toBe(true);
    expect(preservationLosses(input, undone.bytes, { exact: true })).toEqual([]);
  });
});

(WPS ? describe : describe.skip)(`WPS samples${WPS ? "" : " (skipped: ../shared/wps-samples not found; set JIXIAO_WPS_SAMPLES)"}`, () => {
  it("are all in the matrix", () => {
    expect(FILES.filter((f) => f.kind === "wps").length).toBeGreaterThanOrEqual(3);
  });
});

(sofficePath() ? describe : describe.skip)("LibreOffice opens every checked copy and recomputes our formulas to the cached results", () => {
  let shown: Map<string, Record<string, string[][]>>;
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "matrix-lo-"));
    const jobs = [];
    for (const f of FILES) {
      const { output } = checked.get(f.name)!;
      const file = path.join(dir, `${f.name.replace(/\.xlsx$/, "")}.xlsx`);
      await fs.writeFile(file, output);
      // Every sheet of the copy is exported, so a sheet LibreOffice could not read shows up missing.
      jobs.push({ label: f.name.replace(/\.xlsx$/, ""), file, sheets: sheetParts(readParts(output)).map((s) => s.name) });
    }
    // One LibreOffice process for all the copies: each start costs seconds.
    shown = await recalcManyWithLibreOffice(jobs);
  }, 300000);

  it.each(FILES.map((f) => f.name))("%s", (name) => {
    const { report } = checked.get(name)!;
    const csv = shown.get(name.replace(/\.xlsx$/, ""));
    expect(csv).toBeDefined();
    const formulas = report.plan.writes.filter((w) => w.formula !== null);
    if (FORM_FILES.some((f) => f.name === name)) expect(formulas.length).toBeGreaterThan(0);
    expectRecalculatedAsCached(csv!, formulas);
  });
});

(sofficePath() ? describe : describe.skip)("after a re-save by LibreOffice, undo restores every cell and removes 「核查结果」", () => {
  const resaved = new Map<string, Uint8Array>();
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "matrix-resave-"));
    const jobs = [];
    for (const f of FILES) {
      const label = f.name.replace(/\.xlsx$/, "");
      const file = path.join(dir, `${label}.xlsx`);
      await fs.writeFile(file, checked.get(f.name)!.output);
      jobs.push({ label, file });
    }
    for (const [label, file] of await resaveWithLibreOffice(jobs)) resaved.set(label, new Uint8Array(await fs.readFile(file)));
  }, 300000);

  it.each(FILES.map((f) => f.name))("%s", (name) => {
    const { input, report } = checked.get(name)!;
    const bytes = resaved.get(name.replace(/\.xlsx$/, ""));
    expect(bytes).toBeDefined();
    // The re-save rewrote every part (and LibreOffice recomputed what it could), so undo
    // restores the cells the check changed, and must leave every other cell as saved.
    const undone = undoPackage(openXlsx(bytes!, name));
    expect(undone.undone).toBe(true);
    const original = readParts(input);
    const saved = readParts(bytes!);
    const after = readParts(undone.bytes);
    expect(sheetParts(after).map((s) => s.name)).toEqual(sheetParts(original).map((s) => s.name));
    const cellsOf = (parts: ReturnType<typeof readParts>, sheet: string) => {
      const part = sheetParts(parts).find((x) => x.name === sheet)!.part;
      return sheetCells(parts, part, sharedStrings(parts));
    };
    // Numbers compare as numbers: Gnumeric writes 190.610000000000000001 where LibreOffice writes 190.61.
    const same = (a: string, b: string) => a === b || (a !== "" && b !== "" && Number(a) === Number(b));
    const value = (m: Map<string, { value: string | null }>, ref: string) => m.get(ref)?.value ?? "";
    for (const { name: sheet } of sheetParts(original)) {
      const was = cellsOf(original, sheet);
      const kept = cellsOf(saved, sheet);
      const now = cellsOf(after, sheet);
      const written = new Set(report.plan.writes.filter((w) => w.sheet === sheet).map((w) => w.cell));
      for (const ref of written) expect({ cell: `${sheet}!${ref}`, restored: same(value(now, ref), value(was, ref)) }).toEqual({ cell: `${sheet}!${ref}`, restored: true });
      for (const ref of new Set([...kept.keys(), ...now.keys()]))
        if (!written.has(ref)) expect({ cell: `${sheet}!${ref}`, v: value(now, ref) }).toEqual({ cell: `${sheet}!${ref}`, v: value(kept, ref) });
    }
  });

  /** After undo, each sheet has exactly the notes of the input: ours gone, a person's kept. */
  function notesComeBack(name: string): void {
    const { input } = checked.get(name)!;
    const undone = undoPackage(openXlsx(resaved.get(name.replace(/\.xlsx$/, ""))!, name));
    const original = readParts(input);
    const after = readParts(undone.bytes);
    for (const { name: sheet, part } of sheetParts(original)) {
      const now = sheetComments(after, sheetParts(after).find((x) => x.name === sheet)!.part);
      expect({ sheet, notes: [...now.keys()].sort() }).toEqual({ sheet, notes: [...sheetComments(original, part).keys()].sort() });
    }
  }
  it.each(FILES.filter((f) => !f.holdsForm).map((f) => f.name))("%s: a person's notes are all there", notesComeBack);
  // LibreOffice renames every note's author (a blank one): undo finds the check's notes by their text (journal noteHashes).
  it.each(FORM_FILES.map((f) => f.name))("%s: the check's notes are removed, a person's kept", notesComeBack);
});
