import { spawnSync, type ChildProcess } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import * as crypto from "crypto";
import * as os from "os";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { parse } from "acorn";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./browserServer";
import { ensureBuild } from "./builds";
import { DEPLOY_MD, docBlock, replaceOnce } from "./deployDoc";
import { ROOT } from "./helpers";
import { freePort, getAs, NGINX, nginxConf, nginxTest, startNginx, stopNginx, workerAccount } from "./nginx";
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

/** `npm run package`, optionally under a umask (a hardened server's 077 makes files only their owner reads). */
function runPackage(args: string[], env: Record<string, string> = {}, umask?: string) {
  const script = path.join(ROOT, "scripts", "package.ts");
  const [cmd, argv] = umask ? ["/bin/sh", ["-c", `umask ${umask} && exec "$0" "$@"`, TSX, script, ...args]] : [TSX, [script, ...args]];
  return spawnSync(cmd, argv as string[], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 600000 });
}

/** Every folder and file under `dir` (itself included), with its permission bits. */
function modes(dir: string): { path: string; dir: boolean; mode: string }[] {
  const out = [{ path: ".", dir: true, mode: (statSync(dir).mode & 0o777).toString(8) }];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(path.join(dir, name));
    out.push({ path: name, dir: st.isDirectory(), mode: (st.mode & 0o777).toString(8) });
  }
  return out;
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

describe("docs/deploy.md's shared-folder catalog", () => {
  /** A .reg string value ("…"): inside the quotes a backslash escapes the next character. */
  const regString = (v: string) => /^"(.*)"$/.exec(v)![1].replace(/\\(.)/g, "$1");

  it("gives a .reg file Windows' regedit imports: one catalog key under HKCU, its Id the key's GUID, a UNC Url, Flags 1", () => {
    const reg = docBlock("reg").split("\n");
    expect(reg[0]).toBe("Windows Registry Editor Version 5.00");
    expect(reg[1]).toBe("");
    const key = /^\[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16\.0\\WEF\\TrustedCatalogs\\(\{[0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{12}\})\]$/.exec(reg[2]);
    expect(key).not.toBeNull();
    const values = Object.fromEntries(reg.slice(3).filter(Boolean).map((l) => /^"(\w+)"=(.*)$/.exec(l)!.slice(1)));
    expect(Object.keys(values).sort()).toEqual(["Flags", "Id", "Url"]);
    expect(regString(values.Id)).toBe(key![1]);
    // The share the steps above name (\\fileserver\addins), each backslash doubled in the file.
    expect(regString(values.Url)).toBe("\\\\fileserver\\addins");
    expect(DEPLOY_MD).toContain("`\\\\fileserver\\addins`");
    expect(values.Flags).toBe("dword:00000001");
  });

  it("gives the same key and values for Group Policy Preferences", () => {
    const guid = /TrustedCatalogs\\(\{[^}]+\})\]/.exec(docBlock("reg"))![1];
    const ps = docBlock("powershell", /Set-GPPrefRegistryValue/);
    expect(ps).toContain(`$key = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\${guid}"`);
    for (const v of [`-ValueName Id -Type String -Value "${guid}"`, "-ValueName Url -Type String -Value", "-ValueName Flags -Type DWord -Value 1"]) expect(ps).toContain(v);
  });
});

describe("npm run package -- --url … with OFFICE_JS=local", () => {
  const out = path.join(os.tmpdir(), `jixiao-package-test-${process.pid}`);
  let run: ReturnType<typeof runPackage>;

  beforeAll(() => {
    // Under umask 077, as on a hardened build machine: the folder must still be readable by the web server.
    run = runPackage(["--url", "https://addins.example.gov.cn/jixiao", "--out", out], { OFFICE_JS: "local" }, "077");
  }, 620000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("succeeds and tells IT where the folder goes", () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toContain(`已生成加载项文件夹：${out}（版本 ${pkgVersion}.0`);
    expect(run.stdout).toContain(`把整个文件夹放到 ${BASE} 所在的 HTTPS 服务器上`);
  });

  it("leaves every folder 0755 and every file 0644, office-js/ included, whatever the umask (the server's account reads them)", () => {
    const all = modes(out);
    expect(all.filter((e) => e.dir).length).toBeGreaterThanOrEqual(3);
    expect(all.filter((e) => e.mode !== (e.dir ? "755" : "644"))).toEqual([]);
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
    // The ribbon's function file has its own guard (src/commands/legacyCommand.js, test/ribbonLegacy.test.ts).
    const commandGuards = [...read(out, "commands.html").matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(commandGuards).toHaveLength(1);
    expect(commandGuards[0]).toContain("需要 Microsoft 365 或 Office 2021 及以上版本");
    expect(commandGuards[0]).toMatch(/window\.recalculate=/);
    // As minified: still ES5, as IE11 needs.
    expect(() => parse(commandGuards[0], { ecmaVersion: 5 })).not.toThrow();
  });

  it("docs/deploy.md's IIS web.config parses and keeps the manifest and every page out of the cache", () => {
    const xml = docBlock("xml", /<configuration>/);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => level !== "warning" && errors.push(msg) }).parseFromString(xml, "text/xml");
    expect(errors).toEqual([]);
    const rules = new Map<string, Record<string, string>>();
    for (const loc of Array.from(doc.getElementsByTagName("location"))) {
      const cache = loc.getElementsByTagName("clientCache")[0];
      const attrs: Record<string, string> = {};
      for (const a of Array.from(cache?.attributes ?? [])) attrs[a.name] = a.value;
      rules.set(loc.getAttribute("path") ?? "", attrs);
    }
    const uncached = [...pages(out), "manifest.xml"].sort();
    expect(uncached).toEqual(expect.arrayContaining(["review.html", "taskpane.html", "commands.html"]));
    for (const f of uncached) expect({ f, rule: rules.get(f) }).toEqual({ f, rule: { cacheControlMode: "DisableCache" } });
    // office-js/ has no content hashes: a day, as in the nginx block.
    expect(rules.get("office-js")).toEqual({ cacheControlMode: "UseMaxAge", cacheControlMaxAge: "1.00:00:00" });
  });

  if (!NGINX && process.env.CI) throw new Error("CI must install nginx (see .ci/run)");
  const viaNginx = "served by nginx with docs/deploy.md's server block and pilot certificate";
  (NGINX ? describe : describe.skip)(NGINX ? viaNginx : `${viaNginx} — SKIPPED: nginx is not installed here (apt-get install nginx)`, () => {
    let prefix: string;
    const manifestUrls = () => [...new Set([...read(out, "manifest.xml").matchAll(/\s(?!xmlns)[\w:]+="(https?:\/\/[^"]+)"|>\s*(https?:\/\/[^<\s]+)\s*</g)].map((m) => m[1] ?? m[2]))];
    let port: number;
    let conf: string;
    let ca: string;
    let nginx: ChildProcess | undefined;

    beforeAll(async () => {
      prefix = mkdtempSync(path.join(os.tmpdir(), "jixiao-nginx-"));
      // The pilot certificate exactly as documented (its SAN is what a browser checks).
      const pilot = docBlock("bash", /openssl req -x509/);
      const made = spawnSync("/bin/sh", ["-c", pilot], { cwd: prefix, encoding: "utf8" });
      if (made.status !== 0) throw new Error(`the documented openssl command failed: ${made.stderr}`);
      ca = readFileSync(path.join(prefix, "addins.example.gov.cn.crt"), "utf8");
      port = await freePort();
      let server = docBlock("nginx");
      server = replaceOnce(server, "listen 443 ssl;", `listen 127.0.0.1:${port} ssl;`);
      server = replaceOnce(server, "/etc/nginx/certs/addins.example.gov.cn.crt", path.join(prefix, "addins.example.gov.cn.crt"));
      server = replaceOnce(server, "/etc/nginx/certs/addins.example.gov.cn.key", path.join(prefix, "addins.example.gov.cn.key"));
      server = replaceOnce(server, "alias /srv/addins/jixiao/;", `alias ${out}/;`);
      conf = nginxConf(prefix, server);
    }, 60000);
    afterAll(async () => {
      await stopNginx(nginx);
      if (prefix) rmSync(prefix, { recursive: true, force: true });
    });

    it("passes nginx -t (the hashed-script regex is quoted: its braces would end the block)", () => {
      const t = nginxTest(prefix, conf);
      expect({ status: t.status, output: t.output }).toEqual({ status: 0, output: expect.stringContaining("test is successful") });
    });

    it(`answers 200 to every URL in the manifest, with its workers running as ${workerAccount().user}, the documented certificate trusted for the host name`, async () => {
      nginx = await startNginx(prefix, port);
      if (process.getuid?.() === 0) {
        const workers = spawnSync("ps", ["-o", "user=", "--ppid", String(nginx.pid)], { encoding: "utf8" }).stdout.trim().split("\n");
        expect(workers).toEqual([workerAccount().user]);
      }
      const urls = manifestUrls();
      expect(urls.length).toBeGreaterThanOrEqual(6);
      for (const u of [...urls, `${BASE}review.html`, `${BASE}manifest.xml`]) {
        const r = await getAs(u, port, ca);
        expect({ u, status: r.status }).toEqual({ u, status: 200 });
        expect(r.body.equals(readFileSync(path.join(out, new URL(u).pathname.slice("/jixiao/".length))))).toBe(true);
      }
    }, 60000);

    it("sends the documented cache rules and content types", async () => {
      nginx ??= await startNginx(prefix, port);
      const get = async (f: string) => (await getAs(`${BASE}${f}`, port, ca)).headers;
      const hashed = readdirSync(out).find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))!;
      for (const page of ["taskpane.html", "commands.html", "review.html", "manifest.xml"]) expect({ page, cache: (await get(page))["cache-control"] }).toEqual({ page, cache: "no-cache" });
      expect((await get("taskpane.html"))["content-type"]).toBe("text/html; charset=utf-8");
      expect((await get(hashed))["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await get(hashed))["content-type"]).toMatch(/^(application|text)\/javascript/);
      expect((await get("office-js/office.js"))["cache-control"]).toBe("public, max-age=86400");
      expect((await get("assets/icon-32.png"))["content-type"]).toBe("image/png");
    }, 60000);
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

    it("opened in a browser, outside Office, says so in Chinese instead of a pane whose buttons fail; the CSP blocks nothing of ours", async () => {
      const { page, context, requests, failures, violations } = await open();
      const status = page.getByRole("status");
      await status.waitFor();
      expect(await status.innerText()).toMatch(/^未在 Excel 中打开\s+这是「绩效自评核算」Excel 加载项的面板，只能在 Excel 里使用/);
      expect(await status.innerText()).toContain("说明网页文件、证书和 office.js 都已正常加载");
      expect(await page.getByRole("heading", { name: "绩效自评核算" }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "一键核算" }).count()).toBe(0);
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
      await page.getByRole("status").waitFor();
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
      expect(await page.getByRole("status").innerText()).toMatch(/^未在 Excel 中打开/);
      await context.close();
      await other.close();
    }, 60000);

    it("when the server lacks office-js/office.js (Office is not defined), names the missing file instead of a blank page", async () => {
      const { page, context } = await open("", (p) => p.route("**/office-js/office.js", (r) => r.fulfill({ status: 404, body: "" })));
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^无法加载 office\.js，面板不能运行\s+服务器没有提供 office-js\/office\.js/);
      await context.close();
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

(CHROMIUM ? describe : describe.skip)("the CDN build where Microsoft's CDN cannot be reached, in Chromium", () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveDir>>;
  beforeAll(async () => {
    site = await serveDir(await ensureBuild("production"));
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  }, 600000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("says office.js could not load and to build with OFFICE_JS=local, instead of a blank page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    page.on("console", (m) => console.push(m.text()));
    // An intranet: the CDN's address does not answer.
    await page.route("https://appsforoffice.microsoft.com/**", (r) => r.abort("addressunreachable"));
    await page.goto(`${site.url}/taskpane.html`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/^无法加载 office\.js，面板不能运行\s+这台电脑访问不了微软的 office\.js（appsforoffice\.microsoft\.com）/);
    expect(text).toContain("OFFICE_JS=local npm run package -- --url");
    expect(console.join("\n")).toContain("build with OFFICE_JS=local");
    await context.close();
  }, 60000);
});
