import * as path from "path";
import * as esbuild from "esbuild";
import webpack from "webpack";

/**
 * A production build through webpack's Node API (the same webpack.config.js as
 * `npm run build`, or webpack.wps.config.js as `npm run build:wps`), quiet unless it fails.
 * Shared by `npm run package`, `npm run package:wps` and `npm run try`.
 */
export async function buildAddin(env: Record<string, string | boolean>, configFile = "webpack.config.js"): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(__dirname, "..", configFile));
  const config = { ...(await makeConfig(env, { mode: "production" })), mode: "production" as const };
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, s) => compiler.close(() => (err || !s ? reject(err ?? new Error("webpack gave no stats")) : resolve(s))));
  });
  // The worker loader starts esbuild's long-lived service; stop it, or it keeps the calling
  // process (a test run, `npm run package`) alive after the build.
  await esbuild.stop();
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
}
