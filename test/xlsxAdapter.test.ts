import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { parseA1 } from "../src/engine/address";
import { checkWorkbook } from "../src/engine/check";
import { applyPlanToPackage, checkXlsx, openXlsx, readSnapshot, undoPackage } from "../src/adapters/xlsx";
import { scanSheet } from "../src/adapters/xlsx/sheet";
import { JOURNAL_NS } from "../src/adapters/office/journalPart";
import { cli, fixture } from "./helpers";
import { expectRecalculatedAsCached, recalcWithLibreOffice, sofficePath } from "./libreoffice";
import { OPENPYXL_DECORATE, parts, python } from "./xlsxParts";

/** Parts a check may change (or add, or drop); every other part must come through byte for byte. */
const MAY_CHANGE = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/sharedStrings\.xml|docProps\/app\.xml|xl\/calcChain\.xml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|xl\/comments\d*\.xml|xl\/comments\/comment\d+\.xml|xl\/drawings\/vmlDrawing\d+\.vml|xl\/drawings\/commentsDrawing\d+\.vml|customXml\/.*)$/;

let dir: string;
let decorated: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-adapter-"));
  decorated = path.join(dir, "openpyxl.xlsx");
  python(OPENPYXL_DECORATE, [fixture("seed"), decorated, path.join(dir, "seal.png")]);
});

const open = async (file: string) => openXlsx(new Uint8Array(await fs.readFile(file)), file);

describe("the package-level adapter on a workbook re-saved by openpyxl (picture, chart, notes, absolute targets)", () => {
  it("reads it (ExcelJS 4.4 refused it) with the seed's figures", async () => {
    const input = await fs.readFile(decorated);
    const rels = [...parts(input).entries()].filter(([n]) => n.endsWith(".rels")).map(([, d]) => d.toString()).join("");
    expect(rels).toContain('Target="/xl/drawings/drawing1.xml"');
    const { report } = checkXlsx(new Uint8Array(input), decorated);
    expect(report.tables.selfEvaluation?.sheet).toBe("附件2");
    expect(report.computed.staffControlRate).toBe(10 / 11);
  });

  it("the checked copy: untouched parts byte for byte, touched sheets keep every element, a person's notes kept beside ours", async () => {
    const input = await fs.readFile(decorated);
    const { report, write } = checkXlsx(new Uint8Array(input), decorated);
    const out = write();
    const before = parts(input), after = parts(out);
    for (const [name, data] of before) {
      if (MAY_CHANGE.test(name)) continue;
      expect({ name, same: after.get(name)?.equals(data) }).toEqual({ name, same: true });
    }
    for (const kept of ["xl/charts/chart1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml", "xl/theme/theme1.xml"]) expect(after.get(kept)?.equals(before.get(kept)!)).toBe(true);
    // 附件2 is written and marked: every element besides its cells is kept as it was.
    const pin = openXlsx(new Uint8Array(input), "in"), pout = openXlsx(out, "out");
    const path2 = pin.sheets.find((s) => s.name === "附件2")!.path!;
    const sin = scanSheet(pin, path2), sout = scanSheet(pout, path2);
    for (const t of sin.top) {
      if (t.local === "sheetData" || t.local === "dimension") continue;
      expect(sout.xml).toContain(sin.xml.slice(t.start, t.end));
    }
    expect(sout.top.map((t) => t.local)).toEqual(expect.arrayContaining(["sheetViews", "cols", "mergeCells", "printOptions", "pageMargins", "drawing", "legacyDrawing"]));
    // Cells the plan does not touch are kept byte for byte.
    const planned = new Set([...report.plan.writes, ...report.plan.marks].filter((x) => x.sheet === "附件2").map((x) => `${x.row},${x.col}`));
    for (const c of sin.cells) if (!planned.has(`${c.row},${c.col}`)) expect(sout.xml).toContain(sin.xml.slice(c.start, c.end));
    // Notes: the person's on D5 (marked by the check) and A1 stay; ours are on the other marked cells.
    const comments = [...after.entries()].filter(([n]) => /^xl\/comments/.test(n)).map(([, d]) => d.toString("utf8")).join("");
    expect(comments).toContain("预算数待财政局核对");
    expect(comments).toContain("表头请勿修改");
    expect(comments).toContain("王会计");
    expect(comments).toContain("核算助手");
    const ours = report.plan.marks.filter((m) => m.sheet === "附件2" && m.cell !== "D5");
    expect(ours.length).toBeGreaterThan(0);
    for (const m of ours) expect(comments).toContain(`ref="${m.cell}"`);
    expect((comments.match(/ref="D5"/g) ?? []).length).toBe(1);
    // The journal is the add-in's custom XML part.
    expect([...after.values()].some((d) => d.toString("utf8").includes(`<journal xmlns="${JOURNAL_NS}">`))).toBe(true);
  });

  it("undo gives back every part byte for byte", async () => {
    const input = await fs.readFile(decorated);
    const checked = checkXlsx(new Uint8Array(input), decorated).write();
    const undone = undoPackage(openXlsx(checked, "checked.xlsx"));
    expect(undone.undone).toBe(true);
    const before = parts(input), after = parts(undone.bytes);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, data] of before) expect({ name, same: after.get(name)!.equals(data) }).toEqual({ name, same: true });
  });

  it("checking a checked copy writes nothing new: no second sheet, same parts", async () => {
    const input = await fs.readFile(decorated);
    const once = checkXlsx(new Uint8Array(input), decorated).write();
    const twice = checkXlsx(once, "once.xlsx").write();
    const p1 = parts(once), p2 = parts(twice);
    expect([...p2.keys()].sort()).toEqual([...p1.keys()].sort());
    for (const [name, data] of p1) if (!/^customXml\/item\d+\.xml$/.test(name)) expect({ name, same: p2.get(name)!.equals(data) }).toEqual({ name, same: true });
    expect(openXlsx(twice, "t").sheets.map((s) => s.name)).toEqual(openXlsx(once, "o").sheets.map((s) => s.name));
    // And undo after two checks still gives back the input.
    const back = parts(undoPackage(openXlsx(twice, "twice.xlsx")).bytes);
    for (const [name, data] of parts(input)) expect({ name, same: back.get(name)?.equals(data) }).toEqual({ name, same: true });
  });

  it("after the file was re-saved, undo restores every journaled cell and removes 「核查结果」", async () => {
    const input = new Uint8Array(await fs.readFile(fixture("seed")));
    const pkg = openXlsx(input, "seed.xlsx");
    const original = readSnapshot(pkg);
    const report = checkWorkbook(original);
    const checked = applyPlanToPackage(pkg, report.plan);
    // A re-save: every part we wrote has different bytes (here: reflowed), the cells as we left them.
    const { writeZip } = await import("../src/adapters/xlsx/zip");
    const resaved = writeZip([...parts(checked)].map(([name, data]) => ({ name, data: name.endsWith(".xml") ? new Uint8Array(Buffer.concat([data, Buffer.from("\n")])) : new Uint8Array(data) })));
    const undone = undoPackage(openXlsx(resaved, "resaved.xlsx"));
    expect(undone.undone).toBe(true);
    const back = openXlsx(undone.bytes, "back.xlsx");
    expect(back.sheets.map((s) => s.name)).toEqual(pkg.sheets.map((s) => s.name));
    expect(readSnapshot(back).sheets).toEqual(original.sheets);
    // Fills and notes are back too: the cells carry their original style's fill, and no note of ours is left.
    const all = parts(undone.bytes);
    expect([...all.keys()].some((n) => n.startsWith("customXml/"))).toBe(false);
    for (const [n, d] of all) if (/^xl\/comments/.test(n)) expect(d.toString()).not.toMatch(/<comment /);
    const scan = scanSheet(back, back.sheets.find((s) => s.name === "附件2")!.path!);
    const scan0 = scanSheet(pkg, pkg.sheets.find((s) => s.name === "附件2")!.path!);
    const { fillOf, readStyles } = await import("../src/adapters/xlsx/styles");
    for (const m of report.plan.marks.filter((x) => x.sheet === "附件2")) {
      const p = parseA1(m.cell)!;
      const s0 = scan0.cells.find((c) => c.row === p.row && c.col === p.col)?.s ?? 0;
      const s1 = scan.cells.find((c) => c.row === p.row && c.col === p.col)?.s ?? 0;
      expect({ cell: m.cell, fill: fillOf(readStyles(back), s1) }).toEqual({ cell: m.cell, fill: fillOf(readStyles(pkg), s0) });
    }
  });

  it("a file checked by the earlier ExcelJS adapter (journal in a very-hidden sheet) is undone, and that sheet removed", async () => {
    // What the earlier adapter wrote: the plan applied by ExcelJS, the journal as JSON chunks in column A of a very-hidden sheet.
    const ExcelJS = (await import("exceljs")).default;
    const { serializeJournal } = await import("../src/engine/journal");
    const { MARK_FILL } = await import("../src/engine/plan");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fixture("seed"));
    const original = readSnapshot(openXlsx(new Uint8Array(await fs.readFile(fixture("seed"))), "seed.xlsx"));
    const plan = checkWorkbook(original).plan;
    const cells: import("../src/engine/journal").JournalCell[] = [];
    for (const w of plan.writes) {
      const c = wb.getWorksheet(w.sheet)!.getCell(w.cell);
      cells.push({ sheet: w.sheet, cell: w.cell, value: (c.value as never) ?? null, formula: null, numFmt: c.numFmt ?? null, fill: null, note: null, touched: "value" });
      c.value = w.formula ? ({ formula: w.formula, result: w.value } as never) : (w.value as never);
    }
    for (const m of plan.marks) {
      const c = wb.getWorksheet(m.sheet)!.getCell(m.cell);
      if (!cells.some((x) => x.sheet === m.sheet && x.cell === m.cell)) cells.push({ sheet: m.sheet, cell: m.cell, value: (c.value as never) ?? null, formula: null, numFmt: c.numFmt ?? null, fill: null, note: null, touched: "mark" });
      else cells.find((x) => x.sheet === m.sheet && x.cell === m.cell)!.touched = "both";
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILL[m.tone] } };
      c.note = m.note;
    }
    wb.addWorksheet(plan.results.name).getCell("A1").value = "部门整体支出绩效自评核查结果";
    const js = wb.addWorksheet("核算助手撤销记录", { state: "veryHidden" });
    serializeJournal({ version: 1, cells, createdSheets: [plan.results.name], written: [] }).forEach((chunk, i) => (js.getCell(i + 1, 1).value = chunk));
    const old = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(openXlsx(old, "old.xlsx").sheets.map((s) => s.name)).toContain("核算助手撤销记录");
    const undone = undoPackage(openXlsx(old, "old.xlsx"));
    expect(undone.undone).toBe(true);
    const back = openXlsx(undone.bytes, "back.xlsx");
    expect(back.sheets.map((s) => s.name)).toEqual(["附件1", "附件2"]);
    expect(readSnapshot(back).sheets).toEqual(original.sheets);
    // Checking it again moves the journal into the custom XML part: no old sheet, one 「核查结果」, undo still exact on cells.
    const rechecked = checkXlsx(old, "old.xlsx").write();
    expect(openXlsx(rechecked, "r.xlsx").sheets.map((s) => s.name)).toEqual(["附件1", "附件2", "核查结果"]);
    expect(readSnapshot(openXlsx(undoPackage(openXlsx(rechecked, "r.xlsx")).bytes, "u.xlsx")).sheets).toEqual(original.sheets);
  });
});

describe("WPS files: checked copies keep every part (cell images, custom properties)", () => {
  it.each(["wps11-date1.xlsx", "wps11-extraRelationships.xlsx", "wps12-EmbedImageViaWps.xlsx"])("%s", async (name) => {
    const file = path.join("/work/shared/wps-samples", name);
    const input = await fs.readFile(file);
    const out = checkXlsx(new Uint8Array(input), file).write();
    const before = parts(input), after = parts(out);
    for (const [n, data] of before) if (!MAY_CHANGE.test(n)) expect({ n, same: after.get(n)?.equals(data) }).toEqual({ n, same: true });
    expect(openXlsx(out, name).sheets.map((s) => s.name)).toContain("核查结果");
    const back = parts(undoPackage(openXlsx(out, name)).bytes);
    expect([...back.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [n, data] of before) expect({ n, same: back.get(n)!.equals(data) }).toEqual({ n, same: true });
  });
});

const maybe = sofficePath() ? describe : describe.skip;
maybe("LibreOffice opens the checked copy", () => {
  it("and recomputes our formulas to the cached results (openpyxl-made input)", async () => {
    const out = path.join(dir, "checked.xlsx");
    const r = cli([decorated, "--out", out]);
    expect(r.code).toBe(1);
    const { report } = checkXlsx(new Uint8Array(await fs.readFile(decorated)), decorated);
    const formulas = report.plan.writes.filter((w) => w.formula !== null);
    expect(formulas.length).toBeGreaterThan(0);
    const csv = await recalcWithLibreOffice(out, [...new Set([...formulas.map((w) => w.sheet), "核查结果"])]);
    expectRecalculatedAsCached(csv, formulas);
    expect(csv["核查结果"][0][0]).toBe("部门整体支出绩效自评核查结果");
  }, 180000);

  it("after LibreOffice re-saved the checked copy, undo restores the cells and removes our notes, a person's kept", async () => {
    const { execFileSync } = await import("child_process");
    const { readNotes } = await import("../src/adapters/xlsx/notes");
    const { PackageEdit } = await import("../src/adapters/xlsx/edit");
    const input = new Uint8Array(await fs.readFile(decorated));
    const original = readSnapshot(openXlsx(input, "in.xlsx"));
    const work = await fs.mkdtemp(path.join(os.tmpdir(), "lo-resave-"));
    await fs.writeFile(path.join(work, "checked.xlsx"), checkXlsx(input, decorated).write());
    execFileSync(sofficePath()!, [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "xlsx", "--outdir", path.join(work, "out"), path.join(work, "checked.xlsx")], { stdio: "ignore", timeout: 120000 });
    const resaved = openXlsx(new Uint8Array(await fs.readFile(path.join(work, "out", "checked.xlsx"))), "resaved.xlsx");
    const undone = undoPackage(resaved);
    expect(undone.undone).toBe(true);
    const back = openXlsx(undone.bytes, "back.xlsx");
    expect(back.sheets.map((s) => s.name)).toEqual(["附件1", "附件2"]);
    const sheets = readSnapshot(back).sheets;
    // Every cell the check wrote holds what it held before (LibreOffice may re-type others, e.g. "\n20000").
    const report = checkWorkbook(original);
    for (const w of report.plan.writes) {
      const at = (snap: typeof sheets) => {
        const s = snap.find((x) => x.name === w.sheet)!;
        return s.cells[w.row - s.top]?.[w.col - s.left]?.value ?? null;
      };
      expect({ cell: w.cell, v: at(sheets) }).toEqual({ cell: w.cell, v: at(original.sheets) });
    }
    const notes = [...readNotes(new PackageEdit(back), back.sheets[1].path!, null).keys()].sort();
    expect(notes).toEqual(["A1", "D5"]);
  }, 180000);
});
