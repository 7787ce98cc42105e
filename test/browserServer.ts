import { promises as fs, existsSync } from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { BUILD_DIRS, ensureBuild } from "./builds";
import { fixture, loadBook, ROOT } from "./helpers";

export const HARNESS_DIR = BUILD_DIRS.harness;

/** The task pane built with the test harness (production mode, as shipped), once per test run. */
export async function buildHarness(): Promise<void> {
  await ensureBuild("harness");
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".png": "image/png", ".json": "application/json", ".xml": "text/xml" };

/** Serve the built pane (or another built folder) and fixture workbooks (as host documents) on 127.0.0.1 only. */
export async function serve(root = HARNESS_DIR): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const fx = /^\/fixtures\/([^/]+)\.json$/.exec(decodeURIComponent(u.pathname));
      if (fx) {
        const doc = documentFromExcelJS(await loadBook(fixture(fx[1])));
        res.writeHead(200, { "content-type": TYPES[".json"] });
        res.end(JSON.stringify(doc));
        return;
      }
      const file = path.join(root, path.normalize(u.pathname).replace(/^([/\\])+/, ""));
      if (!file.startsWith(root) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(await fs.readFile(file));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? null;

/** Flags for Debian's Chromium in a sandboxed CI with no network. */
export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
