import { spawn, type ChildProcess } from "child_process";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./browserServer";
import { ensureBuild } from "./builds";
import { ROOT } from "./helpers";

/**
 * `npm run try`: builds the pane, serves it on the in-memory Excel host with the sample
 * workbook on loopback, and prints the address; a browser recalculates; SIGTERM stops it.
 */
if (!CHROMIUM && process.env.CI) throw new Error("CI must install Debian's chromium (see .ci/run)");
const maybe = CHROMIUM ? describe : describe.skip;

maybe("npm run try", () => {
  let child: ChildProcess;
  let stdout = "";
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    // The pane as this run built it (test/builds.ts; the build itself is buildAddin, which the
    // package tests exercise); --port 0: any free port, the script prints the one it got.
    const out = await ensureBuild("harness");
    child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "try.ts"), "--port", "0", "--out", out, "--no-build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
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

  it("prints the address in Chinese, names the sample workbook, listens on loopback only", async () => {
    expect(stdout).toContain("工作簿：examples/2023-绥宁县信访局-自评表.xlsx");
    expect(stdout).toContain("用任意浏览器打开上面的地址");
    const port = new URL(url).port;
    const external = Object.values(os.networkInterfaces()).flat().filter((i) => i && i.family === "IPv4" && !i.internal);
    for (const i of external) await expect(fetch(`http://${i!.address}:${port}/`)).rejects.toThrow();
  });

  it("recalculates the sample workbook in the browser and lists its findings", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url.replace("localhost", "127.0.0.1"));
    expect(page.url()).toMatch(/\/harness\.html\?fixture=workbook&sheets=1$/);
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    const summary = await page.getByLabel("核算结果").innerText();
    expect(summary).toContain("绥宁县信访局");
    expect(summary).toContain("90.91%");
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it("shows the workbook beside the pane: what 一键核算 filled in and marked, 「核查结果」, notes on hover, the cells a click selected", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url.replace("localhost", "127.0.0.1"));
    const workbook = page.getByRole("region", { name: "工作簿" });
    const grid = (sheet: string) => workbook.getByRole("grid", { name: `工作表 ${sheet}` });
    const cell = (sheet: string, addr: string) => grid(sheet).locator(`td[data-cell="${addr}"]`);
    // Before any action: the sample's first sheet, beside (not under) the pane.
    await grid("附件1").waitFor();
    const paneBox = (await page.locator("#container").boundingBox())!;
    const bookBox = (await workbook.boundingBox())!;
    expect(bookBox.x).toBeGreaterThanOrEqual(paneBox.x + paneBox.width - 1);
    expect(await workbook.getByRole("tab", { name: "核查结果" }).count()).toBe(0);

    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    // What the add-in changed, read from the host; the view must show each of those cells as it now is.
    const changes = await page.evaluate(() => {
      const before = window.__original!, now = window.__host!.doc;
      const out: { sheet: string; addr: string; fill?: string; note?: string; value: boolean }[] = [];
      for (const s of now.sheets) {
        const old = before.sheets.find((o) => o.name === s.name);
        if (!old) continue;
        for (const [addr, c] of Object.entries(s.cells)) {
          const o = old.cells[addr] ?? {};
          if (c.fill !== o.fill || c.note !== o.note || c.value !== o.value) out.push({ sheet: s.name, addr, fill: c.fill, note: c.note, value: c.value !== o.value });
        }
      }
      return out;
    });
    // A value 一键核算 wrote (it also marks such cells with a fill), and a cell it marked.
    const filled = changes.find((c) => c.value)!;
    const marked = changes.find((c) => c.sheet === "附件2" && c.fill)!;
    const noted = changes.find((c) => c.note);
    expect({ filled: !!filled, marked: !!marked, noted: !!noted }).toEqual({ filled: true, marked: true, noted: true });
    await workbook.getByRole("tab", { name: filled.sheet }).click();
    const written = await page.evaluate(([s, a]) => window.__host!.doc.sheets.find((x) => x.name === s)!.cells[a].value, [filled.sheet, filled.addr]);
    const shown = (await cell(filled.sheet, filled.addr).innerText()).trim();
    expect(shown).not.toBe("");
    // Numbers as their format shows them (a rate as 90.91%), text as it is.
    if (typeof written === "number") expect(Number(shown.replace(/[%,]/g, "")) / (shown.endsWith("%") ? 100 : 1)).toBeCloseTo(written, 2);
    else expect(shown).toBe(String(written));
    await workbook.getByRole("tab", { name: "附件2" }).click();
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    expect(await cell("附件2", marked.addr).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(rgb(marked.fill!));
    await workbook.getByRole("tab", { name: noted!.sheet }).click();
    expect(await cell(noted!.sheet, noted!.addr).getAttribute("title")).toContain(noted!.note!);
    // 「核查结果」, written by the add-in, is a sheet of the workbook like the others.
    await workbook.getByRole("tab", { name: "核查结果" }).click();
    const results = await grid("核查结果").innerText();
    expect(results).toContain("附件2");
    expect(results).toContain("D5");

    // A scattered finding: every one of its areas is selected, and the view goes to its sheet.
    await page.getByRole("button", { name: /附件2 I15:I17,I19,I21/ }).click();
    await workbook.getByLabel("选中的单元格").getByText("选中：附件2!I15:I17,I19,I21").waitFor();
    const selected = await grid("附件2").locator("td.wb-selected").evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.cell));
    expect(selected.sort()).toEqual(["I15", "I16", "I17", "I19", "I21"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it("stops on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(fetch(url.replace("localhost", "127.0.0.1"))).rejects.toThrow();
  }, 30000);
});
