/**
 * Issue 10's file speed goals, measured in one run (contract F):
 * - batchRatio: the bundled CLI with --out over 200 generated submissions ÷
 *   ExcelJS merely reading and writing the same files (goal ≤ 0.5);
 * - floorRatio: the CLI's time ÷ a fresh process that unzips and inflates
 *   every part of the same files with fflate (goal ≤ 10, aiming at 6);
 * - peak memory (max RSS) of the CLI's 200-file run.
 * Each figure is the median of three alternating rounds.
 */
import { execFileSync, spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { FIXTURES } from "../fixtures/build/catalog";

const ROOT = path.resolve(__dirname, "..");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface FileRatios {
  files: number;
  cliSeconds: number;
  excelJsSeconds: number;
  floorSeconds: number;
  batchRatio: number;
  floorRatio: number;
  peakRssMb: number;
  goals: { batchRatio: number; floorRatio: number };
}

export async function fileRatios(): Promise<FileRatios> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bench-files-"));
  const input = path.join(dir, "in");
  await fs.mkdir(input);
  const variants = ["seed", "seed-complete", "seed-project-7548", "grade-80", "buildings", "messy-values", "layout-one-sheet", "sum-mismatch"];
  const bufs = await Promise.all(variants.map(async (v) => Buffer.from(await (await buildWorkbook(FIXTURES[v]())).xlsx.writeBuffer())));
  const files = 200;
  for (let i = 0; i < files; i++) await fs.writeFile(path.join(input, `提交-${String(i).padStart(3, "0")}.xlsx`), bufs[i % bufs.length]);

  const baseline = path.join(dir, "baseline.js");
  await fs.writeFile(
    baseline,
    `const ExcelJS = require(${JSON.stringify(require.resolve("exceljs"))});
const fs = require("fs"), path = require("path");
(async () => {
  const [input, out] = process.argv.slice(2);
  fs.mkdirSync(out, { recursive: true });
  for (const f of fs.readdirSync(input).sort()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(input, f)));
    await wb.xlsx.writeFile(path.join(out, f));
  }
})();`,
  );
  const floor = path.join(dir, "floor.js");
  await fs.writeFile(
    floor,
    `const { unzipSync } = require(${JSON.stringify(require.resolve("fflate"))});
const fs = require("fs"), path = require("path");
const input = process.argv[2];
let bytes = 0;
for (const f of fs.readdirSync(input).sort()) for (const d of Object.values(unzipSync(fs.readFileSync(path.join(input, f))))) bytes += d.length;
if (!bytes) process.exit(3);`,
  );
  const time = (args: string[], env: Record<string, string> = {}) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env: { ...process.env, ...env } });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args[0]} failed: ${r.stderr}`);
    return { seconds: (performance.now() - t) / 1000, stderr: r.stderr };
  };
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs")], { cwd: ROOT });
  const base: number[] = [], cli: number[] = [], fl: number[] = [], rss: number[] = [];
  for (let round = 0; round < 3; round++) {
    base.push(time([baseline, input, path.join(dir, "base-out")]).seconds);
    fl.push(time([floor, input]).seconds);
    const c = time([path.join(ROOT, "dist-cli", "main.js"), input, "--json", "--out", path.join(dir, "cli-out")], { JIXIAO_REPORT_RSS: "1" });
    cli.push(c.seconds);
    const m = /\[rss\] (\d+)/.exec(c.stderr);
    if (m) rss.push(Number(m[1]) / 1024);
  }
  await fs.rm(dir, { recursive: true, force: true });
  const cliSeconds = median(cli), excelJsSeconds = median(base), floorSeconds = median(fl);
  return {
    files,
    cliSeconds: Math.round(cliSeconds * 100) / 100,
    excelJsSeconds: Math.round(excelJsSeconds * 100) / 100,
    floorSeconds: Math.round(floorSeconds * 100) / 100,
    batchRatio: Math.round((cliSeconds / excelJsSeconds) * 100) / 100,
    floorRatio: Math.round((cliSeconds / floorSeconds) * 10) / 10,
    peakRssMb: rss.length ? Math.round(median(rss)) : -1,
    goals: { batchRatio: 0.5, floorRatio: 10 },
  };
}

if (require.main === module) fileRatios().then((r) => console.log(JSON.stringify(r, null, 2)));
