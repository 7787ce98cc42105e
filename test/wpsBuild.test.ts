import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import * as crypto from "crypto";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { parse, type ecmaVersion } from "acorn";
import { DOMParser } from "@xmldom/xmldom";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./browserServer";
import { serveDir } from "./staticServer";
import { buildAddin } from "../scripts/build";
import { checkLine } from "../src/commands/messages";
import { NOT_IN_WPS } from "../src/wps/ribbon";
import { ROOT } from "./helpers";
import { runGuard } from "./wpsGuardRealm";
import { openInEt } from "./wpsHelpers";

/**
 * `npm run build:wps` (webpack.wps.config.js, production), built once: what WPS loads from
 * dist-wps/ — every script parses at the target, no office.js, ribbon.xml as WPS wants it, every
 * callback it names a plain global of main.js, and the ES5 guard on both pages covering the
 * built-ins the bundles use.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULT_TARGET, wpsTarget } = require("../webpack.wps.config.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OFFICE_JS_CDN } = require("../scripts/webpack/officeJs");

const out = mkdtempSync(path.join(os.tmpdir(), "jixiao-wps-build-"));
const read = (f: string) => readFileSync(path.join(out, f), "utf8");
const scripts = () => readdirSync(out).filter((f) => f.endsWith(".js"));
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const scriptSrcs = (html: string) => [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
const pageBundle = (page: string) => scriptSrcs(read(page)).map(read).join("\n");

beforeAll(async () => {
  await buildAddin({ out }, "webpack.wps.config.js");
}, 600000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run build:wps", () => {
  it("writes the add-in folder WPS loads: ribbon.xml, manifest.xml, index.html + main.js, the pane, the icons", () => {
    for (const f of ["ribbon.xml", "manifest.xml", "index.html", "main.js", "taskpane.html", "assets/icon-32.png", "assets/icon-16.png"]) expect({ f, there: existsSync(path.join(out, f)) }).toEqual({ f, there: true });
    expect(scriptSrcs(read("index.html"))).toEqual(["main.js"]);
    const pane = scriptSrcs(read("taskpane.html"));
    expect(pane).toHaveLength(1);
    expect(pane[0]).toMatch(/^taskpane\.[0-9a-f]{8}\.js$/);
    expect(existsSync(path.join(out, pane[0]))).toBe(true);
  });

  it(`lowers every script, node_modules included, to ${DEFAULT_TARGET}: each parses at that version`, () => {
    expect(DEFAULT_TARGET).toBe("es2017");
    const version = Number(DEFAULT_TARGET.slice(2)) as ecmaVersion;
    expect(scripts().length).toBeGreaterThanOrEqual(3);
    for (const f of scripts()) expect({ f, error: tryParse(read(f), version) }).toEqual({ f, error: null });
  });

  it("WPS_TARGET chooses another esbuild target, and nonsense is refused", () => {
    const was = process.env.WPS_TARGET;
    try {
      process.env.WPS_TARGET = "chrome87";
      expect(wpsTarget()).toBe("chrome87");
      delete process.env.WPS_TARGET;
      expect(wpsTarget()).toBe("es2017");
      expect(wpsTarget({ target: "es2019" })).toBe("es2019");
      expect(() => wpsTarget({ target: "ie11; rm -rf" })).toThrow(/WPS_TARGET must be an esbuild target/);
    } finally {
      if (was === undefined) delete process.env.WPS_TARGET;
      else process.env.WPS_TARGET = was;
    }
  });

  it("loads no office.js: no page asks for it, no file names Microsoft's CDN copy, no office-js/ folder", () => {
    for (const page of ["index.html", "taskpane.html"]) {
      expect(scriptSrcs(read(page)).filter((s) => /office/i.test(s))).toEqual([]);
      expect(read(page)).not.toMatch(/https?:\/\//);
    }
    for (const f of readdirSync(out)) if (/\.(js|html|xml)$/.test(f)) expect({ f, cdn: read(f).includes(OFFICE_JS_CDN) }).toEqual({ f, cdn: false });
    expect(existsSync(path.join(out, "office-js"))).toBe(false);
  });

  it("ships ribbon.xml starting with <customUI, and manifest.xml as a JsPlugin with a Name", () => {
    expect(read("ribbon.xml").startsWith("<customUI")).toBe(true);
    expect(read("ribbon.xml")).toBe(readFileSync(path.join(ROOT, "src", "wps", "ribbon.xml"), "utf8"));
    const manifest = new DOMParser().parseFromString(read("manifest.xml"), "text/xml").documentElement!;
    expect(manifest.tagName).toBe("JsPlugin");
    expect(manifest.getElementsByTagName("Name")[0]?.textContent).toBe("jixiao-checker");
    expect(manifest.getElementsByTagName("ApiVersion")[0]?.textContent).toBe("1.0.0");
  });

  describe("main.js, evaluated as WPS would load it (a fresh realm with window, location and alert)", () => {
    const callbacks = () => {
      const doc = new DOMParser().parseFromString(read("ribbon.xml"), "text/xml");
      const names = new Set<string>();
      for (const el of Array.from(doc.getElementsByTagName("*"))) for (const a of Array.from(el.attributes)) if (/^(on[A-Z]|get[A-Z])/.test(a.name)) names.add(a.value);
      return [...names];
    };

    function loadMain(wps?: unknown) {
      const alerts: string[] = [];
      const timers: (() => void)[] = [];
      const realm = vm.createContext({
        location: { href: "https://addins.example.gov.cn/jixiao-wps/index.html" },
        alert: (t: string) => alerts.push(t),
        setTimeout: (f: () => void) => timers.push(f),
        console: { error: () => undefined, warn: () => undefined, log: () => undefined },
        URL,
        ...(wps ? { wps } : {}),
      });
      vm.runInContext("var window = this, self = this;", realm);
      vm.runInContext(read("main.js"), realm, { filename: "main.js" });
      const g = realm as Record<string, unknown>;
      const flush = async () => {
        while (timers.length) timers.shift()!();
        for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      };
      return { g, alerts, flush, asyncName: vm.runInContext("(async function () {}).constructor.name", realm) as string };
    }

    it("defines every callback ribbon.xml names as a plain global and as ribbon.*, none async", () => {
      const names = callbacks();
      expect(names.sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
      const { g, asyncName } = loadMain();
      expect(asyncName).toBe("AsyncFunction");
      const ribbon = g.ribbon as Record<string, unknown>;
      for (const n of names) {
        for (const f of [g[n], ribbon[n]]) {
          expect({ n, type: typeof f }).toEqual({ n, type: "function" });
          expect({ n, kind: (f as () => void).constructor.name }).toEqual({ n, kind: "Function" });
        }
      }
    });

    it("outside WPS, a button says so in Chinese", () => {
      const { g, alerts } = loadMain();
      expect((g.OnAction as (c: { Id: string }) => boolean)({ Id: "btnRecalculate" })).toBe(true);
      expect(alerts).toEqual([NOT_IN_WPS]);
    });

    it("inside WPS (the in-memory ET host as window.wps), 只检查 runs after the callback returns and tells the counts", async () => {
      const et = await openInEt("seed");
      const { g, alerts, flush } = loadMain(et.root);
      expect((g.OnAction as (c: { Id: string }) => boolean)({ Id: "btnCheckOnly" })).toBe(true);
      expect(et.calls).toBe(0);
      await flush();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatch(/^检查完成（未修改工作簿）/);
      expect(alerts[0]).toBe(checkLine(...(counts(alerts[0]) as [number, number])));
      expect(et.calls).toBeGreaterThan(0);
      expect(et.writes).toBe(0);
    });
  });

  describe("the ES5 start-up guard, as the pages inline it", () => {
    const guardOf = (page: string) => {
      const inline = inlineScripts(read(page));
      expect(inline).toHaveLength(1);
      return inline[0];
    };

    it("is on both pages, after main.js on index.html and before the deferred pane bundle runs", () => {
      const index = read("index.html");
      expect(index.indexOf('<script src=main.js></script>')).toBeGreaterThan(-1);
      expect(index.indexOf("<script src=main.js>")).toBeLessThan(index.indexOf(guardOf("index.html")));
      expect(read("taskpane.html")).toMatch(/<script defer(="defer")? src="?taskpane\./);
      expect(guardOf("taskpane.html")).toBe(guardOf("index.html"));
    });

    it("parses as ES5, and the page's policy allows exactly it by hash", () => {
      for (const page of ["index.html", "taskpane.html"]) {
        const guard = guardOf(page);
        expect(tryParse(guard, 5)).toBeNull();
        const policy = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(read(page))![1];
        const hash = `'sha256-${crypto.createHash("sha256").update(guard).digest("base64")}'`;
        expect(/script-src ([^;]+)/.exec(policy)![1].split(" ")).toEqual(["'self'", hash]);
        expect(policy).not.toMatch(/unsafe-eval|https?:/);
      }
    });

    /**
     * Built-ins a webview may lack that lowering cannot supply, and how a bundle uses them
     * (the ones a bundle only feature-tests, like queueMicrotask or globalThis, are not here).
     */
    const BUILT_INS: [string, RegExp][] = [
      ["WeakRef", /new WeakRef\(/],
      ["Object.fromEntries", /Object\.fromEntries\(/],
      ["Array.prototype.flatMap", /\.flatMap\(/],
      ["String.prototype.matchAll", /\.matchAll\(/],
      ["String.prototype.replaceAll", /\.replaceAll\(/],
      ["Array.prototype.flat", /\.flat\(\)/],
      ["Promise.allSettled", /Promise\.allSettled\(/],
      ["Promise.any", /Promise\.any\(/],
      ["Object.hasOwn", /Object\.hasOwn\(/],
      ["structuredClone", /[^.\w]structuredClone\(/],
      ["FinalizationRegistry", /new FinalizationRegistry\(/],
    ];

    it.each([
      ["taskpane.html", true],
      ["index.html", false],
    ])("on %s, takes every such built-in its bundle uses: without it, the Chinese message", (page, pane) => {
      const code = pageBundle(page);
      const used = BUILT_INS.filter(([, use]) => use.test(code)).map(([name]) => name);
      expect(used.length).toBeGreaterThanOrEqual(pane ? 4 : 3);
      expect(runGuard({ pane, source: guardOf(page) }).errors).toEqual([]);
      for (const name of used) {
        const r = runGuard({ pane, source: guardOf(page), remove: [name] });
        expect({ name, said: r.errors.join("") }).toEqual({ name, said: expect.stringContaining(name) });
      }
    });
  });
});

(CHROMIUM ? describe : describe.skip)("dist-wps in Chromium, served by a static server (IT's first check in a browser)", () => {
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

  async function open(page: string, setup?: () => void) {
    const context = await browser.newContext();
    const p = await context.newPage();
    const problems: string[] = [];
    p.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
    p.on("requestfailed", (r) => problems.push(`failed ${r.url()}`));
    p.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()} ${r.url()}`));
    // A failed load is reported above with its URL (the browser's own favicon.ico request aside).
    p.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(`console ${m.text()}`));
    const requests: string[] = [];
    p.on("request", (r) => requests.push(r.url()));
    if (setup) await p.addInitScript(setup);
    await p.goto(`${site.url}/${page}`);
    return { p, context, problems, requests };
  }

  it("the pane, outside WPS, says 「未在 WPS 表格中打开」: the lowered bundle runs under the page's CSP and asks for nothing elsewhere", async () => {
    const { p, context, problems, requests } = await open("taskpane.html");
    const status = p.getByRole("status");
    await status.waitFor();
    expect(await status.innerText()).toMatch(/^未在 WPS 表格中打开/);
    expect(await p.locator("#legacy-webview").count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(site.url))).toEqual([]);
    await context.close();
  }, 60000);

  it("the pane in a webview without WeakRef shows the guard's Chinese message instead of a blank page", async () => {
    const { p, context } = await open("taskpane.html", () => delete (window as { WeakRef?: unknown }).WeakRef);
    const alert = p.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^此版本 WPS 表格无法运行「绩效自评核算」\s+WPS 自带的网页组件版本过旧，缺少 WeakRef/);
    expect(await p.locator("#container").isVisible()).toBe(false);
    await context.close();
  }, 60000);

  it("index.html defines the ribbon's callbacks as globals, plain functions", async () => {
    const { p, context, problems } = await open("index.html");
    const kinds = await p.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { ribbon: Record<string, unknown> };
      return ["OnAddinLoad", "OnAction", "GetImage"].map((n) => [typeof w[n], (w[n] as () => void).constructor.name, w.ribbon[n] === w[n]]);
    });
    expect(kinds).toEqual([["function", "Function", true], ["function", "Function", true], ["function", "Function", true]]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60000);
});

function tryParse(code: string, ecmaVersion: ecmaVersion): string | null {
  try {
    parse(code, { ecmaVersion, sourceType: "script" });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The two counts a checkLine gives, read back from it. */
function counts(line: string): number[] {
  const m = /发现错误 (\d+) 项、警告 (\d+) 项/.exec(line);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}
