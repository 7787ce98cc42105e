/**
 * browserRatio: the reviewers' page checking the 200 generated submissions in
 * headless Chromium (from the files picked to the table complete; no copies, no
 * zip) ÷ the command line checking the same files without --out (a fresh
 * process). Median of three alternating rounds. Goal ≤ 1.5.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { FIXTURES } from "../fixtures/build/catalog";

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? null;
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
/** The same submissions batchRatio uses (bench/run.ts). */
const VARIANTS = ["seed", "seed-complete", "seed-project-7548", "grade-80", "buildings", "messy-values", "layout-one-sheet", "sum-mismatch"];

/**
 * True on the first animation frame after the one in which the page says 核查完成: by then
 * the finished table has been laid out and painted once.
 */
const DRAWN = () => {
  const w = window as unknown as { seenDone?: boolean };
  if (!/^核查完成/.test(document.querySelector("[role=status]")?.textContent ?? "")) return false;
  if (w.seenDone) return true;
  w.seenDone = true;
  return false;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A static host for the built pages, on 127.0.0.1 only. */
async function serveDir(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript" });
    res.end(await fs.readFile(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function browserRatio(options: { distDir?: string; files?: number } = {}): Promise<{ ratio: number | null; pageSeconds: number | null; cliSeconds: number; files: number; note?: string }> {
  const files = options.files ?? 200;
  const dist = options.distDir ?? path.join(ROOT, "dist");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bench-review-"));
  const input = path.join(dir, "提交材料");
  await fs.mkdir(input);
  const bufs = await Promise.all(VARIANTS.map(async (v) => Buffer.from(await (await buildWorkbook(FIXTURES[v]())).xlsx.writeBuffer())));
  for (let i = 0; i < files; i++) await fs.writeFile(path.join(input, `提交-${String(i).padStart(3, "0")}.xlsx`), bufs[i % bufs.length]);

  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs")], { cwd: ROOT });
  if (!existsSync(path.join(dist, "review.html"))) execFileSync(path.join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production", "--output-path", dist], { cwd: ROOT, stdio: "ignore" });

  const cliOnce = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, "dist-cli", "main.js"), input, "--json"], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed: ${r.stderr}`);
    return (performance.now() - t) / 1000;
  };
  if (!CHROMIUM) {
    const cliSeconds = cliOnce();
    await fs.rm(dir, { recursive: true, force: true });
    return { ratio: null, pageSeconds: null, cliSeconds, files, note: "no Chromium" };
  }

  const server = await serveDir(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const pageOnce = async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/review.html`);
    await page.getByRole("button", { name: "选择文件夹" }).waitFor();
    const t = performance.now();
    await page.getByTestId("folder-input").setInputFiles(input);
    // Checked on every animation frame. Playwright's locator.waitFor polls with a backoff that
    // reaches one look every 500 ms (20, 50, 100, 100, 500, 500 … ms), which added a random
    // 0–500 ms to a run of about 2 s and was most of the spread between rounds.
    await page.waitForFunction(DRAWN, undefined, { polling: "raf", timeout: 600000 });
    const seconds = (performance.now() - t) / 1000;
    const rows = await page.locator("table[aria-label='核查结果一览'] tbody tr").count();
    if (rows < files) throw new Error(`the page's table has ${rows} rows for ${files} files`);
    await page.close();
    return seconds;
  };
  const pageTimes: number[] = [];
  const cliTimes: number[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      pageTimes.push(await pageOnce());
      cliTimes.push(cliOnce());
    }
  } finally {
    await browser.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
  const pageSeconds = median(pageTimes);
  const cliSeconds = median(cliTimes);
  return { ratio: pageSeconds / cliSeconds, pageSeconds, cliSeconds, files };
}
