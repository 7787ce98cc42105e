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
    expect(page.url()).toMatch(/\/harness\.html\?fixture=workbook$/);
    await page.getByRole("button", { name: "一键核算" }).click();
    await page.getByText("核算完成").waitFor();
    const summary = await page.getByLabel("核算结果").innerText();
    expect(summary).toContain("绥宁县信访局");
    expect(summary).toContain("90.91%");
    await page.getByRole("button", { name: /错误，附件2 D5/ }).waitFor();
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
