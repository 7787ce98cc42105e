import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { listZip, readEntry } from "../fixtures/build/zip";
import ExcelJS from "exceljs";
import { MAX_CELL_XML_BYTES } from "../src/adapters/xlsx";
import { RULES } from "../src/engine/findings";
import { recalculate } from "../src/adapters/office/recalculate";
import { FIXTURES as SPECS } from "../fixtures/build/catalog";
import { FIXTURE_VBA } from "../fixtures/build/broken";
import { at, check, cli, fixture, loadBook, only } from "./helpers";
import { resaveWithLibreOffice } from "./libreoffice";
import { python } from "./xlsxParts";
import { openInHost } from "./officeHelpers";

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "hostile-"));

describe("hostile and unusual workbooks, on real files", () => {
  it(".xlsm: read, never run, and the macros are kept byte for byte in the checked copy", async () => {
    const out = path.join(await tmp(), "checked.xlsm");
    const r = cli([fixture("macro.xlsm"), "--out", out]);
    expect(r.code).toBe(0);
    const zip = await fs.readFile(out);
    const entries = listZip(zip);
    expect(readEntry(zip, entries.find((e) => e.name === "xl/vbaProject.bin")!).equals(FIXTURE_VBA)).toBe(true);
    expect(readEntry(zip, entries.find((e) => e.name === "[Content_Types].xml")!).toString()).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(readEntry(zip, entries.find((e) => e.name === "xl/_rels/workbook.xml.rels")!).toString()).toContain("relationships/vbaProject");
    const again = JSON.parse(cli([out, "--json"]).stdout);
    expect(again.computed.totalScore).toBe(88);
  });

  it("a stray value at the sheet's last cell (XFD1048576): checked as without it, in little memory", async () => {
    // The used range becomes the whole sheet, 17 billion cells: a full grid of it ran out of memory.
    const wb = await loadBook(fixture("seed"));
    wb.getWorksheet("附件1")!.getCell("XFD1048576").value = "误填";
    const file = path.join(await tmp(), "stray.xlsx");
    await wb.xlsx.writeFile(file);
    const plain = JSON.parse(cli([fixture("seed"), "--json"]).stdout);
    const stray = JSON.parse(cli([file, "--json"], { env: { NODE_OPTIONS: "--max-old-space-size=256" } }).stdout);
    expect(stray.computed).toEqual(plain.computed);
    expect(stray.findings).toEqual(plain.findings);
    expect(stray.plan).toEqual(plain.plan);
  });

  it("worksheets too large to read in memory are refused by their size, before any is parsed", async () => {
    // A department's ledger kept beside the forms: 20,000 rows of long 摘要, about 90 MB of XML
    // once unzipped (read, it would take some 2 GB). Written by ExcelJS's streaming writer.
    const file = path.join(await tmp(), "带明细账.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet("明细账");
    const memo = "摘要：办公设备购置及维修，含打印机耗材、电脑配件。".repeat(20);
    for (let r = 1; r <= 20000; r++) ws.addRow([r, memo, memo, memo, r * 5]).commit();
    await wb.commit();
    const r = cli([file], { env: { NODE_OPTIONS: "--max-old-space-size=128" } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^无法读取 带明细账\.xlsx：工作表内容解压后共 \d+ MB（最大的是“明细账”，\d+ MB），超过 64 MB 的核查上限；自评表本身通常不到 1 MB。请把自评表所在的工作表复制到一个新工作簿后再核查$/);
    expect(Number(/共 (\d+) MB/.exec(r.stderr)![1])).toBeGreaterThan(MAX_CELL_XML_BYTES / 1048576);
  });

  it("formulas a script wrote without results are named, with what to do: never a number to type over them", async () => {
    // openpyxl writes a formula with no cached result; only Excel or WPS computes it, when it saves.
    const file = path.join(await tmp(), "脚本生成.xlsx");
    python(`import sys\nfrom openpyxl import load_workbook\nwb = load_workbook(sys.argv[1])\nws = wb["附件1"]\nws["B12"] = "=B13"\nws["D12"] = "=D13/0"\nwb.save(sys.argv[2])`, [fixture("seed"), file]);
    const unreadable = JSON.parse(cli([file, "--json"]).stdout).findings.filter((f: { rule: string }) => f.rule === "value-unreadable");
    expect(unreadable.map((f: { cell: string; message: string }) => [f.cell, f.message])).toEqual([
      ["B12", "项目支出（上年决算数）无法读取：公式没有计算结果（文件可能由程序生成，未在 Excel 或 WPS 中保存过）（附件1!B12）。请在 Excel 或 WPS 中打开并保存后再核查。"],
      ["D12", "项目支出（本年决算数）无法读取：公式没有计算结果（文件可能由程序生成，未在 Excel 或 WPS 中保存过）（附件1!D12）。请在 Excel 或 WPS 中打开并保存后再核查。"],
    ]);
    // Once computed (LibreOffice saves it as a person would), D13/0 is an error value: the formula is to be corrected.
    const saved = (await resaveWithLibreOffice([{ label: "book", file }])).get("book")!;
    const after = JSON.parse(cli([saved, "--json"]).stdout).findings.filter((f: { rule: string }) => f.rule === "value-unreadable");
    expect(after.map((f: { cell: string; message: string }) => [f.cell, f.message])).toEqual([["D12", "项目支出（本年决算数）无法读取：单元格为错误值 #DIV/0!（附件1!D12）。请检查公式 =D13/0 及其引用的单元格。"]]);
  }, 120000);

  it("sheet names with quotes and spaces: found, and linked with Excel's quoting", async () => {
    const r = await check("sheet-names-quoted");
    expect(r.tables.basicData?.sheet).toBe("附件 1 (2023)");
    expect(r.tables.selfEvaluation?.sheet).toBe("O'Brien 附件2");
    expect(r.computed.totalScore).toBe(88);
    const out = path.join(await tmp(), "q.xlsx");
    cli([fixture("sheet-names-quoted"), "--out", out]);
    const ws = (await loadBook(out)).getWorksheet("核查结果")!;
    const links: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void ((c.value as { formula?: string })?.formula && links.push((c.value as { formula: string }).formula))));
    expect(links).toContain(`HYPERLINK("#'O''Brien 附件2'!E6","O'Brien 附件2!E6")`);
  });

  it("hidden and very-hidden sheets are read, and stay hidden", async () => {
    const r = await check("hidden-sheets");
    expect(r.tables.basicData?.sheet).toBe("附件1");
    expect(r.computed.totalScore).toBe(88);
    const out = path.join(await tmp(), "h.xlsx");
    cli([fixture("hidden-sheets"), "--out", out]);
    const wb = await loadBook(out);
    expect([wb.getWorksheet("附件1")!.state, wb.getWorksheet("附件2")!.state]).toEqual(["hidden", "veryHidden"]);
  });

  it("a protected sheet is reported, and nothing is written on it (file and Excel alike)", async () => {
    const r = await check("protected-sheet");
    expect(only(r, "sheet-protected").sheet).toBe("附件2");
    expect(r.plan.writes.filter((w) => w.sheet === "附件2")).toEqual([]);
    expect(r.plan.marks.filter((m) => m.sheet === "附件2")).toEqual([]);
    const { host, api } = await openInHost("protected-sheet");
    const before = JSON.stringify(host.doc.sheets.find((s) => s.name === "附件2"));
    await recalculate(api);
    expect(JSON.stringify(host.doc.sheets.find((s) => s.name === "附件2"))).toBe(before);
    expect(host.doc.sheets.find((s) => s.name === "核查结果")).toBeDefined();
  });

  it("text from the workbook never becomes a formula in 「核查结果」 (file and Excel alike)", async () => {
    const out = path.join(await tmp(), "inj.xlsx");
    cli([fixture("formula-injection"), "--out", out]);
    const b2 = (await loadBook(out)).getWorksheet("核查结果")!.getCell("B2");
    expect(b2.value).toBe('=HYPERLINK("http://example.invalid","点我")');
    expect(b2.formula).toBeUndefined();
    const { host, api } = await openInHost("formula-injection");
    await recalculate(api);
    const cells = host.doc.sheets.find((s) => s.name === "核查结果")!.cells;
    expect(cells.B2).toEqual(expect.objectContaining({ value: '=HYPERLINK("http://example.invalid","点我")' }));
    expect(cells.B2.formula).toBeUndefined();
    for (const c of Object.values(cells)) if (c.formula) expect(c.formula).toMatch(/^=HYPERLINK\("#'/);
  });

  it("units: 元 under a 万元 header is flagged at the cell, never converted", async () => {
    const r = await check("unit-yuan");
    expect(at(r, "unit-suspect")).toEqual(expect.arrayContaining(["附件1!D12", "附件1!D13"]));
    expect(r.findings.find((f) => f.cell === "D12" && f.rule === "unit-suspect")!.message).toContain("754700");
    const seed = await check("seed");
    // The seed's cost targets (元) against a 407.3 万元 budget: each flagged where it is written.
    expect(at(seed, "unit-suspect")).toEqual(["附件2!E14", "附件2!E15", "附件2!E16", "附件2!E17", "附件2!E18", "附件2!E19", "附件2!E20", "附件2!E21", "附件2!E22", "附件2!E23"]);
    expect(r.computed.staffControlRate).toBe(10 / 11);
  });

  it("rich text, formulas with cached results and hyperlinks are read as their shown values", async () => {
    const r = await check("rich-values");
    expect(r.computed.staffControlRate).toBe(10 / 11);
    expect(r.tables.basicData).not.toBeNull();
    expect(at(r, "value-unreadable")).toEqual([]);
  });

  it.each(["broken-zip-bomb.xlsx", "broken-too-large.xlsx"])("%s: refused with a clear message, no memory blow-up", (name) => {
    const r = cli([fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/MB/);
    expect(r.stderr).toContain(name);
  });
});

describe("every finding says where its figures come from", () => {
  it.each(Object.keys(SPECS))("%s", async (name) => {
    const r = await check(name);
    for (const f of r.findings) {
      expect(Object.keys(RULES)).toContain(f.rule);
      if (f.rule === "table-missing") continue;
      // At least one sheet!cell reference in the Chinese message.
      expect({ rule: f.rule, message: f.message, cites: /[^\s（(]+![A-Z]+\d+/.test(f.message) }).toEqual({ rule: f.rule, message: f.message, cites: true });
      expect(f.log).toMatch(/[A-Za-z]/);
    }
  });
});
