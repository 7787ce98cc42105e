import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { clearMarks, recalculate } from "../src/adapters/wps";
import type { HostDocument } from "../src/testing/excelHost/document";
import { buildHarness, CHROMIUM, CHROMIUM_ARGS, serve } from "./browserServer";
import { ensureBuild } from "./builds";
import { ROOT } from "./helpers";
import { openInEt } from "./wpsHelpers";

/**
 * The WPS pane (src/wps/pane.tsx, built as shipped) in a real browser, Debian's Chromium driven
 * by playwright-core, over the WPS harness (src/testing/wpsHarness): `window.wps` and
 * `window.Application` are the strict in-memory ET host's root, as WPS gives them to a pane.
 * What the pane wrote is checked in the ET document, against the same adapter run in Node.
 */
if (!CHROMIUM && process.env.CI) throw new Error("CI must install Debian's chromium (see .ci/run)");
const maybe = CHROMIUM ? describe : describe.skip;

type Sheets = { name: string; visibility: string; cells: HostDocument["sheets"][number]["cells"] }[];
const sheetsOf = (d: HostDocument): Sheets => d.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: s.cells }));

maybe("WPS pane in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    await buildHarness();
    server = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  }, 400000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // WPS's task pane is about as wide as Excel's.
  async function open(query: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/wps-harness.html?${query}`);
    await page.getByRole("button", { name: "一键核算" }).waitFor();
    return { page, errors };
  }

  const etDoc = (page: Page) => page.evaluate(() => window.__et!.doc);
  const original = (page: Page) => page.evaluate(() => window.__original!);

  it("一键核算: the summary and findings, and the ET document holds exactly what the adapter writes; WPS's switches put back", async () => {
    const { page, errors } = await open("fixture=seed");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    const summary = await page.getByLabel("核算结果").innerText();
    expect(summary).toContain("绥宁县信访局");
    expect(summary).toContain("90.91%");
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor();

    const et = await openInEt("seed");
    await recalculate(et.root);
    const inBrowser = await etDoc(page);
    expect(sheetsOf(inBrowser)).toEqual(sheetsOf(et.doc));
    expect(sheetsOf(inBrowser)).not.toEqual(sheetsOf(await original(page)));
    expect(inBrowser.sheets.map((s) => s.name)).toContain("核查结果");
    expect(await page.evaluate(() => window.__et!.stateRestored)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it("a finding clicked selects its cell in ET, on its sheet", async () => {
    const { page } = await open("fixture=seed");
    await page.getByRole("button", { name: "只检查" }).click();
    await page.getByText(/只检查完成/).waitFor();
    await page.getByRole("button", { name: /错误，附件2 D5/ }).click();
    await page.waitForFunction(() => window.__et!.doc.selection?.address === "D5");
    const doc = await etDoc(page);
    expect(doc.selection).toEqual({ sheet: "附件2", address: "D5" });
    expect(doc.activeSheet).toBe("附件2");
    // 只检查 and selecting wrote nothing.
    expect(await page.evaluate(() => window.__et!.writes)).toBe(0);
    await page.close();
  }, 120000);

  it("清除标记 takes our fills and notes off and keeps the values, as the adapter does", async () => {
    const { page } = await open("fixture=seed");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    await page.getByRole("button", { name: "清除标记" }).click();
    await page.getByText(/已清除 \d+ 处标记，数值未改动。/).waitFor();

    const et = await openInEt("seed");
    await recalculate(et.root);
    const { cells } = await clearMarks(et.root);
    expect(cells).toBeGreaterThan(0);
    expect(await page.getByText(`已清除 ${cells} 处标记，数值未改动。`).count()).toBe(1);
    expect(sheetsOf(await etDoc(page))).toEqual(sheetsOf(et.doc));
    await page.close();
  }, 120000);

  it("自动核查: an edit inside the tables (SheetChange) refreshes the findings, writing nothing", async () => {
    const { page } = await open("fixture=seed");
    await page.getByRole("switch", { name: "自动核查" }).click();
    await page.getByText(/自动核查完成/).waitFor();
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor();
    await page.waitForFunction(() => window.__et!.events.listeners.size > 0);
    // The blank 全年预算数(A) was the one error; once typed, a debounced read-only check drops it.
    await page.evaluate(() => window.__edit!("附件2", { D5: 407.3 }));
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor({ state: "detached", timeout: 15000 });
    expect(await page.evaluate(() => window.__et!.writes)).toBe(0);
    await page.close();
  }, 120000);

  it("自动核查 on a WPS build without ApiEvent: says why it is off", async () => {
    const { page } = await open("fixture=seed&events=0");
    await page.getByText(/未提供工作表修改事件（ApiEvent），无法自动核查/).waitFor();
    await page.close();
  }, 120000);

  it("撤销本次修改 gives the ET document its sheets as before, after two clicks", async () => {
    const { page, errors } = await open("fixture=seed");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    await page.getByRole("button", { name: "重新核算" }).click();
    await page.getByText("核算完成").waitFor();
    await page.getByRole("button", { name: "撤销本次修改" }).click();
    await page.getByText("已撤销核算助手所做的全部修改").waitFor();
    expect(sheetsOf(await etDoc(page))).toEqual(sheetsOf(await original(page)));
    expect(await page.evaluate(() => window.__et!.prompts)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it("诊断: version, build, user agent and each call's shape as text; 复制 puts it on the clipboard; the workbook as before", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/wps-harness.html?fixture=seed&page=diagnostics`);
    const box = page.getByRole("textbox", { name: "诊断结果" });
    await page.waitForFunction(() => (document.querySelector("textarea")?.value ?? "").includes("工作簿："));
    const text = await box.inputValue();
    expect(text).toContain("Application.Version：文本 \"12.1.0.in-memory\"");
    expect(text).toMatch(/浏览器标识（navigator\.userAgent）：Mozilla\/5\.0 .*Chrome/);
    expect(text).toContain('Range("A1:C1").Value2（一行）：二维数组 1×3');
    expect(text).toContain("工作簿：已恢复原样");
    await page.getByRole("button", { name: "复制" }).click();
    await page.getByText("已复制，可以粘贴到邮件中。").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    const [doc, before] = [await etDoc(page), await original(page)];
    expect(sheetsOf(doc)).toEqual(sheetsOf(before));
    expect([doc.customXmlParts, doc.activeSheet]).toEqual([before.customXmlParts, before.activeSheet]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120000);

  it("诊断 outside WPS: the user agent, and that the WPS objects are missing", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/wps-harness.html?app=none&page=diagnostics`);
    await page.waitForFunction(() => (document.querySelector("textarea")?.value ?? "").includes("WPS 对象"));
    expect(await page.getByRole("textbox", { name: "诊断结果" }).inputValue()).toContain("WPS 对象（window.wps、window.Application）：没有");
    await page.close();
  }, 60000);

  it("says 未在 WPS 表格中打开 when the page has no WPS objects (window.wps, window.Application)", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${server.url}/wps-harness.html?app=none`);
    await page.getByText("未在 WPS 表格中打开").waitFor();
    expect(await page.getByRole("button", { name: "一键核算" }).count()).toBe(0);
    await page.close();
  }, 60000);
});

maybe("npm run try -- --wps", () => {
  let child: ChildProcess;
  let stdout = "";
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    // The harness as this run built it (test/builds.ts); --port 0: any free port, printed.
    const out = await ensureBuild("harness");
    child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "try.ts"), "--wps", "--port", "0", "--out", out, "--no-build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stdout += d));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /核算面板已在 (http:\/\/localhost:\d+\/) 运行/.exec(stdout);
        if (m) resolve(m[1]);
        else if (child.exitCode !== null) reject(new Error(stdout));
      }, 200);
      child.on("exit", () => setTimeout(() => clearInterval(timer), 500));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  }, 400000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill("SIGTERM");
  });

  it("prints the address, names the in-memory WPS host and the sample workbook, and the 诊断 page", () => {
    expect(stdout).toContain("运行（内存中的 WPS 表格，工作簿：examples/2023-绥宁县信访局-自评表.xlsx）");
    expect(stdout).toContain(`诊断页面：${url}wps-harness.html?fixture=workbook&page=diagnostics`);
  });

  it("opens the WPS pane beside the workbook; 一键核算 recalculates the sample and writes 「核查结果」 into the ET document", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url.replace("localhost", "127.0.0.1"));
    expect(page.url()).toMatch(/\/wps-harness\.html\?fixture=workbook&sheets=1$/);
    const workbook = page.getByRole("region", { name: "工作簿" });
    await workbook.getByText("工作簿（内存中的 WPS 表格）").waitFor();
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    expect(await page.getByLabel("核算结果").innerText()).toContain("绥宁县信访局");
    // The view is redrawn after the (synchronous) ET calls: the new sheet shows as a tab.
    await workbook.getByRole("tab", { name: "核查结果" }).waitFor();
    expect(await page.evaluate(() => window.__et!.doc.sheets.some((s) => s.name === "核查结果"))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it("serves the 诊断 page over the same workbook", async () => {
    const page = await browser.newPage();
    await page.goto(`${url.replace("localhost", "127.0.0.1")}wps-harness.html?fixture=workbook&page=diagnostics`);
    await page.waitForFunction(() => (document.querySelector("textarea")?.value ?? "").includes("工作簿：已恢复原样"));
    await page.close();
  }, 60000);
});
