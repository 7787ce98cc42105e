/* eslint-disable no-undef */
// Task pane and ribbon command bundles. Conventions follow Microsoft's
// Office-Addin-TaskPane-React template (taskpane.html, commands.html, assets/,
// manifest copied with the dev URL replaced for production). Production scripts
// are lowered to ES2020 syntax (scripts/webpack/lowerSyntax.js); webviews that
// cannot run them (IE11, EdgeHTML) get a message instead (src/pages/legacyWebview.js).
// env: harness (test harness build), out (output folder), publicUrl (where the
// add-in is hosted; else ADDIN_PUBLIC_URL), officeJs "local" | "cdn" (else OFFICE_JS).
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { addinPage, AddinPagesPlugin } = require("./scripts/webpack/addinPages");
const { LowerSyntaxPlugin } = require("./scripts/webpack/lowerSyntax");
const { rewriteManifest } = require("./scripts/webpack/manifest");
const { localCopyPatterns, officeJsMode } = require("./scripts/webpack/officeJs");
const { version } = require("./package.json");

const urlDev = "https://localhost:3000/";

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const harness = !!env.harness;
  const officeJs = officeJsMode(env);
  const urlProd = env.publicUrl || process.env.ADDIN_PUBLIC_URL || urlDev;
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // The reviewers' page 「批量核查」 (src/review); its worker is inlined by scripts/inline-worker-loader.cjs.
      review: "./src/review/index.tsx",
      // The WPS pane over the in-memory ET host (src/testing/wpsHarness), which loads src/wps/pane.tsx itself.
      ...(harness ? { harness: "./src/testing/harness/harness.ts", "wps-harness": "./src/testing/wpsHarness/wpsHarness.ts" } : {}),
    },
    output: {
      path: path.resolve(__dirname, env.out || (harness ? "dist-harness" : "dist")),
      // Names change with content, so browsers and Office never run a stale bundle; the
      // pages keep stable names because the manifest points at them.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules for tree shaking and lazy chunks; type checking is `npm run typecheck`.
            options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020" } },
          },
        },
      ],
    },
    optimization: { splitChunks: { chunks: "async" } },
    performance: { hints: false },
    plugins: [
      addinPage({ name: "taskpane", template: "./src/taskpane/taskpane.html" }),
      addinPage({ name: "commands", template: "./src/commands/commands.html", ui: false }),
      new AddinPagesPlugin({ officeJs }),
      ...(dev ? [] : [new LowerSyntaxPlugin()]),
      // The reviewers' page has its own policy and no office.js (src/review/review.html).
      new HtmlWebpackPlugin({ filename: "review.html", template: "./src/review/review.html", chunks: ["review"] }),
      ...(harness
        ? [
            new HtmlWebpackPlugin({ filename: "harness.html", template: "./src/testing/harness/harness.html", chunks: ["harness", "taskpane"], chunksSortMode: "manual" }),
            new HtmlWebpackPlugin({ filename: "wps-harness.html", template: "./src/testing/wpsHarness/wpsHarness.html", chunks: ["wps-harness"] }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform: (content) => (dev ? content : rewriteManifest(content.toString(), { baseUrl: urlProd, version })),
          },
          ...(officeJs === "local" ? localCopyPatterns() : []),
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
  return config;
};

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}
