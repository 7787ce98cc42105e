/* eslint-disable no-undef */
// The add-in's HTML pages: each gets a Content-Security-Policy, office.js (CDN or local copy)
// and its inline legacy-webview guard (the pane's message, or the ribbon command's) whose hash the
// policy allows.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation, sources } = require("webpack");
const { LOCAL_DIR, OFFICE_JS_CDN } = require("./officeJs");

/** An inline guard script as shipped: its leading comment (for us, not the browser) removed. */
const readGuard = (...parts) =>
  fs
    .readFileSync(path.join(__dirname, "..", "..", ...parts), "utf8")
    .replace(/^\/\*[\s\S]*?\*\/\s*/, "")
    .trim();
/** Pages with a UI: IE11 and EdgeHTML get a message instead of a blank pane. */
const GUARD = readGuard("src", "pages", "legacyWebview.js");
/** The ribbon's function file: there, the command still registers, says what is needed and completes. */
const COMMAND_GUARD = readGuard("src", "commands", "legacyCommand.js");
const HASHES = "__INLINE_SCRIPT_HASHES__";

/**
 * The policy. A <meta> policy cannot set frame-ancestors or report-uri (CSP3 §6.1), which is
 * why those are absent. Why each source is there:
 * - script-src: our bundles, office.js (which loads its host files from its own folder),
 *   the inline guard by hash; no 'unsafe-eval' (neither office.js 1.1.110 nor the bundle uses
 *   eval). From the CDN, also ajax.aspnetcdn.com: old Windows builds (host file excel-win32-16.00)
 *   load MicrosoftAjax.js from there; the local build cannot reach it, and does not allow it;
 * - style-src 'unsafe-inline': Fluent UI (Griffel) inserts <style> elements at run time;
 * - connect-src 'self': the add-in makes no request; office.js's telemetry beacons to
 *   *.pipe.aria.microsoft.com are refused (office.js swallows their failure);
 * - frame-src: office.js in Excel on the web frames its own AgaveErrorUX page from its folder
 *   when the web host is not one it trusts.
 */
function contentSecurityPolicy(officeJs) {
  const cdn = officeJs === "cdn";
  const office = cdn ? " https://appsforoffice.microsoft.com" : "";
  return [
    "default-src 'self'",
    `script-src 'self'${office}${cdn ? " https://ajax.aspnetcdn.com" : ""} ${HASHES}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src 'self'${office}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * One add-in page. `ui: false` for pages without a UI (the ribbon's function file, which gets the
 * command's guard); `guard` replaces the Excel guard (the WPS pages have their own);
 * `scriptLoading` as html-webpack-plugin's ("defer" unless told).
 */
function addinPage({ name, template, chunks = [name], ui = true, officeJs = true, guard = ui ? GUARD : COMMAND_GUARD, scriptLoading = "defer" }) {
  return new HtmlWebpackPlugin({ filename: `${name}.html`, template, chunks, scriptLoading, addin: { ui, officeJs, guard } });
}

const sha256 = (text) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

class AddinPagesPlugin {
  /** @param {{ officeJs: "cdn" | "local" | "none" }} options  "none": pages without office.js (WPS) */
  constructor(options) {
    this.officeJs = options.officeJs;
  }

  apply(compiler) {
    compiler.hooks.compilation.tap("AddinPagesPlugin", (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation);
      hooks.alterAssetTagGroups.tap("AddinPagesPlugin", (data) => {
        const page = data.plugin.userOptions.addin;
        if (!page) return data;
        const csp = { tagName: "meta", voidTag: true, attributes: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy(this.officeJs) } };
        const src = this.officeJs === "local" ? `${LOCAL_DIR}/office.js` : OFFICE_JS_CDN;
        // office.js must load before the page's own scripts, in <head>, synchronously.
        const office = page.officeJs ? [{ tagName: "script", voidTag: false, attributes: { src } }] : [];
        data.headTags = [csp, ...office, ...data.headTags];
        if (page.guard) data.bodyTags = [...data.bodyTags, { tagName: "script", voidTag: false, attributes: {}, innerHTML: page.guard }];
        return data;
      });
    });
    // Hash the inline scripts as finally written, after every minifier has run, so the policy
    // always matches what the browser hashes.
    compiler.hooks.thisCompilation.tap("AddinPagesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AddinPagesPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith(".html")) continue;
          const html = assets[name].source().toString();
          if (!html.includes(HASHES)) continue;
          const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
          compilation.updateAsset(name, new sources.RawSource(html.replace(` ${HASHES}`, inline.map((h) => ` ${h}`).join(""))));
        }
      });
    });
  }
}

module.exports = { addinPage, AddinPagesPlugin, contentSecurityPolicy, readGuard, GUARD, COMMAND_GUARD };
