import { existsSync, promises as fs } from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import ExcelJS from "exceljs";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { buildAddin } from "./build";

/**
 * npm run try [-- workbook.xlsx] [--wps] [--port N] [--out DIR] [--no-build]
 * The task pane, built as shipped, on the in-memory Excel host (src/testing/excelHost) in any
 * browser: no Excel, no certificate, nothing leaves the machine (it listens on loopback only).
 * With --wps, the WPS pane (src/wps/pane.tsx) on the in-memory WPS 表格 host (src/testing/etHost),
 * through the WPS harness (src/testing/wpsHarness), and the 诊断 page beside it.
 * The workbook (by default the sample) is opened into the host and drawn beside the pane (values,
 * fills, notes, 「核查结果」, the selection), redrawn after every action; edits stay in the browser.
 */
const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "examples", "2023-绥宁县信访局-自评表.xlsx");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".xml": "text/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  const o = { workbook: SAMPLE, port: 3001, out: path.join(ROOT, "dist-harness"), build: true, wps: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--port") o.port = Number(value());
    else if (flag === "--out") o.out = path.resolve(value());
    else if (flag === "--no-build") o.build = false;
    else if (flag === "--wps") o.wps = true;
    else if (!flag.startsWith("--")) o.workbook = path.resolve(flag);
    else throw new UsageError(`错误：不认识的参数 ${argv[i]}；用法：npm run try -- [工作簿.xlsx] [--wps] [--port 端口]`);
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new UsageError(`错误：端口应是 0–65535 的整数，而不是 ${o.port}`);
  if (!existsSync(o.workbook)) throw new UsageError(`错误：找不到工作簿 ${o.workbook}`);
  return o;
}

/** What is served for each program: the harness page, and how the address line names the host. */
const PROGRAMS = {
  excel: { page: "harness.html", host: "内存中的 Excel" },
  wps: { page: "wps-harness.html", host: "内存中的 WPS 表格" },
} as const;

async function serve(dir: string, workbook: string, port: number, page: string): Promise<http.Server> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(workbook);
  } catch (e) {
    throw new UsageError(`错误：无法打开工作簿 ${workbook}（${(e as Error).message}）`);
  }
  const doc = JSON.stringify(documentFromExcelJS(wb));
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? "/", "http://localhost");
      const pathname = decodeURIComponent(u.pathname);
      if (pathname === "/") {
        // sheets=1: the workbook beside the pane (src/testing/harness/workbookView.ts).
        res.writeHead(302, { location: `/${page}?fixture=workbook&sheets=1` }).end();
        return;
      }
      // The harness asks for /fixtures/<name>.json; there is one workbook here.
      if (pathname === "/fixtures/workbook.json") {
        res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" }).end(doc);
        return;
      }
      const file = path.join(dir, path.normalize(pathname).replace(/^([/\\])+/, ""));
      if (!file.startsWith(dir + path.sep) || !existsSync(file) || !(await fs.stat(file)).isFile()) {
        res.writeHead(404, { "content-type": TYPES[".txt"] }).end("未找到");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(await fs.readFile(file));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" ? new UsageError(`错误：端口 ${port} 已被占用；换一个：npm run try -- --port 3002`) : e),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) {
    console.log("正在构建核算面板（首次约需一分钟）……");
    await buildAddin({ harness: true, out: o.out });
  }
  const program = PROGRAMS[o.wps ? "wps" : "excel"];
  if (!existsSync(path.join(o.out, program.page))) throw new UsageError(`错误：${o.out} 里没有构建好的面板；去掉 --no-build 再试`);
  const server = await serve(o.out, o.workbook, o.port, program.page);
  const url = `http://localhost:${(server.address() as AddressInfo).port}/`;
  console.log(`核算面板已在 ${url} 运行（${program.host}，工作簿：${path.relative(process.cwd(), o.workbook) || o.workbook}）。`);
  if (o.wps) console.log(`诊断页面：${url}${program.page}?fixture=workbook&page=diagnostics`);
  const review = existsSync(path.join(o.out, "review.html"));
  if (review) console.log(`审阅页面：${url}review.html`);
  console.log("用任意浏览器打开上面的地址；所有改动只在浏览器里，不会写回文件。按 Ctrl+C 停止。");
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof UsageError ? e.message : `错误：无法启动（could not start）：${String(e)}`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
});
