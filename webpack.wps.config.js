/* eslint-disable no-undef */
// The WPS 表格 add-in (docs/wps-addin.md §2, §6): `npm run build:wps` writes dist-wps/, a folder
// WPS loads in online mode — ribbon.xml, manifest.xml, index.html + main.js (the ribbon's
// callbacks, a stable name: WPS's own generated index.html would load main.js too), the pane
// (taskpane.html + its bundle, no office.js) and the icons. Every script, node_modules
// included, is lowered to WPS_TARGET syntax (es2017 unless told: WPS does not document its
// webview's version), in development builds too; the inline ES5 start-up guard
// (src/wps/startupGuard.js) covers the built-ins lowering cannot supply.
// env: out (output folder), target (else WPS_TARGET).
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { addinPage, AddinPagesPlugin, readGuard } = require("./scripts/webpack/addinPages");
const { LowerSyntaxPlugin } = require("./scripts/webpack/lowerSyntax");

const DEFAULT_TARGET = "es2017";
const WPS_GUARD = readGuard("src", "wps", "startupGuard.js");

/** The esbuild target: env.target, else WPS_TARGET, else es2017 (e.g. "es2018", "chrome87"). */
function wpsTarget(env = {}) {
  const target = env.target || process.env.WPS_TARGET || DEFAULT_TARGET;
  if (!/^(es20\d\d|esnext|chrome\d+)$/.test(target)) throw new Error(`WPS_TARGET must be an esbuild target such as es2017 or chrome87, not "${target}"`);
  return target;
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      main: "./src/wps/main.ts",
      taskpane: "./src/wps/pane.tsx",
      // The 诊断 page (src/wps/diagnostics), linked from the pane.
      diagnostics: "./src/wps/diagnostics/page.tsx",
    },
    output: {
      path: path.resolve(__dirname, env.out || "dist-wps"),
      filename: (p) => (p.chunk.name === "main" || dev ? "[name].js" : "[name].[contenthash:8].js"),
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020" } } },
        },
      ],
    },
    optimization: { splitChunks: { chunks: "async" } },
    performance: { hints: false },
    plugins: [
      addinPage({ name: "taskpane", template: "./src/wps/taskpane.html", officeJs: false, guard: WPS_GUARD }),
      addinPage({ name: "diagnostics", template: "./src/wps/diagnostics/diagnostics.html", officeJs: false, guard: WPS_GUARD }),
      // main.js blocking, before the guard at the end of <body>: where the webview is too old the
      // guard's callbacks replace main.js's (or stand alone where main.js did not even parse).
      addinPage({ name: "index", template: "./src/wps/index.html", chunks: ["main"], officeJs: false, guard: WPS_GUARD, scriptLoading: "blocking" }),
      new AddinPagesPlugin({ officeJs: "none" }),
      new LowerSyntaxPlugin({ target: wpsTarget(env) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/wps/ribbon.xml", to: "[name][ext]" },
          { from: "src/wps/manifest.xml", to: "[name][ext]" },
        ],
      }),
    ],
  };
};

module.exports.wpsTarget = wpsTarget;
module.exports.DEFAULT_TARGET = DEFAULT_TARGET;
