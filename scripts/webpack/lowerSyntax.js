/* eslint-disable no-undef */
// Lowers every emitted script to ES2020 syntax. Our code is compiled to ES2020, but Fluent UI's
// dependencies (tabster) ship ES2022 class static blocks and ES2021 `??=`, which Safari before
// 16.4 cannot parse: the pane would be blank on an older Mac. esbuild rewrites only syntax;
// the APIs the bundle needs (WeakRef, replaceAll) are what src/pages/legacyWebview.js tests.
const esbuild = require("esbuild");
const { Compilation, sources } = require("webpack");

const TARGET = "es2020";

class LowerSyntaxPlugin {
  /** @param {{ target?: string }} options  an esbuild target ("es2017"); ES2020 unless told */
  constructor(options = {}) {
    this.target = options.target || TARGET;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LowerSyntaxPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "LowerSyntaxPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!/\.js$/.test(name)) continue;
          const info = compilation.assetsInfo.get(name);
          if (info && info.copied) continue; // office.js and friends are Microsoft's, left as shipped
          const code = assets[name].source().toString();
          const out = esbuild.transformSync(code, { target: this.target, loader: "js", legalComments: "inline" });
          compilation.updateAsset(name, new sources.RawSource(out.code));
        }
      });
    });
  }
}

module.exports = { LowerSyntaxPlugin, TARGET };
