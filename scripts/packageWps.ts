import { promises as fs } from "fs";
import * as path from "path";
import { buildAddin } from "./build";
import { buildInto, makeWorldReadable, packageBase, parsePackageArgs, prepareOut, runPackageCommand, UsageError } from "./packageFolder";
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

const USAGE = "用法：npm run package:wps -- --url https://服务器/路径/ [--out 文件夹]";

function parseArgs(argv: string[]): { url: string; out: string; warning: string | null } {
  const { parsed, url, out } = parsePackageArgs(argv, { usage: USAGE, out: "package-wps" });
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new UsageError(`错误：加载项地址必须以 https:// 或 http:// 开头：${url}`);
  const base = packageBase(parsed, url);
  const warning = parsed.protocol === "http:" ? `警告：${base} 不是 https 地址；WPS 可以加载，但内网里传输的脚本可能被篡改，建议改用 https（见 docs/deploy-wps.md）。` : null;
  return { url: base, out, warning };
}

async function main(): Promise<void> {
  const { url, out, warning } = parseArgs(process.argv.slice(2));
  if (warning) console.error(warning);
  await prepareOut(out, (entries) => entries.includes("ribbon.xml") && entries.includes("jsplugins.xml"), "WPS 加载项");
  await buildInto(out, "jixiao-package-wps-", (dir) => buildAddin({ out: dir }, "webpack.wps.config.js"));
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

runPackageCommand(main);
