import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { progressReporter } from "../src/cli/progress";
import { PROFILES } from "../src/engine/profile";
import { FINDINGS_HEADERS, SUMMARY_HEADERS, wrappedLines } from "../src/summary/workbook";
import { version } from "../package.json";
import { makeDocx } from "../fixtures/build/docx";
import { check, cli, fixture, loadBook, ROOT } from "./helpers";

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "folders-"));
const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");
const lines = (s: string) => s.split("\n").filter((l) => l.trim());

/** A folder as a bureau receives it: two departments with the same file name in different sub-folders. */
async function submissions(): Promise<string> {
  const dir = await tmp();
  const input = path.join(dir, "2023自评材料");
  await fs.mkdir(path.join(input, "县直"), { recursive: true });
  await fs.mkdir(path.join(input, "乡镇"), { recursive: true });
  await fs.copyFile(fixture("seed-complete"), path.join(input, "县直", "财政所.xlsx"));
  await fs.copyFile(fixture("seed-report.docx"), path.join(input, "县直", "财政所.docx"));
  await fs.copyFile(fixture("sum-mismatch"), path.join(input, "乡镇", "财政所.xlsx"));
  await fs.copyFile(fixture("broken-legacy.xls"), path.join(input, "乡镇", "财政所.doc"));
  await fs.copyFile(fixture("grade-80"), path.join(input, "乡镇", "林业站.xlsx"));
  await fs.writeFile(path.join(input, "乡镇", "林业站.pdf"), "%PDF-1.4\n");
  await fs.copyFile(fixture("broken-truncated.xlsx"), path.join(input, "坏文件.xlsx"));
  // An old .xls cannot be checked: listed with the reason, never skipped in silence.
  await fs.copyFile(fixture("broken-legacy.xls"), path.join(input, "老格式.xls"));
  return input;
}

/** A report scanned into a .docx: pictures only, no text to check. */
async function scannedReport(input: string, name: string): Promise<void> {
  await fs.copyFile(fixture("grade-90"), path.join(input, `${name}.xlsx`));
  await fs.writeFile(path.join(input, `${name}.docx`), makeDocx([]));
}

describe("folder runs lose nothing", () => {
  it("--out mirrors the folder's tree: two 财政所.xlsx give two copies", async () => {
    const input = await submissions();
    const out = path.join(path.dirname(input), "已核查");
    const r = cli([input, "--out", out, "--json"]);
    expect(r.code).toBe(2);
    const a = path.join(out, "县直", "财政所.checked.xlsx");
    const b = path.join(out, "乡镇", "财政所.checked.xlsx");
    // Different departments, different copies: 乡镇's has its sum errors marked, 县直's does not.
    const fillOf = async (f: string) => (await loadBook(f)).getWorksheet("附件1")!.getCell("B6").fill as ExcelJS.FillPattern | undefined;
    expect((await fillOf(b))?.fgColor?.argb).toBeDefined();
    expect((await fillOf(a))?.fgColor).toBeUndefined();
    expect(existsSync(path.join(out, "乡镇", "林业站.checked.xlsx"))).toBe(true);
  });

  it("this run's own outputs inside the folder are skipped, with one line; a department's own checked copy is checked", async () => {
    const input = await submissions();
    // A department ran the tool before submitting: its file is a submission like any other.
    await fs.copyFile(fixture("seed-complete"), path.join(input, "教育局.checked.xlsx"));
    const args = [input, "--out", path.join(input, "已核查"), "--summary", path.join(input, "汇总.xlsx"), "--json"];
    const first = cli(args);
    const names = (s: string) => (JSON.parse(s) as { file: string }[]).map((x) => path.relative(input, x.file).split(path.sep).join("/")).sort();
    expect(names(first.stdout)).toEqual(["乡镇/林业站.xlsx", "乡镇/财政所.xlsx", "县直/财政所.xlsx", "坏文件.xlsx", "教育局.checked.xlsx", "老格式.xls"].sort());
    const second = cli(args);
    expect(names(second.stdout)).toEqual(names(first.stdout));
    const skip = lines(second.stderr).filter((l) => l.includes("已跳过"));
    expect(skip).toHaveLength(1);
    expect(skip[0]).toContain("汇总.xlsx");
    expect(skip[0]).toContain("已核查");
    expect(existsSync(path.join(input, "已核查", "已核查"))).toBe(false);
    // Checked again, it keeps its name (not 教育局.checked.checked.xlsx).
    expect(existsSync(path.join(input, "已核查", "教育局.checked.xlsx"))).toBe(true);
    expect(existsSync(path.join(input, "已核查", "教育局.checked.checked.xlsx"))).toBe(false);
  });

  it.each([
    ["--out naming an existing file with several inputs", async (dir: string) => {
      const f = path.join(dir, "已有.xlsx");
      await fs.copyFile(fixture("seed"), f);
      return { args: [path.join(dir, "in"), "--out", f], names: f, text: "是已有的文件" };
    }],
    ["a Word file given as a workbook", async (dir: string) => {
      const f = path.join(dir, "信访局.docx");
      await fs.copyFile(fixture("seed-report.docx"), f);
      return { args: [f], names: f, text: "Word 文档" };
    }],
    ["an empty folder", async (dir: string) => {
      const f = path.join(dir, "空文件夹");
      await fs.mkdir(f);
      return { args: [f], names: f, text: "没有 .xlsx" };
    }],
  ])("%s: exit 2 with one Chinese line naming the path", async (_, setup) => {
    const dir = await tmp();
    await fs.mkdir(path.join(dir, "in"));
    for (const n of ["a", "b"]) await fs.copyFile(fixture("seed-complete"), path.join(dir, "in", `${n}.xlsx`));
    const { args, names, text } = await setup(dir);
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(names);
    expect(r.stderr).toContain(text);
    expect(r.stderr).not.toContain("用法");
  });

  it("two inputs that would share an output are refused before anything is written", async () => {
    const dir = await tmp();
    for (const d of ["甲", "乙"]) {
      await fs.mkdir(path.join(dir, d));
      await fs.copyFile(fixture("seed"), path.join(dir, d, "财政所.xlsx"));
    }
    const out = path.join(dir, "out");
    const r = cli([path.join(dir, "甲", "财政所.xlsx"), path.join(dir, "乙", "财政所.xlsx"), "--out", out]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("同一个输出文件");
    expect(existsSync(out)).toBe(false);
  });

  it("npm run check: stderr carries only our own lines (no build output)", () => {
    const r = spawnSync("npm", ["run", "--silent", "check", "--", path.join(os.tmpdir(), "没有这个文件夹-" + process.pid)], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringContaining("找不到文件")]);
  });
});

describe("a folder run's output", () => {
  it("one line per file (总分 and 等级, or counts, or why), then totals and where the outputs went; --full gives every report", async () => {
    const input = await submissions();
    const summary = path.join(path.dirname(input), "汇总.xlsx");
    const out = path.join(path.dirname(input), "已核查");
    const r = cli([input, "--summary", summary, "--out", out]);
    expect(r.code).toBe(2);
    const l = lines(r.stdout);
    expect(l).toHaveLength(5 + 3);
    expect(l.find((x) => x.includes("县直/财政所.xlsx"))).toMatch(/总分 88 分 良好　错误 3，警告 \d+　报告已核对：财政所\.docx$/);
    expect(l.find((x) => x.includes("乡镇/财政所.xlsx"))).toContain("报告未核对：财政所.doc");
    expect(l.find((x) => x.includes("坏文件.xlsx"))).toContain("无法核查：文件已损坏");
    expect(l.find((x) => x.includes("老格式.xls"))).toContain("旧版 .xls");
    expect(l[5]).toBe("共 5 个文件：✗ 有错误 2 个，△ 仅有警告 1 个，✓ 无错误和警告 0 个，⊘ 无法核查 2 个；报告未核对 2 份。");
    expect(l[6]).toBe(`汇总表：${summary}`);
    expect(l[7]).toBe(`核查后的副本：${out}${path.sep}`);
    // Without --verbose, stderr stays quiet: the lines say it all.
    expect(r.stderr).toBe("");
    const full = cli([input, "--full"]);
    expect(full.stdout.match(/^文件：/gm)).toHaveLength(3);
    expect(cli([fixture("seed-complete")]).stdout).toContain("核算结果");
  });

  it("on a terminal, each file's line replaces the progress bar, which is redrawn below it", () => {
    const err: string[] = [];
    const out: string[] = [];
    const report = progressReporter<string>(2, (x) => x, { isTTY: true, write: (s) => err.push(s) }, { write: (s) => out.push(s) })!;
    report(1, "✓ a.xlsx");
    report(2, "✓ b.xlsx");
    expect(out).toEqual(["✓ a.xlsx\n", "✓ b.xlsx\n"]);
    expect(err.join("")).toBe("\r\x1b[K\r核查进度 [████████████············] 1/2\r\x1b[K\r核查进度 [████████████████████████] 2/2\n");
    expect(progressReporter(2, undefined, { isTTY: false, write: () => 0 })).toBeUndefined();
  });
});

describe("the summary workbook, for people", () => {
  const open = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  };
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((r) => rows.push(r));
    return rows;
  };

  it("relative paths, visible problems, frozen header, autofilter, A4 landscape, links to copies and cells, hashes", async () => {
    const input = await submissions();
    const base = path.dirname(input);
    const summary = path.join(base, "汇总", "汇总.xlsx");
    await scannedReport(path.join(input, "乡镇"), "水利站");
    cli([input, "--summary", summary, "--out", path.join(base, "已核查")]);
    const wb = await open(summary);
    const ws = wb.getWorksheet("汇总")!;
    const rows = rowsOf(ws);
    expect(rows[0].values).toEqual([undefined, ...SUMMARY_HEADERS]);
    const text = (r: ExcelJS.Row, c: number) => r.getCell(c).text;
    expect(rows.slice(1).map((r) => text(r, 2))).toEqual(["坏文件.xlsx", "老格式.xls", "县直/财政所.xlsx", "乡镇/财政所.xlsx", "乡镇/林业站.xlsx", "乡镇/水利站.xlsx"]);
    rows.splice(2, 1);
    expect(text(rows[5], 11)).toContain("报告未核对：水利站.docx（报告中没有可核对的文字，可能是扫描件）");
    expect(text(rows[1], 11)).toContain("无法核查");
    expect(text(rows[4], 11)).toContain("报告未核对：林业站.pdf（PDF 文件无法核对文字");
    expect(text(rows[3], 11)).toContain("报告未核对：财政所.doc");
    expect([text(rows[2], 3), text(rows[2], 4), rows[2].getCell(7).value, text(rows[2], 8)]).toEqual(["绥宁县信访局", "部门整体支出绩效自评表", 88, "良好"]);
    for (const r of rows.slice(1)) {
      const problems = text(r, 11);
      expect(r.getCell(11).alignment?.wrapText).toBe(true);
      // Every line of 主要问题 shows: the row is as tall as its wrapped lines.
      expect(r.height).toBeGreaterThanOrEqual(wrappedLines(problems, ws.getColumn(11).width!) * 15);
    }
    expect(text(rows[2], 11).split("\n").length).toBeGreaterThanOrEqual(3);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:K7");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });

    // The file name links to the checked copy, relative to the summary's own folder.
    const link = (rows[2].getCell(2).value as ExcelJS.CellHyperlinkValue).hyperlink;
    expect(link).toBe("../已核查/县直/财政所.checked.xlsx");
    expect(existsSync(path.join(path.dirname(summary), link))).toBe(true);

    const fsheet = wb.getWorksheet("问题明细")!;
    const frows = rowsOf(fsheet);
    expect(frows[0].values).toEqual([undefined, ...FINDINGS_HEADERS]);
    expect(fsheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(fsheet.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
    const b6 = frows.find((r) => text(r, 1) === "乡镇/财政所.xlsx" && text(r, 4) === "附件1!B6")!;
    expect([text(b6, 2), text(b6, 5), text(b6, 6)]).toEqual(["绥宁县信访局", "错误", "合计与明细不符"]);
    expect((b6.getCell(4).value as ExcelJS.CellHyperlinkValue).hyperlink).toBe("../已核查/乡镇/财政所.checked.xlsx#'附件1'!$B$6");
    const expected = (await Promise.all(["sum-mismatch", "seed-complete", "grade-80", "grade-90"].map(async (n) => (await check(n)).findings.length))).reduce((a, b) => a + b, 0);
    // Every finding, plus the unreadable workbook, the unread reports, and 县直's three narrative findings.
    expect(frows.length - 1).toBe(expected + 2 + 3 + 3);
    expect(frows.filter((r) => text(r, 6) === "报告未核对").map((r) => text(r, 4))).toEqual(["财政所.doc", "林业站.pdf", "水利站.docx"]);

    const info = wb.getWorksheet("核查信息")!;
    const irows = rowsOf(info);
    const fact = (k: string) => text(irows.find((r) => text(r, 1) === k)!, 2);
    expect(fact("核查工具")).toContain(version);
    expect(fact("评分规则")).toBe(PROFILES.seed.name);
    expect(fact("核查时间")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（UTC[+-]\d\d:\d\d）$/);
    for (const f of ["县直/财政所.xlsx", "乡镇/财政所.xlsx", "坏文件.xlsx"]) {
      const row = irows.find((r) => text(r, 1) === f)!;
      expect(text(row, 2)).toBe(await sha(path.join(input, ...f.split("/"))));
    }
  });

  it("one row per form: a 部门整体 form and two project forms give three rows; a disputed total is 待定", async () => {
    const dir = await tmp();
    const input = path.join(dir, "材料");
    await fs.mkdir(input);
    await fs.copyFile(fixture("dept-plus-projects"), path.join(input, "水利局.xlsx"));
    await fs.copyFile(fixture("disputed-total-95"), path.join(input, "信访局.xlsx"));
    const summary = path.join(dir, "汇总.xlsx");
    const r = cli([input, "--summary", summary]);
    expect(lines(r.stdout).find((l) => l.includes("水利局.xlsx"))).toContain("总分 88 分 良好；97 分 优秀；89.5 分 良好（3 张表）");
    expect(lines(r.stdout).find((l) => l.includes("信访局.xlsx"))).toContain("总分 88 分 待定");
    const rows = rowsOf((await open(summary)).getWorksheet("汇总")!).slice(1);
    const shown = rows.map((x) => [x.getCell(2).text, x.getCell(3).text, x.getCell(4).text, x.getCell(7).value, x.getCell(8).text]);
    expect(shown).toEqual(
      expect.arrayContaining([
        ["水利局.xlsx", "绥宁县信访局", "部门整体支出绩效自评表", 88, "良好"],
        ["水利局.xlsx", "219001-某县农村供水管理站", "农村饮水安全巩固提升工程", 97, "优秀"],
        ["水利局.xlsx", "219002-某县水利工程建设中心", "村级污水处理设施建设", 89.5, "良好"],
        ["信访局.xlsx", "绥宁县信访局", "部门整体支出绩效自评表", 88, "待定"],
      ]),
    );
    expect(rows).toHaveLength(4);
    // 控制率 belongs to the 部门整体 form only.
    expect(rows.filter((x) => x.getCell(4).text !== "部门整体支出绩效自评表").map((x) => x.getCell(6).value)).toEqual([null, null]);
  });
});
