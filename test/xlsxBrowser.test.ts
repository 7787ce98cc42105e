import * as path from "path";
import { build, stop } from "esbuild";
import { builtinModules } from "module";
import { ROOT } from "./helpers";

/**
 * The adapter's core runs in a browser (the reviewers' page, a Web Worker):
 * bundled for the browser, it must pull in no Node built-in.
 */
describe("src/adapters/xlsx in a browser", () => {
  // esbuild's service would keep jest alive after the run.
  afterAll(() => stop());

  it("bundles for platform browser with no Node built-in", async () => {
    const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const pulled: string[] = [];
    const result = await build({
      entryPoints: [path.join(ROOT, "src/adapters/xlsx/index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      plugins: [
        {
          name: "no-node-builtins",
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (nodeBuiltins.has(args.path)) pulled.push(`${args.path} (from ${path.relative(ROOT, args.importer)})`);
              return undefined;
            });
          },
        },
      ],
    });
    expect(pulled).toEqual([]);
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((i) => i.includes("fflate"))).toBe(true);
    expect(inputs.some((i) => i.includes("saxes"))).toBe(true);
    expect(inputs.filter((i) => i.includes("src/adapters/xlsx/node.ts"))).toEqual([]);
  });
});
