import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { ROOT } from "./helpers";
import { docBlock, replaceOnce } from "./deployDoc";
import { freePort, getAs, NGINX, nginxConf, nginxTest, startNginx, stopNginx } from "./nginx";

/**
 * `npm run package:wps -- --url https://localhost:PORT/`, as IT would run it: the online-mode
 * folder plus jsplugins.xml and publish.xml, served over https on loopback (a self-signed
 * certificate made with openssl, trusted by the client as a clerk's machine would trust the
 * intranet's), and every URL WPS is pointed at answers 200.
 */
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const DEPLOY_WPS_MD = readFileSync(path.join(ROOT, "docs", "deploy-wps.md"), "utf8");
/** The one fenced block of docs/deploy-wps.md in a language whose text matches `which`, as IT reads it. */
const wpsDocBlock = (lang: string, which: RegExp = /[\s\S]/) => {
  const found = [...DEPLOY_WPS_MD.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang && which.test(m[2])).map((m) => m[2]);
  if (found.length !== 1) throw new Error(`docs/deploy-wps.md has ${found.length} \`\`\`${lang} blocks matching ${which}, not one`);
  return found[0];
};
const pkgVersion: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

function runPackage(args: string[], umask?: string) {
  const script = path.join(ROOT, "scripts", "packageWps.ts");
  const [cmd, argv] = umask ? ["/bin/sh", ["-c", `umask ${umask} && exec "$0" "$@"`, TSX, script, ...args]] : [TSX, [script, ...args]];
  return spawnSync(cmd, argv as string[], { cwd: ROOT, encoding: "utf8", timeout: 600000 });
}

describe("npm run package:wps refuses bad arguments before building", () => {
  it.each([
    [["--url", "ftp://intranet.example/"], /^错误：加载项地址必须以 https:\/\/ 或 http:\/\/ 开头/],
    [["--url", "不是网址"], /^错误：--url 不是有效的网址/],
    [["--url", "https://intranet.example/wps/?v=1"], /^错误：加载项地址不能带查询参数/],
    [[], /^错误：缺少 --url/],
    [["--port", "1"], /^错误：不认识的参数 --port/],
  ])("%j → exit 2 and one line of Chinese, nothing written", (args, message) => {
    const out = path.join(os.tmpdir(), `jixiao-wps-refused-${process.pid}`);
    const r = runPackage([...args, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stdout.trim()).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("takes plain http with a one-line warning (and still never deletes a folder that is not a previous package)", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jixiao-wps-notpkg-"));
    writeFileSync(path.join(out, "其他文件.txt"), "x");
    const r = runPackage(["--url", "http://intranet.example/wps", "--out", out]);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe("警告：http://intranet.example/wps/ 不是 https 地址；WPS 可以加载，但内网里传输的脚本可能被篡改，建议改用 https（见 docs/deploy-wps.md）。");
    expect(lines[1]).toMatch(/^错误：输出文件夹 .* 不是空的，也不是以前生成的 WPS 加载项文件夹/);
    expect(r.status).toBe(2);
    expect(readdirSync(out)).toEqual(["其他文件.txt"]);
    rmSync(out, { recursive: true });
  });
});

describe("docs/deploy-wps.md's blocks agree with each other and with what package:wps writes", () => {
  const url = /npm run package:wps -- --url (https:\/\/\S+)/.exec(wpsDocBlock("bash", /npm run package:wps/).split("\n").find((l) => l.startsWith("npm run package:wps")) ?? "")?.[1];

  it("oem.ini's JSPluginsServer is the packaged address's jsplugins.xml, under the [Server] section, with JsApiPlugin=true under [Support]", () => {
    expect(url).toBe("https://addins.example.gov.cn/jixiao-wps/");
    const ini = wpsDocBlock("ini");
    const sections: Record<string, Record<string, string>> = {};
    let current = "";
    for (const line of ini.split("\n").filter(Boolean)) {
      const section = /^\[(\w+)\]$/.exec(line);
      if (section) sections[(current = section[1])] = {};
      else {
        const [k, v] = line.split("=");
        sections[current][k] = v;
      }
    }
    expect(sections).toEqual({ Support: { JsApiPlugin: "true" }, Server: { JSPluginsServer: `${url}jsplugins.xml` } });
  });

  it("the nginx block serves that address's path", () => {
    const block = wpsDocBlock("nginx");
    const pathname = new URL(url!).pathname;
    expect(block).toContain(`location ${pathname} {`);
    expect(block).toContain(`location = ${pathname}main.js {`);
    expect(block).toContain(`server_name ${new URL(url!).hostname};`);
  });

  it("names the add-in's line in publish.xml as publish.xml has it", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ADDIN_NAME, publishXml } = require("../scripts/wpsPluginLists");
    expect(DEPLOY_WPS_MD).toContain(`<jspluginonline name="${ADDIN_NAME}" … />`);
    expect(publishXml(url)).toContain(`<jspluginonline name="${ADDIN_NAME}" type="et" url="${url}"`);
    expect(DEPLOY_WPS_MD).toContain(`name="${ADDIN_NAME}"`);
  });
});

describe("npm run package:wps -- --url https://localhost:PORT/", () => {
  const out = path.join(os.tmpdir(), `jixiao-wps-package-${process.pid}`);
  const certs = mkdtempSync(path.join(os.tmpdir(), "jixiao-wps-cert-"));
  let port: number;
  let base: string;
  let run: ReturnType<typeof runPackage>;
  let server: https.Server | undefined;
  let ca: string;

  beforeAll(async () => {
    port = await freePort();
    base = `https://localhost:${port}/`;
    // Under umask 077, as on a hardened build machine: the server's account must still read it all.
    run = runPackage(["--url", base.slice(0, -1), "--out", out], "077");
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], { cwd: certs, encoding: "utf8" });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    ca = readFileSync(path.join(certs, "cert.pem"), "utf8");
  }, 620000);
  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    rmSync(out, { recursive: true, force: true });
    rmSync(certs, { recursive: true, force: true });
  });

  it("succeeds and tells IT where the folder and the two lists go", () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toContain(`已生成 WPS 加载项文件夹：${out}（版本 ${pkgVersion}）`);
    expect(run.stdout).toContain(`JSPluginsServer 设为 ${base}jsplugins.xml`);
  });

  it("leaves every folder 0755 and every file 0644, whatever the umask", () => {
    const entries = [".", ...(readdirSync(out, { recursive: true }) as string[])].map((p) => ({ p, st: statSync(path.join(out, p)) }));
    expect(entries.filter((e) => (e.st.mode & 0o777) !== (e.st.isDirectory() ? 0o755 : 0o644)).map((e) => e.p)).toEqual([]);
  });

  it("writes jsplugins.xml and publish.xml naming the add-in as manifest.xml does, type et, at the address", () => {
    const entry = (f: string) => {
      const doc = new DOMParser().parseFromString(readFileSync(path.join(out, f), "utf8"), "text/xml");
      const all = Array.from(doc.getElementsByTagName("jspluginonline"));
      expect(all).toHaveLength(1);
      return Object.fromEntries(Array.from(all[0].attributes).map((a) => [a.name, a.value]));
    };
    const name = new DOMParser().parseFromString(readFileSync(path.join(out, "manifest.xml"), "utf8"), "text/xml").getElementsByTagName("Name")[0].textContent;
    expect(entry("jsplugins.xml")).toEqual({ name, type: "et", url: base, version: pkgVersion });
    expect(entry("publish.xml")).toEqual({ name, type: "et", url: base, enable: "enable", install: "null" });
  });

  it("served over https on loopback, answers 200 to every URL in jsplugins.xml and publish.xml, and to each file WPS loads", async () => {
    server = https.createServer({ key: readFileSync(path.join(certs, "key.pem")), cert: ca }, (req, res) => {
      const rel = decodeURIComponent(new URL(req.url ?? "/", base).pathname).replace(/^\/+/, "") || "index.html";
      const file = path.join(out, path.normalize(rel));
      if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((r) => server!.listen(port, "127.0.0.1", () => r()));
    expect((server.address() as AddressInfo).port).toBe(port);
    const listed = ["jsplugins.xml", "publish.xml"].flatMap((f) => [...readFileSync(path.join(out, f), "utf8").matchAll(/\burl="([^"]+)"/g)].map((m) => m[1]));
    expect(listed).toEqual([base, base]);
    const pane = readFileSync(path.join(out, "taskpane.html"), "utf8");
    const paneScripts = [...pane.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    const urls = [...listed, ...["ribbon.xml", "manifest.xml", "index.html", "main.js", "taskpane.html", "jsplugins.xml", "assets/icon-32.png", ...paneScripts].map((f) => base + f)];
    for (const u of urls) {
      const r = await getAs(u, port, ca);
      expect({ u, status: r.status }).toEqual({ u, status: 200 });
    }
    expect((await getAs(`${base}ribbon.xml`, port, ca)).body.toString("utf8").startsWith("<customUI")).toBe(true);
    expect((await getAs(base, port, ca)).body.toString("utf8")).toContain("<script src=main.js>");
    expect((await getAs(`${base}no-such-file.js`, port, ca)).status).toBe(404);
  }, 60000);

  if (!NGINX && process.env.CI) throw new Error("CI must install nginx (see .ci/run)");
  (NGINX ? describe : describe.skip)("served by nginx with docs/deploy-wps.md's server block (nginx missing: skipped)", () => {
    const HOST = "https://addins.example.gov.cn/jixiao-wps/";
    let prefix: string;
    let nginxPort: number;
    let pilotCa: string;
    let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
    beforeAll(async () => {
      prefix = mkdtempSync(path.join(os.tmpdir(), "jixiao-wps-nginx-"));
      // docs/deploy.md's pilot certificate, which docs/deploy-wps.md refers to.
      const made = spawnSync("/bin/sh", ["-c", docBlock("bash", /openssl req -x509/)], { cwd: prefix, encoding: "utf8" });
      if (made.status !== 0) throw new Error(`the documented openssl command failed: ${made.stderr}`);
      pilotCa = readFileSync(path.join(prefix, "addins.example.gov.cn.crt"), "utf8");
      nginxPort = await freePort();
      let block = wpsDocBlock("nginx");
      block = replaceOnce(block, "listen 443 ssl;", `listen 127.0.0.1:${nginxPort} ssl;`);
      block = replaceOnce(block, "/etc/nginx/certs/addins.example.gov.cn.crt", path.join(prefix, "addins.example.gov.cn.crt"));
      block = replaceOnce(block, "/etc/nginx/certs/addins.example.gov.cn.key", path.join(prefix, "addins.example.gov.cn.key"));
      block = replaceOnce(block, "alias /srv/addins/jixiao-wps/;", `alias ${out}/;`);
      const conf = nginxConf(prefix, block);
      const t = nginxTest(prefix, conf);
      if (t.status !== 0) throw new Error(`nginx -t failed: ${t.output}`);
      nginx = await startNginx(prefix, nginxPort);
    }, 60000);
    afterAll(async () => {
      await stopNginx(nginx);
      if (prefix) rmSync(prefix, { recursive: true, force: true });
    });

    it("answers 200 with the documented cache rules: lists, pages and main.js never cached, hashed scripts for a year", async () => {
      const get = (f: string) => getAs(HOST + f, nginxPort, pilotCa);
      for (const f of ["", "ribbon.xml", "manifest.xml", "index.html", "taskpane.html", "jsplugins.xml", "publish.xml", "main.js"]) {
        const r = await get(f);
        expect({ f, status: r.status, cache: r.headers["cache-control"] }).toEqual({ f, status: 200, cache: "no-cache" });
      }
      expect((await get("")).body.equals(readFileSync(path.join(out, "index.html")))).toBe(true);
      const hashed = readdirSync(out).find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))!;
      const r = await get(hashed);
      expect({ status: r.status, cache: r.headers["cache-control"] }).toEqual({ status: 200, cache: "public, max-age=31536000, immutable" });
      expect((await get("assets/icon-32.png")).headers["content-type"]).toBe("image/png");
    }, 60000);
  });
});
