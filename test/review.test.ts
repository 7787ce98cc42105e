import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, serve } from "./browserServer";
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

  const tableRows = (page: Page) =>
    page.locator("table[aria-label='核查结果一览'] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));

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
    expect(rows[3][9]).toContain("报告未核对：财政所.doc");
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
});
