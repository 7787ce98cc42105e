import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildHarness, CHROMIUM, CHROMIUM_ARGS, serve } from "./browserServer";
import { ROOT } from "./helpers";

/**
 * The built task pane in a real browser (Debian's Chromium driven by
 * playwright-core), with the in-memory Excel host in place of Excel.
 */
if (!CHROMIUM && process.env.CI) throw new Error("CI must install Debian's chromium (see .ci/run)");
const maybe = CHROMIUM ? describe : describe.skip;

maybe("task pane in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    await buildHarness();
    server = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Excel's default task pane is about 350 × 700 CSS pixels.
  async function open(query: string, width = 350, height = 700): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/harness.html?${query}`);
    await page.getByRole("button", { name: "一键核算" }).waitFor();
    // Opening reads the workbook's shape and settings (names and part counts; used areas): two syncs.
    await page.waitForFunction(() => window.__host!.syncs >= 2);
    expect(errors).toEqual([]);
    return page;
  }

  const hostState = (page: Page) =>
    page.evaluate(() => {
      const h = window.__host!;
      return { syncs: h.syncs, writes: h.writes, undoSteps: h.undoSteps, doc: h.doc, original: window.__original };
    });

  it("before the first check: says what the buttons do, with the settings right below (no stretched gap); 只检查 leaves 一键核算 as it is", async () => {
    const page = await open("fixture=seed");
    const hint = page.getByText(/「一键核算」填入执行率/);
    await hint.waitFor();
    const hintBox = (await hint.boundingBox())!;
    const settings = (await page.getByText("评分规则（一键核算时保存在本工作簿中）").boundingBox())!;
    // Fluent's Divider grows to fill a flex line; in the pane's column it once took the free height.
    expect(settings.y - (hintBox.y + hintBox.height)).toBeLessThan(80);
    await page.getByRole("button", { name: "只检查" }).click();
    await page.getByText(/检查完成/).waitFor();
    expect(await hint.count()).toBe(0);
    // 只检查 filled in nothing: the first button still offers 一键核算; once that has run, 重新核算.
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "重新核算" }).count()).toBe(1);
    await page.close();
  });

  it("recalculates in two syncs, lists the findings, selects a clicked cell, and undoes", async () => {
    const page = await open("fixture=seed");
    // The recalculation itself is two syncs: one read (the shape is known from opening), one write.
    const opened = (await hostState(page)).syncs;
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    expect((await hostState(page)).syncs - opened).toBe(2);

    const summary = page.getByLabel("核算结果");
    expect(await summary.innerText()).toContain("绥宁县信访局");
    expect(await summary.innerText()).toContain("90.91%");
    expect(await summary.innerText()).toContain("无法计算");

    // Errors and warnings are open; the blank 全年预算数(A) is the one error.
    const first = page.getByRole("button", { name: /错误，附件2 D5/ });
    await first.waitFor();
    // UPDATE_SCREENSHOT=1 refreshes the README's picture (needs a CJK font, e.g. Debian's fonts-noto-cjk).
    const shot = process.env.UPDATE_SCREENSHOT ? path.join(ROOT, "docs", "taskpane.png") : path.join(os.tmpdir(), "taskpane.png");
    expect((await page.screenshot({ path: shot })).length).toBeGreaterThan(10000);
    await first.click();
    await page.waitForFunction(() => window.__host!.doc.selection?.address === "D5");
    expect((await hostState(page)).doc.selection).toEqual({ sheet: "附件2", address: "D5" });

    await page.getByRole("button", { name: "撤销本次修改" }).click();
    await page.getByText("已撤销核算助手所做的全部修改").waitFor();
    const after = await hostState(page);
    const sheets = after.doc.sheets.map((s) => ({ name: s.name, cells: s.cells }));
    expect(sheets).toEqual(after.original!.sheets.map((s) => ({ name: s.name, cells: s.cells })));
    await page.close();
  }, 120000);

  it("works from the keyboard and follows a dark Office theme", async () => {
    const page = await open("fixture=seed-complete&theme=dark");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("一键核算");
    await page.keyboard.press("Enter");
    await page.getByText("核算完成").waitFor();
    expect(await page.getByLabel("核算结果").innerText()).toContain("良好");
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector("main")!).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(200);
    await page.close();
  }, 120000);

  it("uses the rule profile chosen in the pane, stores it in the workbook with 一键核算 (not before), and checks pasted report text", async () => {
    const page = await open("fixture=grade-90");
    await page.getByLabel("评分规则（一键核算时保存在本工作簿中）").selectOption("national");
    await page.getByRole("button", { name: "只检查" }).click();
    await page.getByText(/只检查完成/).waitFor();
    // A reviewer's choice and 只检查 leave the submission as it came.
    expect((await hostState(page)).writes).toBe(0);
    await page.getByRole("textbox").fill("2023年项目支出共计75.48万元，其中业务工作经费75.48万元。");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    await page.waitForFunction(() => window.__host!.doc.customXmlParts.some((p) => p.xml.includes("<profile>national</profile>")));
    const summary = await page.getByLabel("核算结果").innerText();
    expect(summary).toContain("优");
    expect(summary).toContain("财预〔2020〕10号");
    await page.getByRole("button", { name: /错误，附件1 D12：报告写“项目支出 75.48”/ }).waitFor();
    await page.close();
  }, 120000);

  it("keeps 错误 open when a re-run finds errors after a clean check", async () => {
    const page = await open("fixture=seed-complete");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    expect(await page.getByText(/^错误/).count()).toBe(0);
    await page.getByRole("textbox").fill("2023年项目支出共计75.48万元，其中业务工作经费75.48万元。");
    await page.getByRole("button", { name: "重新核算" }).click();
    await page.getByText(/有 3 项错误/).waitFor();
    // The 错误 group is open: its findings are visible buttons.
    await page.getByRole("button", { name: /错误，附件1 D12/ }).waitFor({ state: "visible" });
    await page.close();
  }, 120000);

  it("shows bands in words, and marks results stale when the rule profile changes", async () => {
    const page = await open("fixture=seed-complete");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    const summary = page.getByLabel("核算结果");
    expect(await summary.innerText()).toContain("良好：80（含）–90（含）分 · 自评表说明口径（默认）");
    await page.getByLabel("评分规则（一键核算时保存在本工作簿中）").selectOption("national");
    await page.getByText("规则已更改，请重新核算").first().waitFor();
    expect(await summary.innerText()).not.toContain("良好：80");
    // The old result's banner goes: only 「规则已更改」 speaks now.
    expect(await page.getByText(/核算完成/).count()).toBe(0);
    await page.getByRole("button", { name: "重新核算" }).last().click();
    await page.getByText("核算完成").waitFor();
    expect(await page.getByText("规则已更改，请重新核算").count()).toBe(0);
    expect(await page.getByLabel("核算结果").innerText()).toMatch(/良：80（含）–90（不含）分 · 财预〔2020〕10号/);
    await page.close();
  }, 120000);

  it("只检查 lists every finding and selects cells, writing nothing, in one sync", async () => {
    const page = await open("fixture=seed");
    const before = await hostState(page);
    await page.getByRole("button", { name: "只检查" }).click();
    await page.getByText(/只检查完成（未修改工作簿）/).waitFor();
    await page.getByRole("button", { name: /错误，附件2 D5/ }).click();
    await page.waitForFunction(() => window.__host!.doc.selection?.address === "D5");
    const after = await hostState(page);
    // One read; selecting the cell is one more batch, which changes nothing: its sheet's visibility
    // first (a hidden sheet is never activated: 「该表已隐藏」), then the selection.
    expect(after.syncs - before.syncs).toBe(3);
    expect([after.writes, after.undoSteps]).toEqual([0, 0]);
    expect(after.doc.sheets).toEqual(before.doc.sheets);
    await page.close();
  }, 120000);

  it("自动核查 refreshes the findings after an edit inside the tables, writing nothing", async () => {
    const page = await open("fixture=seed");
    await page.getByRole("switch", { name: "自动核查" }).click();
    await page.getByText(/自动核查完成/).waitFor();
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor();
    await page.waitForFunction(() => window.__host!.changeHandlers.size > 0);
    await page.evaluate(() => (window as unknown as { __edit: (s: string, c: Record<string, number>) => Promise<void> }).__edit("附件2", { D5: 407.3 }));
    // The blank 全年预算数(A) was the one error; once typed, a debounced read-only check drops it.
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor({ state: "detached", timeout: 15000 });
    // Turning it on is stored with the next 一键核算; until then the workbook is as it came.
    expect((await hostState(page)).writes).toBe(0);
    expect(await page.evaluate(() => window.__host!.doc.customXmlParts.length)).toBe(0);
    await page.close();
  }, 120000);

  it("says what it read on a form, where, and what it could not", async () => {
    const page = await open("fixture=family-split");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText(/核算完成|有 1 项错误/).first().waitFor();
    // What could not be read shows without opening anything.
    await page.getByText("未能识别：指标无分值列，按组权重核算").waitFor();
    expect(await page.getByText(/^已识别：/).count()).toBe(0);
    await page.getByRole("button", { name: "表格识别情况" }).click();
    const read = page.getByText(/^已识别：/);
    await read.waitFor();
    expect(await read.innerText()).toContain("预算资金表 A2:D3（全年预算数 B2、执行数 C2、执行率 D2）");
    expect(await page.getByText(/^评分规则来源：/).innerText()).toContain("等级区间：表注 A11");
    await page.close();
  }, 60000);

  it("says so when the workbook holds no table", async () => {
    const page = await open("fixture=neither-table");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText(/没有找到任何绩效自评表/).waitFor();
    await page.close();
  }, 60000);

  it("lists a problem repeated down a column once, with its Chinese rule name, and selects its range", async () => {
    const page = await open("fixture=seed");
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    const group = page.getByRole("button", { name: /^警告，附件2 E14:E23（10 处）：10 项指标的年度指标值大于全年预算.*（金额单位存疑）$/ });
    await group.waitFor();
    expect(await group.innerText()).toContain("金额单位存疑");
    // No entry for a single cell of the group; the counter still counts every cell (16 warnings).
    expect(await page.getByRole("button", { name: /^警告，附件2 E15：/ }).count()).toBe(0);
    expect(await page.getByLabel("警告列表").getByRole("listitem").count()).toBe(3);
    await group.click();
    await page.waitForFunction(() => window.__host!.doc.selection?.address === "E14:E23");
    expect((await hostState(page)).doc.selection).toEqual({ sheet: "附件2", address: "E14:E23" });
    await page.close();
  }, 120000);
});
