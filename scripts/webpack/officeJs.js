/* eslint-disable no-undef */
// Where the pages load office.js from, and, for intranets (OFFICE_JS=local), which files of the
// @microsoft/office-js package the add-in serves itself.
const path = require("path");

/** Microsoft's CDN: required for Microsoft Marketplace (AppSource) and kept up to date by Microsoft.
 *  https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Folder of the local copy inside the build (office.js loads the rest relative to its own URL). */
const LOCAL_DIR = "office-js";

/**
 * What office.js requests when Excel opens the add-in, read from its loader
 * (office.debug.js, version 1.1.110): the host file
 * `excel-<platform>-<version>.js` (the version is the host's own, capped by
 * OSF.HostSpecificFileVersionMap: win32 16.01, web/mac/ios 16.00; older
 * Windows builds ask for win32 16.00), the UI strings
 * `<locale>/office_strings.js` (any locale falls back to en-us), the telemetry
 * sinks `telemetry/oteljs_agave.js` (office.js) and
 * `ariatelemetry/aria-web-telemetry.js` (host files), and
 * `o15apptofilemappingtable.js` when the page has no host (opened in a plain
 * browser). Not copied: Office 2013's `excel-15*.js` (no ExcelApi there),
 * Android and Windows RT (no Excel add-ins), the `-core` variants (never
 * requested: OSF.ConstantNames.HostFileScriptSuffix is unset), `webauth/`
 * and MSAL (only for Office.auth, which the add-in does not use).
 */
const EXCEL_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "excel-win32-16.00.js",
  "excel-win32-16.01.js",
  "excel-web-16.00.js",
  "excel-mac-16.00.js",
  "excel-ios-16.00.js",
  "zh-cn/office_strings.js",
  "en-us/office_strings.js",
  "telemetry/oteljs_agave.js",
  "ariatelemetry/aria-web-telemetry.js",
];

const PACKAGE_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** "local" serves office.js from the add-in's own host; anything else uses the CDN. */
function officeJsMode(env = {}) {
  const mode = env.officeJs || process.env.OFFICE_JS || "cdn";
  if (mode !== "local" && mode !== "cdn") throw new Error(`OFFICE_JS must be "local" or "cdn", not "${mode}"`);
  return mode;
}

/** copy-webpack-plugin patterns for the local copy. */
function localCopyPatterns() {
  return EXCEL_FILES.map((file) => ({ from: path.join(PACKAGE_DIST, file), to: `${LOCAL_DIR}/${file}`, info: { minimized: true } }));
}

module.exports = { OFFICE_JS_CDN, LOCAL_DIR, EXCEL_FILES, PACKAGE_DIST, officeJsMode, localCopyPatterns };
