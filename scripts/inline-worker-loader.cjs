// webpack loader: bundles a Web Worker's entry with esbuild and hands it to the page as a
// string, which the page starts from a blob URL. A worker from a separate file would be
// refused when the page is opened straight from disk (file://); a blob URL is not.
const path = require("path");
const { build } = require("esbuild");

module.exports = function inlineWorkerLoader() {
  const done = this.async();
  build({
    entryPoints: [this.resourcePath],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: this.mode === "production",
    metafile: true,
    logLevel: "error",
    define: { "process.env.NODE_ENV": JSON.stringify(this.mode === "production" ? "production" : "development") },
  }).then(
    (r) => {
      for (const input of Object.keys(r.metafile.inputs)) this.addDependency(path.resolve(input));
      done(null, `export default ${JSON.stringify(r.outputFiles[0].text)};`);
    },
    (e) => done(e),
  );
};
