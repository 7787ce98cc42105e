import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { chromium, type Browser, type Page } from "playwright-core";
import { spawnSync } from "child_process";
import { CHROMIUM, CHROMIUM_ARGS, serve } from "./browserServer";
import { pdfPages, pdfWords, squash } from "./printedText";
import { BUILD_DIRS, ensureBuild } from "./builds";
import { fixture, ROOT } from "./helpers";

/**
 * The reviewers' page from the production build, in Debian's Chromium: served over
 * http://127.0.0.1 and opened straight from disk (file://), on a folder with good,
 * bad and unreadable submissions.
 */
if (!CHROMIUM && process.env.CI) throw new Error("CI must install Debian's chromium (see .ci/run)");
const maybe = CHROMIUM ? describe : describe.skip;

// REVIEW_PREBUILT=dist: test a production build made already (npm run build) instead of building one.
const PREBUILT = process.env.REVIEW_PREBUILT ? path.resolve(ROOT, process.env.REVIEW_PREBUILT) : null;
const BUILD = PREBUILT ?? BUILD_DIRS.production;

/** 县直 and 乡镇 both send 财政所.xlsx; one report is an old .doc; one workbook is truncated, one an old .xls; one has project forms. */
async function submissions(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "review-page-"));
  const root = path.join(dir, "2023自评材料");
  await fs.mkdir(path.join(root, "县直"), { recursive: true });
  await fs.mkdir(path.join(root, "乡镇"), { recursive: true });
  await fs.copyFile(fixture("seed-complete"), path.join(root, "县直", "财政所.xlsx"));
  await fs.copyFile(fixture("seed-report.docx"), path.join(root, "县直", "财政所.docx"));
  await fs.copyFile(fixture("sum-mismatch"), path.join(root, "乡镇", "财政所.xlsx"));
  await fs.copyFile(fixture("broken-legacy.xls"), path.join(root, "乡镇", "财政所.doc"));
  await fs.copyFile(fixture("grade-80"), path.join(root, "乡镇", "林业站.xlsx"));
  await fs.copyFile(fixture("broken-truncated.xlsx"), path.join(root, "坏文件.xlsx"));
  await fs.copyFile(fixture("broken-legacy.xls"), path.join(root, "老格式.xls"));
  // A 部门整体 form and two 项目 forms: three rows.
  await fs.copyFile(fixture("dept-plus-projects"), path.join(root, "水利局.xlsx"));
  await fs.writeFile(path.join(root, "说明.txt"), "不是提交材料");
  return root;
}

maybe("reviewers' page in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let folder: string;

  beforeAll(async () => {
    if (!PREBUILT) await ensureBuild("production");
    server = await serve(BUILD);
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
    folder = await submissions();
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Open the page, recording every request it makes and every script error. */
  async function open(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
    await page.goto(url);
    await page.getByRole("button", { name: "选择文件夹" }).waitFor();
    return { page, requests, errors };
  }

  async function checkFolder(page: Page) {
    await page.getByTestId("folder-input").setInputFiles(folder);
    await page.getByText(/^核查完成/).waitFor({ timeout: 120000 });
  }

  // The file column's text is its file button's; the report read for it is on its own line below.
  const tableRows = (page: Page) =>
    page.locator("table[aria-label='核查结果一览'] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td, i) => (i === 0 ? td.querySelector("button")?.textContent : td.textContent) ?? "")));
  const reportLines = (page: Page) => page.locator("table[aria-label='核查结果一览'] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelector("[data-report]")?.textContent ?? ""));

  async function exercise(url: string, ownOrigin: (u: string) => boolean) {
    const { page, requests, errors } = await open(url);
    await checkFolder(page);
    // The checks ran in the worker (from a blob URL), not in the page.
    expect(await page.locator("main").getAttribute("data-checker")).toBe("worker");

    const rows = await tableRows(page);
    // Laid out row by row (CSS grid), it is still a table to assistive technology: a header row of
    // ten column headers, then a row of ten cells for each form.
    const table = page.getByRole("table", { name: "核查结果一览" });
    expect(await table.getByRole("row").count()).toBe(rows.length + 1);
    expect(await table.getByRole("columnheader").allInnerTexts()).toEqual(["文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"]);
    expect(await table.getByRole("row").nth(1).getByRole("cell").count()).toBe(10);
    // Worst first: the two files that cannot be read, then by errors.
    expect(rows.map((r) => r[0])).toEqual(["坏文件.xlsx", "老格式.xls", "县直/财政所.xlsx", "乡镇/财政所.xlsx", "乡镇/林业站.xlsx", "水利局.xlsx", "水利局.xlsx", "水利局.xlsx"]);
    expect(rows.slice(5).map((r) => [r[2], r[5], r[6]])).toEqual([
      ["部门整体支出绩效自评表", "88", "良好"],
      ["农村饮水安全巩固提升工程", "97", "优秀"],
      ["村级污水处理设施建设", "89.5", "良好"],
    ]);
    expect(rows[0][9]).toContain("文件已损坏或不完整");
    expect(rows[1][9]).toContain("旧版 .xls");
    const xianzhi = rows[2];
    expect(xianzhi.slice(1, 9)).toEqual(["绥宁县信访局", "部门整体支出绩效自评表", "100%", "90.91%", "88", "良好", "3", expect.stringMatching(/^\d+$/)]);
    // Each row says which report was read: 已核对, 未提供, or 报告未核对 and why.
    const reports = await reportLines(page);
    expect(reports[2]).toMatch(/^报告：已核对 .*财政所\.docx$/);
    expect(reports[3]).toMatch(/^报告未核对：.*财政所\.doc（.+）$/);
    expect(reports[4]).toBe("报告：未提供");
    expect(reports[0]).toBe("报告：未提供");
    expect(rows[4].slice(5, 8)).toEqual(["80", "良好", "0"]);

    // A row opens its findings; focus moves to them.
    await page.getByRole("button", { name: "乡镇/财政所.xlsx 部门整体支出绩效自评表：查看问题" }).click();
    const heading = page.getByRole("heading", { name: /问题明细：乡镇\/财政所.xlsx/ });
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("findings-title");
    const list = await page.getByRole("list", { name: "问题列表" }).innerText();
    expect(list).toContain("附件1!B6");
    expect(list).toContain("三公经费（上年决算数）为 12.11，应为 10.11");
    // The same problem down a column is one group with its range.
    expect(list).toMatch(/附件2!E14:E23/);
    // What was read on the form, at which cells (the form's reading summary).
    const reading = await page.getByRole("region", { name: "表格识别情况" }).innerText();
    expect(reading).toContain("版式：全国通用版式（执行率 + 绩效指标）");
    expect(reading).toContain("已识别：预算资金表 A4:H10");

    // Filter by severity.
    await page.getByLabel("按问题筛选").selectOption("error");
    expect((await tableRows(page)).map((r) => r[0])).toEqual(["县直/财政所.xlsx", "乡镇/财政所.xlsx"]);
    await page.getByLabel("按问题筛选").selectOption("failed");
    expect((await tableRows(page)).map((r) => r[0])).toEqual(["坏文件.xlsx", "老格式.xls"]);
    await page.getByLabel("按问题筛选").selectOption("all");

    // One click: the summary and every checked copy, the folder's tree mirrored.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /下载汇总表和核查后的副本/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^核查结果-\d{8}-\d{4}\.zip$/);
    const zip = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    expect(Object.keys(zip).sort()).toEqual(["已核查/乡镇/林业站.checked.xlsx", "已核查/乡镇/财政所.checked.xlsx", "已核查/县直/财政所.checked.xlsx", "已核查/水利局.checked.xlsx", "汇总.xlsx"].sort());
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.load(Buffer.from(zip["汇总.xlsx"]) as unknown as ArrayBuffer);
    const ws = summary.getWorksheet("汇总")!;
    const files: string[] = [];
    ws.eachRow((r, i) => i > 1 && files.push(r.getCell(2).text));
    expect(files).toEqual(rows.map((r) => r[0]));
    const link = ws.getRow(4).getCell(2).value as ExcelJS.CellHyperlinkValue;
    expect(link.hyperlink).toBe("已核查/县直/财政所.checked.xlsx");
    expect(zip[link.hyperlink]).toBeDefined();
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(Buffer.from(zip["已核查/乡镇/财政所.checked.xlsx"]) as unknown as ArrayBuffer);
    expect(copy.getWorksheet("核查结果")).toBeDefined();
    expect(summary.getWorksheet("问题明细")!.rowCount).toBeGreaterThan(20);

    // Nothing left the page: every request is the page's own origin (or a blob it made itself).
    const foreign = requests.filter((u) => !ownOrigin(u) && !u.startsWith("blob:") && !u.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }

  it("served over http://127.0.0.1: checks the folder, opens a row's findings, filters, downloads the zip; no foreign request", async () => {
    const origin = new URL(server.url).origin;
    await exercise(`${server.url}/review.html`, (u) => u.startsWith(`${origin}/`));
  }, 240000);

  it("opened straight from disk (file://): the same, with the worker from a blob URL", async () => {
    await exercise(pathToFileURL(path.join(BUILD, "review.html")).href, (u) => u.startsWith("file://"));
  }, 240000);

  it("is usable by keyboard: Tab goes 评分规则 → 选择文件夹 → 选择文件, and a row opens with Enter", async () => {
    const { page } = await open(`${server.url}/review.html`);
    const focused = () => page.evaluate(() => (document.activeElement?.tagName === "SELECT" ? `select:${document.activeElement.id && document.querySelector(`label[for='${document.activeElement.id}']`)?.textContent}` : document.activeElement?.textContent));
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("select:评分规则");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("选择文件夹");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("选择文件");
    await checkFolder(page);
    expect(await page.getByRole("status").innerText()).toContain("核查完成：共 6 个文件，有错误 2 个，无法核查 2 个");
    await page.getByRole("button", { name: /县直\/财政所.xlsx .*查看问题/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /问题明细：县直\/财政所.xlsx/ }).waitFor();
    expect(await page.getByRole("list", { name: "问题列表" }).innerText()).toContain("报告写“项目支出 75.48”");
    await page.context().close();
  }, 240000);

  /** A folder of a few files in a fresh directory. */
  async function folderOf(files: Record<string, string | Uint8Array>): Promise<string> {
    const root = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "review-page-")), "材料");
    await fs.mkdir(root);
    for (const [name, from] of Object.entries(files)) await fs.writeFile(path.join(root, name), typeof from === "string" ? await fs.readFile(fixture(from)) : from);
    return root;
  }
  const rowOf = async (page: Page, file: string) => (await tableRows(page)).find((r) => r[0] === file)!;
  const status = (page: Page) => page.getByRole("status").innerText();

  it("the filter counts tables and files (「6 张表（6 个文件…）」); Esc or 关闭 closes a row's findings and focus returns to its row", async () => {
    const { page, errors } = await open(`${server.url}/review.html`);
    await checkFolder(page);
    const options = await page.getByLabel("按问题筛选").locator("option").allInnerTexts();
    expect(options).toEqual(["全部：6 张表（6 个文件，其中 2 个无法核查）", "有错误：2 张表（2 个文件）", "有警告：4 张表（4 个文件）", "无法核查：2 个文件", "无错误和警告：2 张表（1 个文件）"]);
    const button = "乡镇/财政所.xlsx 部门整体支出绩效自评表：查看问题";
    const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    for (const close of ["Escape", "关闭"]) {
      await page.getByRole("button", { name: button }).click();
      const heading = page.getByRole("heading", { name: /问题明细：乡镇\/财政所.xlsx/ });
      await heading.waitFor();
      if (close === "Escape") await page.keyboard.press("Escape");
      else await page.getByRole("button", { name: "关闭" }).click();
      await heading.waitFor({ state: "detached" });
      await page.waitForFunction((label) => document.activeElement?.getAttribute("aria-label") === label, button);
      expect(await focusedLabel()).toBe(button);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240000);

  it("at 800 px the file column stays in view while the table scrolls sideways to 主要问题", async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/review.html`);
    await checkFolder(page);
    const scroller = page.locator("table[aria-label='核查结果一览']").locator("xpath=..");
    const scrolled = await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      return el.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(200);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = (await scroller.boundingBox())!;
    for (const name of ["坏文件.xlsx", "县直/财政所.xlsx", "水利局.xlsx"]) {
      const b = (await page.getByRole("button", { name: new RegExp(`^${name.replace(/[./]/g, "\\$&")}.*查看问题`) }).first().boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width / 2);
      // Not under another column: the button itself is what is at its centre.
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("button")?.textContent ?? null, [b.x + b.width / 2, b.y + b.height / 2]);
      expect(hit).toBe(name);
    }
    // 主要问题, at the right end, is in view too.
    const last = (await page.getByRole("columnheader", { name: "主要问题" }).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await context.close();
  }, 240000);

  it("Ctrl+P prints the table with every column on A4 landscape, without the controls", async () => {
    const { page } = await open(`${server.url}/review.html`);
    await checkFolder(page);
    const rows = await tableRows(page);
    const pdf = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "review-print-")), "page.pdf");
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    for (const p of pages) expect(p.size).toMatch(/^841\.\d+ x 59[45]\.\d+ pts/);
    const printed = squash(pages.map((p) => p.text).join("\n"));
    // The ten headers side by side, left to right, all inside the paper's width.
    const words = pdfWords(pdf)[0];
    const headers = ["文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"].map((h) => words.find((w) => w.text === h)!);
    expect(headers.every(Boolean)).toBe(true);
    const xs = headers.map((w) => w.x0);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(Math.max(...words.map((w) => w.x1))).toBeLessThanOrEqual(841.92 - 20);
    for (const r of rows) {
      expect(printed).toContain(squash(r[0]));
      // The last column is there, not cut off at the page's edge: its first words are printed.
      expect(printed).toContain(squash(r[9]).slice(0, 12));
    }
    expect(printed).not.toContain("选择文件夹");
    expect(printed).not.toContain("按问题筛选");
    await page.context().close();
  }, 240000);

  it("each row says what the reader could not read on its form", async () => {
    const root = await folderOf({ "人社局.xlsx": "family-split", "信访局.xlsx": "seed-complete" });
    const { page, errors } = await open(`${server.url}/review.html`);
    await page.getByTestId("folder-input").setInputFiles(root);
    await page.getByText(/^核查完成/).waitFor({ timeout: 120000 });
    expect((await rowOf(page, "人社局.xlsx"))[2]).toContain("未能识别：指标无分值列，按组权重核算");
    expect((await rowOf(page, "信访局.xlsx"))[2]).not.toContain("未能识别");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240000);

  it("a rule profile change checks the files again: no grade, summary or 核查信息 from the old profile", async () => {
    // A total of 90: 良好 in the seed's bands, 优 under 财预〔2020〕10号.
    const root = await folderOf({ "单位.xlsx": "grade-90", "信访局.xlsx": "seed-complete" });
    const { page, errors } = await open(`${server.url}/review.html`);
    await page.getByTestId("folder-input").setInputFiles(root);
    await page.getByText(/^核查完成/).waitFor({ timeout: 120000 });
    expect((await rowOf(page, "单位.xlsx"))[6]).toBe("良好");
    await page.getByLabel("评分规则").selectOption("national");
    await page.getByText(/^核查完成（已按「财预〔2020〕10号」重新核查）：共 2 个文件/).waitFor({ timeout: 120000 });
    expect((await rowOf(page, "单位.xlsx"))[6]).toBe("优");
    expect((await rowOf(page, "信访局.xlsx"))[6]).toBe("良");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /下载汇总表和核查后的副本/ }).click()]);
    const zip = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.load(Buffer.from(zip["汇总.xlsx"]) as unknown as ArrayBuffer);
    const info = summary.getWorksheet("核查信息")!;
    expect(info.getRow(info.getColumn(1).values.findIndex((v) => v === "评分规则")).getCell(2).value).toBe("财预〔2020〕10号");
    const grades: string[] = [];
    summary.getWorksheet("汇总")!.eachRow((r, n) => n > 1 && grades.push(`${r.getCell(2).text} ${r.getCell(8).text}`));
    expect(grades.sort()).toEqual(["信访局.xlsx 良", "单位.xlsx 优"]);
    // The checked copy was written with the new profile too.
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(Buffer.from(zip["已核查/单位.checked.xlsx"]) as unknown as ArrayBuffer);
    const texts: string[] = [];
    copy.getWorksheet("核查结果")!.eachRow((r) => r.eachCell((c) => texts.push(c.text)));
    expect(texts).toContain("财预〔2020〕10号");
    expect(texts).not.toContain("自评表说明口径（默认）");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240000);

  it("a later pick asks to add (the default) or start again; a file picked again replaces its own row and says so", async () => {
    const { page, errors } = await open(`${server.url}/review.html`);
    await checkFolder(page);
    const before = (await tableRows(page)).length;
    const late = await folderOf({ "迟交单位.xlsx": "seed" });
    await page.getByTestId("files-input").setInputFiles(path.join(late, "迟交单位.xlsx"));
    const dialog = page.getByRole("dialog", { name: "加入本批，还是重新开始？" });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("表中已有 6 个文件。新选择了 1 个：迟交单位.xlsx");
    // Adding is the default: it has the focus, Enter takes it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("加入本批");
    await page.keyboard.press("Enter");
    await page.getByText(/^核查完成（本次加入 1 个）：共 7 个文件/).waitFor({ timeout: 120000 });
    expect((await tableRows(page)).length).toBe(before + 1);
    expect((await rowOf(page, "迟交单位.xlsx"))[7]).toBe("1");
    // The same name again, corrected: it replaces its own row, which says so.
    const again = await folderOf({ "迟交单位.xlsx": "seed-complete" });
    await page.getByTestId("files-input").setInputFiles(path.join(again, "迟交单位.xlsx"));
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("其中 1 个与表中的文件同名同路径，加入后替换原来的行");
    await page.getByRole("button", { name: "加入本批" }).click();
    await page.getByText(/^核查完成（本次加入 1 个）：共 7 个文件.*重新选择的 1 个文件替换了原来的行：迟交单位\.xlsx/).waitFor({ timeout: 120000 });
    expect((await tableRows(page)).length).toBe(before + 1);
    expect((await rowOf(page, "迟交单位.xlsx"))[7]).toBe("0");
    // (Rows off screen are skipped by content-visibility, and role queries skip what is not drawn.)
    const row = page.locator("tbody tr").filter({ has: page.locator("button", { hasText: /^迟交单位\.xlsx$/ }) });
    expect(await row.evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")?.textContent))).toEqual(["迟交单位.xlsx已替换报告：未提供"]);
    // 取消 picks nothing; the same file picked once more asks again (the input forgets each pick);
    // 重新开始 leaves only what was picked.
    await page.getByTestId("files-input").setInputFiles(path.join(late, "迟交单位.xlsx"));
    await page.getByRole("button", { name: "取消" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await tableRows(page)).length).toBe(before + 1);
    await page.getByTestId("files-input").setInputFiles(path.join(late, "迟交单位.xlsx"));
    await dialog.waitFor();
    await page.getByRole("button", { name: /^重新开始/ }).click();
    await page.getByText(/^核查完成：共 1 个文件/).waitFor({ timeout: 120000 });
    expect((await tableRows(page)).map((r) => r[0])).toEqual(["迟交单位.xlsx"]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240000);

  it("a Word document, a PDF, a picture or a zip renamed .xlsx is named for what it is", async () => {
    const files: Record<string, string | Uint8Array> = {
      "报告.xlsx": "seed-report.docx",
      "材料.xlsx": zipSync({ "甲.xlsx": await fs.readFile(fixture("seed")), "乙.xlsx": await fs.readFile(fixture("grade-80")) }),
      "打印件.xlsx": new TextEncoder().encode("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    };
    const png = spawnSync("/usr/bin/python3", ["-c", "import sys, io\nfrom PIL import Image\nb = io.BytesIO(); Image.new('RGB', (40, 20), 'white').save(b, 'PNG'); sys.stdout.buffer.write(b.getvalue())"]);
    if (png.status === 0) files["截图.xlsx"] = new Uint8Array(png.stdout);
    const root = await folderOf(files);
    const { page } = await open(`${server.url}/review.html`);
    await page.getByTestId("folder-input").setInputFiles(root);
    await page.getByText(/^核查完成/).waitFor({ timeout: 120000 });
    expect((await rowOf(page, "报告.xlsx"))[9]).toBe("无法核查：这是 Word 文档，不是 Excel 工作簿");
    expect((await rowOf(page, "材料.xlsx"))[9]).toContain("无法核查：这是 ZIP 压缩包，内有 2 个工作簿");
    expect((await rowOf(page, "打印件.xlsx"))[9]).toContain("无法核查：这是 PDF 文件，不是 Excel 工作簿");
    if (files["截图.xlsx"]) expect((await rowOf(page, "截图.xlsx"))[9]).toContain("无法核查：这是图片（PNG），不是 Excel 工作簿");
    await page.context().close();
  }, 240000);
});
