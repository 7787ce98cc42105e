import { chromium, type Browser, type Page } from "playwright-core";
import { clearMarks, recalculate } from "../src/adapters/wps";
import type { HostDocument } from "../src/testing/excelHost/document";
import { buildHarness, CHROMIUM, CHROMIUM_ARGS, serve } from "./browserServer";
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

  it("says 未在 WPS 表格中打开 when the page has no WPS objects (window.wps, window.Application)", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${server.url}/wps-harness.html?app=none`);
    await page.getByText("未在 WPS 表格中打开").waitFor();
    expect(await page.getByRole("button", { name: "一键核算" }).count()).toBe(0);
    await page.close();
  }, 60000);
});
