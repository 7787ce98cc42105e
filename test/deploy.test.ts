import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as crypto from "crypto";
import * as os from "os";
import * as path from "path";
import { parse } from "acorn";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./browserServer";
import { ROOT } from "./helpers";
import { serveDir } from "./staticServer";

/**
 * `npm run package` with OFFICE_JS=local, as IT would run it for an intranet: the folder it
 * writes is checked on disk, then served by a plain static server and opened in Chromium.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EXCEL_FILES, PACKAGE_DIST } = require("../scripts/webpack/officeJs");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const BASE = "https://addins.example.gov.cn/jixiao/";
const pkgVersion: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

function runPackage(args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, [path.join(ROOT, "scripts", "package.ts"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 600000 });
}

const pages = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".html"));
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), "utf8");
const scriptSrcs = (html: string) => [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
const csp = (html: string) => /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";

describe("npm run package refuses bad arguments before building", () => {
  it.each([
    [["--url", "http://intranet.example/jixiao/"], /^错误：加载项地址必须以 https:\/\/ 开头/],
    [["--url", "ftp://intranet.example/"], /^错误：加载项地址必须以 https:\/\/ 开头/],
    [["--url", "不是网址"], /^错误：--url 不是有效的网址/],
    [[], /^错误：缺少 --url/],
  ])("%j → exit 2 and one line of Chinese, nothing written", (args, message) => {
    const out = path.join(os.tmpdir(), `jixiao-refused-${process.pid}`);
    const r = runPackage([...args, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stdout.trim()).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("will not delete a folder that is not a previous package", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jixiao-notpkg-"));
    writeFileSync(path.join(out, "其他文件.txt"), "x");
    const r = runPackage(["--url", BASE, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/不是空的，也不是以前生成的加载项文件夹/);
    expect(readdirSync(out)).toEqual(["其他文件.txt"]);
    rmSync(out, { recursive: true });
  });
});

describe("npm run package -- --url … with OFFICE_JS=local", () => {
  const out = path.join(os.tmpdir(), `jixiao-package-test-${process.pid}`);
  let run: ReturnType<typeof runPackage>;

  beforeAll(() => {
    run = runPackage(["--url", "https://addins.example.gov.cn/jixiao", "--out", out], { OFFICE_JS: "local" });
  }, 620000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("succeeds and tells IT where the folder goes", () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toContain(`已生成加载项文件夹：${out}（版本 ${pkgVersion}.0`);
    expect(run.stdout).toContain(`把整个文件夹放到 ${BASE} 所在的 HTTPS 服务器上`);
  });

  it("writes a manifest whose every URL starts with the address and names a file in the folder", () => {
    const xml = read(out, "manifest.xml");
    expect(xml).not.toContain("localhost");
    // Every URL in an attribute (namespace declarations aside) or in element text.
    const urls = [...xml.matchAll(/\s(?!xmlns)[\w:]+="(https?:\/\/[^"]+)"|>\s*(https?:\/\/[^<\s]+)\s*</g)].map((m) => m[1] ?? m[2]);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const u of urls) {
      expect({ u, inside: u.startsWith(BASE) }).toEqual({ u, inside: true });
      expect({ u, exists: existsSync(path.join(out, u.slice(BASE.length))) }).toEqual({ u, exists: true });
    }
    for (const el of ["SourceLocation", "IconUrl", "HighResolutionIconUrl", "SupportUrl"]) expect(xml).toMatch(new RegExp(`<${el} DefaultValue="${BASE}`));
  });

  it("takes the manifest's Version from package.json, read back by office-addin-manifest (offline)", () => {
    expect(read(out, "manifest.xml")).toContain(`<Version>${pkgVersion}.0</Version>`);
    const info = spawnSync(path.join(ROOT, "node_modules", ".bin", "office-addin-manifest"), ["info", path.join(out, "manifest.xml")], { encoding: "utf8", timeout: 60000 }).stdout;
    expect(info).toMatch(new RegExp(`^\\s*Version: ${pkgVersion.replace(/\./g, "\\.")}\\.0$`, "m"));
    expect(info).toMatch(new RegExp(`^\\s*Source Location: ${BASE}taskpane\\.html$`, "m"));
  });

  it("keeps page names and names every bundle by its content", () => {
    expect(pages(out).sort()).toEqual(expect.arrayContaining(["commands.html", "taskpane.html"]));
    const own = readdirSync(out).filter((f) => f.endsWith(".js"));
    expect(own.length).toBeGreaterThanOrEqual(3);
    for (const f of own) expect(f).toMatch(/^[\w-]+\.[0-9a-f]{8}\.js$/);
    for (const page of pages(out)) for (const src of scriptSrcs(read(out, page)).filter((s) => !s.startsWith("office-js/"))) expect(own).toContain(src);
  });

  it("serves office.js and the files it loads for Excel itself: no page names another host", () => {
    // The reviewers' page (review.html) runs outside Office: it loads no office.js.
    for (const page of pages(out).filter((p) => p !== "review.html")) {
      const html = read(out, page);
      expect(scriptSrcs(html)[0]).toBe("office-js/office.js");
      expect(html).not.toMatch(/https?:\/\//);
    }
    for (const f of EXCEL_FILES as string[]) expect(readFileSync(path.join(out, "office-js", f)).equals(readFileSync(path.join(PACKAGE_DIST, f)))).toBe(true);
    // Paths the loaders build from their own folder, read from the shipped code.
    const loaders = ["office.js", "excel-win32-16.01.js", "excel-web-16.00.js", "excel-mac-16.00.js"].map((f) => read(path.join(out, "office-js"), f)).join("\n");
    for (const rel of ["telemetry/oteljs_agave.js", "ariatelemetry/aria-web-telemetry.js", "office_strings.js", "o15apptofilemappingtable.js"]) expect(loaders).toContain(rel);
  });

  it("ships scripts that parse as ES2020 (Fluent's ES2022 syntax lowered)", () => {
    for (const f of readdirSync(out).filter((n) => n.endsWith(".js"))) expect(() => parse(read(out, f), { ecmaVersion: 2020 })).not.toThrow();
  });

  it("declares a CSP on every page that allows only its own host and its inline guard's hash", () => {
    for (const page of pages(out)) {
      const html = read(out, page);
      const policy = csp(html);
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
      expect(policy).toMatch(/connect-src 'self'(;|$)/);
      expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${crypto.createHash("sha256").update(m[1]).digest("base64")}'`);
      expect(/script-src ([^;]+)/.exec(policy)![1].split(" ")).toEqual(["'self'", ...inline]);
    }
    expect(read(out, "taskpane.html")).toContain("需要 Microsoft 365 或 Office 2021 及以上版本");
  });

  const maybe = CHROMIUM ? describe : describe.skip;
  maybe("in Chromium, served by a static server", () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveDir>>;
    beforeAll(async () => {
      site = await serveDir(out);
      browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
    }, 60000);
    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    /** Open taskpane.html; collect every request, failure and CSP violation. */
    async function open(query = "", setup?: (p: Page) => Promise<unknown>, userAgent?: string) {
      const context = await browser.newContext(userAgent ? { userAgent } : {});
      const page = await context.newPage();
      const requests: string[] = [];
      const loaded: string[] = [];
      const failures: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("requestfinished", (r) => loaded.push(r.url()));
      page.on("requestfailed", (r) => failures.push(`${r.url()} ${r.failure()?.errorText}`));
      page.on("response", (r) => r.status() >= 400 && failures.push(`${r.url()} ${r.status()}`));
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: { directive: string; blocked: string }[] };
        w.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
      });
      if (setup) await setup(page);
      await page.goto(`${site.url}/taskpane.html${query}`);
      const violations = () => page.evaluate(() => (window as unknown as { __violations: { directive: string; blocked: string }[] }).__violations);
      /** Resolves once every URL ending in one of `tails` has loaded (some load before `goto` returns). */
      const loadedAll = async (tails: string[]) => {
        for (let t = 0; t < 200 && !tails.every((tail) => loaded.some((u) => u.endsWith(tail))); t++) await page.waitForTimeout(100);
        return tails.filter((tail) => !loaded.some((u) => u.endsWith(tail)));
      };
      return { page, context, requests, failures, violations, loadedAll };
    }

    it.each([
      ["Excel on Windows", "Excel$Win32$16.01$zh-CN$$$$0", "excel-win32-16.01.js", "zh-cn"],
      ["Excel on the web", "Excel$Web$16.00$en-US$$$$0", "excel-web-16.00.js", "en-us"],
      ["Excel on Mac", "Excel$Mac$16.00$zh-CN$$$$0", "excel-mac-16.00.js", "zh-cn"],
      ["Excel on iPad", "Excel$iOS$16.00$zh-CN$$$$0", "excel-ios-16.00.js", "zh-cn"],
    ])("office.js, told it runs in %s, loads every file from the add-in's host", async (_name, hostInfo, hostFile, locale) => {
      // office.js reads the host from _host_Info, as Office passes it to the pane.
      const { page, context, requests, failures, loadedAll } = await open(`?_host_Info=${hostInfo}`);
      expect(await loadedAll([`/office-js/${locale}/office_strings.js`, `/office-js/${hostFile}`])).toEqual([]);
      await page.waitForTimeout(300);
      expect(requests.filter((u) => !u.startsWith(site.url))).toEqual([]);
      expect(failures).toEqual([]);
      await context.close();
    }, 60000);

    it("starts the pane in a current browser; the CSP blocks nothing of ours", async () => {
      const { page, context, requests, failures, violations } = await open();
      await page.getByRole("button", { name: "一键核算" }).waitFor();
      expect(await page.locator("#legacy-webview").count()).toBe(0);
      expect(requests.filter((u) => !u.startsWith(site.url))).toEqual([]);
      expect(failures.filter((f) => !f.includes("/favicon.ico"))).toEqual([]);
      // Outside Office, office.js frames Microsoft's telemetry proxy: refused, as it should be.
      for (const v of await violations()) expect(v).toEqual({ directive: "frame-src", blocked: "https://telemetryservice.firstpartyapps.oaspapps.com" });
      await context.close();
    }, 60000);

    it("refuses a request to another origin (a CSP violation) and keeps running", async () => {
      const other = await serveDir(os.tmpdir());
      const { page, context, violations } = await open();
      await page.getByRole("button", { name: "一键核算" }).waitFor();
      const outcome = await page.evaluate(async (url) => {
        try {
          await fetch(url);
          return "fetched";
        } catch {
          return "refused";
        }
      }, `${other.url.replace("127.0.0.1", "localhost")}/x`);
      expect(outcome).toBe("refused");
      expect(await violations()).toContainEqual({ directive: "connect-src", blocked: expect.stringMatching(/^http:\/\/localhost:\d+\/x$/) });
      await page.getByRole("button", { name: "一键核算" }).click();
      await page.getByRole("button", { name: "一键核算" }).waitFor();
      await context.close();
      await other.close();
    }, 60000);

    it.each([
      ["Internet Explorer 11 (document.documentMode)", async (p: Page) => p.addInitScript(() => Object.defineProperty(Document.prototype, "documentMode", { get: () => 11 })), undefined],
      ["EdgeHTML 18 (its user agent)", undefined, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045"],
      ["an engine without WeakRef", async (p: Page) => p.addInitScript(() => delete (window as { WeakRef?: unknown }).WeakRef), undefined],
    ])("in %s shows 「需要 Microsoft 365 或 Office 2021 及以上版本」 instead of a blank pane", async (_name, setup, ua) => {
      const { page, context, violations } = await open("", setup, ua);
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^需要 Microsoft 365 或 Office 2021 及以上版本\s+此版本 Office 用 Internet Explorer 或旧版 Edge 显示加载项/);
      expect(await page.locator("#container").isVisible()).toBe(false);
      // The guard ran because the CSP allows its hash, and nothing else inline.
      expect((await violations()).filter((v) => v.directive.startsWith("script-src"))).toEqual([]);
      await context.close();
    }, 60000);
  });
});
