import { execFileSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import { BUILD_DIRS, ensureBuild } from "./builds";
import { ROOT } from "./helpers";

/**
 * manifest.xml checked offline: `office-addin-manifest validate` posts the file
 * to an online service, so here the manifest is read locally (with the same
 * package's reader, then as XML) and every URL is resolved against a
 * production build.
 */
const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DIST = BUILD_DIRS.production;

describe("manifest.xml", () => {
  beforeAll(async () => {
    await ensureBuild("production");
  }, 300000);

  it("is read by `office-addin-manifest info` (offline): id, type, permission, host, locale", () => {
    const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "office-addin-manifest"), ["info", "manifest.xml"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    const field = (name: string) => new RegExp(`^\\s*${name}: (.*)$`, "m").exec(out)?.[1]?.trim();
    expect(field("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(field("Type")).toBe("TaskPaneApp");
    expect(field("Permissions")).toBe("ReadWriteDocument");
    expect(field("Hosts")).toBe("Workbook");
    expect(field("Default Locale")).toBe("zh-CN");
    expect(field("Name")).toBe("绩效自评核算");
    expect(field("Source Location")).toBe("https://localhost:3000/taskpane.html");
  });

  it("declares the lowest ExcelApi the add-in needs (1.5, custom XML parts for the undo journal)", () => {
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.5"\/>/);
    expect([...xml.matchAll(/<Set Name="([^"]+)"/g)].map((m) => m[1])).toEqual(["ExcelApi"]);
  });

  it("has 「一键核算」 as an ExecuteFunction on the Home tab and a button that opens the pane", () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>recalculate<\/FunctionName>/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(xml).toContain('<bt:String id="RecalculateButton.Label" DefaultValue="一键核算"/>');
    const commands = readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    expect(commands).toContain('Office.actions.associate("recalculate"');
  });

  it("resolves every icon and URL to a file of the production build", () => {
    const urls = [...new Set([...xml.matchAll(/DefaultValue="(https:\/\/localhost:3000\/[^"]+)"/g)].map((m) => m[1]))];
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const u of urls) expect({ u, exists: existsSync(path.join(DIST, new URL(u).pathname)) }).toEqual({ u, exists: true });
    for (const size of [16, 32, 80]) expect(xml).toContain(`<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`);
    // Icons are real PNGs of the size their name says.
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(path.join(DIST, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("has Chinese strings for every label and tooltip", () => {
    const strings = [...xml.matchAll(/<bt:String id="[^"]+" DefaultValue="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(strings.length).toBe(7);
    for (const s of strings) expect(s).toMatch(/[\u4e00-\u9fff]/);
  });

  it("asks only for ReadWriteDocument and makes no network request of its own", () => {
    expect([...xml.matchAll(/<Permissions>([^<]+)<\/Permissions>/g)].map((m) => m[1])).toEqual(["ReadWriteDocument"]);
    const bundles = readdirSync(DIST).filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(DIST, f), "utf8")).join("\n");
    // No fetch/XHR/WebSocket in the add-in's own code (office.js is Microsoft's, loaded by the HTML).
    expect(bundles).not.toMatch(/\bfetch\(|XMLHttpRequest|new WebSocket|sendBeacon/);
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = readFileSync(path.join(DIST, page), "utf8");
      const external = [...html.matchAll(/src="?(https?:[^" >]+)/g)].map((m) => m[1]);
      expect(external).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    }
  });

  it("loads office.js from Microsoft's CDN by default (required for Microsoft Marketplace), allowed by the pages' CSP", () => {
    expect(existsSync(path.join(DIST, "office-js"))).toBe(false);
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = readFileSync(path.join(DIST, page), "utf8");
      const policy = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com https:\/\/ajax\.aspnetcdn\.com( 'sha256-[A-Za-z0-9+/=]+')*;/);
      expect(policy).toMatch(/connect-src 'self';/);
    }
  });

  it("ships the manifest with the Version of package.json", () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
    expect(readFileSync(path.join(DIST, "manifest.xml"), "utf8")).toContain(`<Version>${version}.0</Version>`);
    // The source manifest is kept in step, so a sideloaded dev build reports the same version.
    expect(xml).toContain(`<Version>${version}.0</Version>`);
  });
});
