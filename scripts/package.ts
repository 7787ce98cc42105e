import { buildAddin } from "./build";
import { checkPackage } from "./packageCheck";
import { buildInto, makeWorldReadable, packageBase, parsePackageArgs, prepareOut, runPackageCommand, UsageError } from "./packageFolder";

/**
 * npm run package -- --url https://HOST/PATH/ [--out DIR]
 * A folder IT can put on any HTTPS server: every page and asset of a production build, and a
 * manifest whose every URL starts with --url and whose Version comes from package.json.
 * OFFICE_JS=local puts office.js in the folder too (for networks that cannot reach Microsoft).
 * Exit codes: 0 done, 2 bad arguments, 1 build or check failed.
 */

const USAGE = "用法：npm run package -- --url https://服务器/路径/ [--out 文件夹]";

function parseArgs(argv: string[]): { url: string; out: string } {
  const { parsed, url, out } = parsePackageArgs(argv, { usage: USAGE, out: "package" });
  // Office loads add-ins only over HTTPS (the manifest's SourceLocation must be https).
  if (parsed.protocol !== "https:") throw new UsageError(`错误：加载项地址必须以 https:// 开头（Office 只加载 HTTPS 上的加载项）：${url}`);
  return { url: packageBase(parsed, url), out };
}

async function main(): Promise<void> {
  const { url, out } = parseArgs(process.argv.slice(2));
  await prepareOut(out, (entries) => entries.includes("manifest.xml") && entries.includes("taskpane.html"), "加载项");
  await buildInto(out, "jixiao-package-", (dir) => buildAddin({ out: dir, publicUrl: url }));
  await makeWorldReadable(out);
  const { version, problems } = await checkPackage(out, url);
  if (problems.length) {
    console.error(`错误：生成的加载项文件夹有问题（The package failed its check）：\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
    return;
  }
  const officeJs = process.env.OFFICE_JS === "local" ? "文件夹内的副本（office-js/）" : "微软 CDN";
  console.log(`已生成加载项文件夹：${out}（版本 ${version}，office.js 来自${officeJs}）`);
  console.log(`把整个文件夹放到 ${url} 所在的 HTTPS 服务器上，再把其中的 manifest.xml 分发给用户（见 docs/deploy.md）。`);
}

runPackageCommand(main);
