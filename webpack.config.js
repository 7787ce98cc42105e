/* eslint-disable no-undef */
// Task pane and ribbon command bundles. Conventions follow Microsoft's
// Office-Addin-TaskPane-React template (taskpane.html, commands.html, assets/,
// manifest copied with the dev URL replaced for production). No legacy
// polyfills: every webview that runs ExcelApi 1.5+ add-ins is an evergreen
// Chromium (Edge WebView2) or Safari WebKit.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
const urlProd = process.env.ADDIN_PUBLIC_URL || "https://localhost:3000/";

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const harness = !!env.harness;
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // The reviewers' page 「批量核查」 (src/review); its worker is inlined by scripts/inline-worker-loader.cjs.
      review: "./src/review/index.tsx",
      ...(harness ? { harness: "./src/testing/harness/harness.ts" } : {}),
    },
    output: {
      path: path.resolve(__dirname, harness ? "dist-harness" : "dist"),
      filename: "[name].js",
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
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "review.html", template: "./src/review/review.html", chunks: ["review"] }),
      ...(harness
        ? [new HtmlWebpackPlugin({ filename: "harness.html", template: "./src/testing/harness/harness.html", chunks: ["harness", "taskpane"], chunksSortMode: "manual" })]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform: (content) => (dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd)),
          },
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
