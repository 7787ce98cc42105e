import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { buildAddin } from "./build";
import { makeWorldReadable } from "./packageFolder";
import { checkWpsPackage } from "./packageWpsCheck";
import { jspluginsXml, publishXml } from "./wpsPluginLists";

/**
 * npm run package:wps -- --url https://HOST/PATH/ [--out DIR]
 * The WPS 表格 add-in as an online-mode folder for that address (docs/deploy-wps.md): the
 * production build:wps output, plus jsplugins.xml (for oem.ini's JSPluginsServer) and
 * publish.xml (for each user's jsaddons folder), both pointing at --url. https is recommended;
 * WPS does not require it, so plain http is accepted with a one-line warning.
 * WPS_TARGET changes the syntax level (es2017 unless told).
 * Exit codes: 0 done, 2 bad arguments, 1 build or check failed.
 */

class UsageError extends Error {}

const USAGE = "用法：npm run package:wps -- --url https://服务器/路径/ [--out 文件夹]";

function parseArgs(argv: string[]): { url: string; out: string; warning: string | null } {
  let url: string | undefined;
  let out = "package-wps";
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--url") url = value();
    else if (flag === "--out") out = value();
    else throw new UsageError(`错误：不认识的参数 ${argv[i]}；${USAGE}`);
  }
  if (!url) throw new UsageError(`错误：缺少 --url；${USAGE}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`错误：--url 不是有效的网址：${url}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new UsageError(`错误：加载项地址必须以 https:// 或 http:// 开头：${url}`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new UsageError(`错误：加载项地址不能带查询参数、# 或用户名：${url}`);
  const base = parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
  const warning = parsed.protocol === "http:" ? `警告：${base} 不是 https 地址；WPS 可以加载，但内网里传输的脚本可能被篡改，建议改用 https（见 docs/deploy-wps.md）。` : null;
  return { url: base, out: path.resolve(out), warning };
}

/** Never delete a folder that is not a previous WPS package (an empty one is fine). */
async function prepareOut(out: string): Promise<void> {
  if (!existsSync(out)) return;
  const entries = await fs.readdir(out);
  const previous = entries.includes("ribbon.xml") && entries.includes("jsplugins.xml") && !entries.includes("package.json") && !entries.includes(".git");
  if (entries.length > 0 && !previous) throw new UsageError(`错误：输出文件夹 ${out} 不是空的，也不是以前生成的 WPS 加载项文件夹；请换一个文件夹。`);
  await fs.rm(out, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const { url, out, warning } = parseArgs(process.argv.slice(2));
  if (warning) console.error(warning);
  await prepareOut(out);
  const build = await fs.mkdtemp(path.join(os.tmpdir(), "jixiao-package-wps-"));
  try {
    await buildAddin({ out: build }, "webpack.wps.config.js");
    await fs.cp(build, out, { recursive: true });
  } finally {
    await fs.rm(build, { recursive: true, force: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require("../package.json") as { version: string };
  await fs.writeFile(path.join(out, "jsplugins.xml"), jspluginsXml(url, version));
  await fs.writeFile(path.join(out, "publish.xml"), publishXml(url));
  await makeWorldReadable(out);
  const problems = await checkWpsPackage(out, url);
  if (problems.length) {
    console.error(`错误：生成的 WPS 加载项文件夹有问题（The package failed its check）：\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
    return;
  }
  console.log(`已生成 WPS 加载项文件夹：${out}（版本 ${version}）`);
  console.log(`把整个文件夹放到 ${url} 所在的服务器上；企业版在 oem.ini 里把 JSPluginsServer 设为 ${url}jsplugins.xml，或把 publish.xml 复制到每位用户的 jsaddons 文件夹（见 docs/deploy-wps.md）。`);
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
