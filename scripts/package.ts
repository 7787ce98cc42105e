import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildAddin } from "./build";
import { checkPackage } from "./packageCheck";
import { makeWorldReadable } from "./packageFolder";

/**
 * npm run package -- --url https://HOST/PATH/ [--out DIR]
 * A folder IT can put on any HTTPS server: every page and asset of a production build, and a
 * manifest whose every URL starts with --url and whose Version comes from package.json.
 * OFFICE_JS=local puts office.js in the folder too (for networks that cannot reach Microsoft).
 * Exit codes: 0 done, 2 bad arguments, 1 build or check failed.
 */

class UsageError extends Error {}

function parseArgs(argv: string[]): { url: string; out: string } {
  let url: string | undefined;
  let out = "package";
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--url") url = value();
    else if (flag === "--out") out = value();
    else throw new UsageError(`错误：不认识的参数 ${argv[i]}；用法：npm run package -- --url https://服务器/路径/ [--out 文件夹]`);
  }
  if (!url) throw new UsageError("错误：缺少 --url；用法：npm run package -- --url https://服务器/路径/ [--out 文件夹]");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`错误：--url 不是有效的网址：${url}`);
  }
  // Office loads add-ins only over HTTPS (the manifest's SourceLocation must be https).
  if (parsed.protocol !== "https:") throw new UsageError(`错误：加载项地址必须以 https:// 开头（Office 只加载 HTTPS 上的加载项）：${url}`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new UsageError(`错误：加载项地址不能带查询参数、# 或用户名：${url}`);
  const base = parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
  return { url: base, out: path.resolve(out) };
}

/** Never delete a folder that is not a previous package (an empty one is fine). */
async function prepareOut(out: string): Promise<void> {
  if (!existsSync(out)) return;
  const entries = await fs.readdir(out);
  const previous = entries.includes("manifest.xml") && entries.includes("taskpane.html") && !entries.includes("package.json") && !entries.includes(".git");
  if (entries.length > 0 && !previous) throw new UsageError(`错误：输出文件夹 ${out} 不是空的，也不是以前生成的加载项文件夹；请换一个文件夹。`);
  await fs.rm(out, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const { url, out } = parseArgs(process.argv.slice(2));
  await prepareOut(out);
  const build = await fs.mkdtemp(path.join(os.tmpdir(), "jixiao-package-"));
  try {
    await buildAddin({ out: build, publicUrl: url });
    await fs.cp(build, out, { recursive: true });
  } finally {
    await fs.rm(build, { recursive: true, force: true });
  }
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

main().catch((e) => {
  if (e instanceof UsageError) {
    console.error(e.message);
    process.exitCode = 2;
    return;
  }
  console.error("错误：打包失败（packaging failed）：", e);
  process.exitCode = 1;
});

