/**
 * `npm run bench` (or `npm run --silent bench -- --json`): the speed goals,
 * measured in one run on this machine. Benchmarks report; they never fail.
 */
import { execFileSync, spawnSync } from "child_process";
import { promises as fs, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import ExcelJS from "exceljs";
import { recalculate } from "../src/adapters/office/recalculate";
import { openWorkbook } from "../src/adapters/office/readWorkbook";
import { workbookSnapshot } from "../src/adapters/exceljs/readSnapshot";
import { checkWorkbook } from "../src/engine/check";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { ExcelHost } from "../src/testing/excelHost/host";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { FIXTURES } from "../fixtures/build/catalog";
import type { WorkbookSpec } from "../fixtures/build/spec";
import { largeWorkbook } from "./largeWorkbook";
import { payloadBytes } from "./payload";

const ROOT = path.resolve(__dirname, "..");
const json = process.argv.includes("--json");
const log = (s: string) => {
  if (!json) process.stderr.write(`${s}\n`);
};

async function recalcInHost(spec: WorkbookSpec) {
  const host = new ExcelHost(documentFromExcelJS(await buildWorkbook(spec)));
  host.cellsRead = 0;
  host.cellsWritten = 0;
  const api = { run: (o: Excel.RunOptions | null, b: (c: Excel.RequestContext) => Promise<unknown>) => (o ? host.run(o, b as never) : host.run(b as never)), isSetSupported: (n: string, v: string) => host.isSetSupported(n, v) } as never;
  // As the pane does: its shape is known from opening, so a recalculation reads in one batch.
  const { shape } = await openWorkbook(api);
  host.syncs = 0;
  await recalculate(api, { shape });
  return { syncs: host.syncs, read: host.cellsRead, written: host.cellsWritten };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function engineMs(): Promise<number> {
  const snap = workbookSnapshot(await buildWorkbook(FIXTURES.seed()));
  for (let i = 0; i < 50; i++) checkWorkbook(snap); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    checkWorkbook(snap);
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The CLI on 200 submissions (with --out) against ExcelJS alone reading and writing the same files. */
async function batchRatio(): Promise<{ ratio: number; cliSeconds: number; excelJsSeconds: number; files: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bench-"));
  const input = path.join(dir, "in");
  await fs.mkdir(input);
  const variants = ["seed", "seed-complete", "seed-project-7548", "grade-80", "buildings", "messy-values", "layout-one-sheet", "sum-mismatch"];
  const bufs = await Promise.all(variants.map(async (v) => Buffer.from(await (await buildWorkbook(FIXTURES[v]())).xlsx.writeBuffer())));
  const files = 200;
  for (let i = 0; i < files; i++) await fs.writeFile(path.join(input, `提交-${String(i).padStart(3, "0")}.xlsx`), bufs[i % bufs.length]);

  const baselineScript = path.join(dir, "baseline.js");
  await fs.writeFile(
    baselineScript,
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
  const time = (cmd: string, args: string[]) => {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed: ${r.stderr}`);
    return (performance.now() - t) / 1000;
  };
  // As `npm run check` runs it: the bundled CLI (built just before). Three alternating rounds, medians.
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs")], { cwd: ROOT });
  const base: number[] = [];
  const cli: number[] = [];
  for (let round = 0; round < 3; round++) {
    base.push(time(process.execPath, [baselineScript, input, path.join(dir, "base-out")]));
    cli.push(time(process.execPath, [path.join(ROOT, "dist-cli", "main.js"), input, "--json", "--out", path.join(dir, "cli-out")]));
  }
  const excelJsSeconds = median(base);
  const cliSeconds = median(cli);
  await fs.rm(dir, { recursive: true, force: true });
  return { ratio: cliSeconds / excelJsSeconds, cliSeconds, excelJsSeconds, files };
}

/** Gzipped JavaScript the pane loads before its first paint (office.js excluded), production build. */
function bundleKb(): { kb: number; files: Record<string, number> } {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production"], { cwd: ROOT, stdio: "ignore" });
  const html = readFileSync(path.join(ROOT, "dist", "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const files: Record<string, number> = {};
  for (const s of scripts) files[s] = Math.round((gzipSync(readFileSync(path.join(ROOT, "dist", s)), { level: 9 }).length / 1024) * 10) / 10;
  return { kb: Math.round(Object.values(files).reduce((a, b) => a + b, 0) * 10) / 10, files };
}

async function main() {
  log("syncs and payload in the in-memory Excel host …");
  const seed = await recalcInHost(FIXTURES.seed());
  const large = await recalcInHost(largeWorkbook(50));
  log("request and response bytes (Excel on the web: 5 MB) …");
  const payload = await payloadBytes();
  log("engine time …");
  const ms = await engineMs();
  log("200 submissions: CLI vs ExcelJS alone …");
  const batch = await batchRatio();
  log("production build …");
  const bundle = bundleKb();

  const result = {
    machine: { cpus: os.cpus().length, node: process.version },
    syncs: { seed: seed.syncs, large: large.syncs, goal: 2 },
    payloadCells: { seed: { read: seed.read, written: seed.written }, large: { read: large.read, written: large.written } },
    payloadBytes: payload,
    engineMs: { median: Math.round(ms * 1000) / 1000, runs: 300, goal: 2 },
    batchRatio: { ratio: Math.round(batch.ratio * 100) / 100, cliSeconds: Math.round(batch.cliSeconds * 10) / 10, excelJsSeconds: Math.round(batch.excelJsSeconds * 10) / 10, files: batch.files, goal: 1.3 },
    bundleKb: { total: bundle.kb, files: bundle.files, goal: 170 },
  };
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    return;
  }
  const ok = (b: boolean) => (b ? "✓" : "✗");
  const kb = (n: number) => (n / 1024).toFixed(1);
  const rows = [
    ["syncs (seed / 50× workbook)", `${seed.syncs} / ${large.syncs}`, "2 (seed)", ok(seed.syncs <= 2)],
    ["payloadCells read (seed / 50×)", `${seed.read} / ${large.read}`, "used ranges only", ""],
    ["payloadCells written (seed / 50×)", `${seed.written} / ${large.written}`, "planned cells only", ""],
    ["payloadBytes max request (seed / 50×, kB)", `${kb(payload.seed.maxRequest)} / ${kb(payload.large.maxRequest)}`, "< 5120", ok(payload.large.maxRequest < payload.limit)],
    ["payloadBytes max response (seed / 50×, kB)", `${kb(payload.seed.maxResponse)} / ${kb(payload.large.maxResponse)}`, "< 5120", ok(payload.large.maxResponse < payload.limit)],
    ["syncs from the ribbon (seed / 50×)", `${payload.seed.coldSyncs} / ${payload.large.coldSyncs}`, "", ""],
    ["engineMs (median of 300, seed)", `${result.engineMs.median}`, "< 2", ok(ms < 2)],
    [`batchRatio (${batch.files} files, CLI ${result.batchRatio.cliSeconds}s / ExcelJS ${result.batchRatio.excelJsSeconds}s)`, `${result.batchRatio.ratio}`, "≤ 1.3", ok(batch.ratio <= 1.3)],
    [`bundleKb (gzip, before first paint)`, `${bundle.kb}`, "≤ 170", ok(bundle.kb <= 170)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`benchmarks on ${result.machine.cpus} cores, node ${result.machine.node}`);
  for (const [name, value, goal, mark] of rows) console.log(`${name.padEnd(w)}  ${value.padStart(14)}   goal ${goal} ${mark}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
void ExcelJS;
