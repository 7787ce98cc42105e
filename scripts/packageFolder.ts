import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The folder is for a web server, whose account (www-data, nginx, IIS_IUSRS) is not the one that
 * built it: folders 0755, files 0644, whatever the builder's umask. Without this the folder kept
 * the 0700 of the temporary build folder it was copied from, and every page answered 403.
 * Shared by `npm run package` and `npm run package:wps`.
 */
export async function makeWorldReadable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(p);
    else await fs.chmod(p, 0o644);
  }
}

/** Bad arguments: said as is, exit code 2. */
export class UsageError extends Error {}

/**
 * `--url https://HOST/PATH/ [--out DIR]`, as both packaging commands take them: the address
 * (parsed; the caller decides which protocols it accepts) and the output folder.
 */
export function parsePackageArgs(argv: string[], o: { usage: string; out: string }): { parsed: URL; url: string; out: string } {
  let url: string | undefined;
  let out = o.out;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--url") url = value();
    else if (flag === "--out") out = value();
    else throw new UsageError(`错误：不认识的参数 ${argv[i]}；${o.usage}`);
  }
  if (!url) throw new UsageError(`错误：缺少 --url；${o.usage}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`错误：--url 不是有效的网址：${url}`);
  }
  return { parsed, url, out: path.resolve(out) };
}

/** The address as the folder's files name it: no query, #, or user; always ending in "/". */
export function packageBase(parsed: URL, url: string): string {
  if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new UsageError(`错误：加载项地址不能带查询参数、# 或用户名：${url}`);
  return parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
}

/**
 * Never delete a folder that is not a previous package (an empty one is fine): `previous` tells
 * one by its entries; `what` names it in the message (加载项, WPS 加载项).
 */
export async function prepareOut(out: string, previous: (entries: string[]) => boolean, what: string): Promise<void> {
  if (!existsSync(out)) return;
  const entries = await fs.readdir(out);
  const ours = previous(entries) && !entries.includes("package.json") && !entries.includes(".git");
  // A Latin word after Chinese is set off by a space, as the messages write it (以前生成的 WPS 加载项).
  const named = /^[A-Za-z]/.test(what) ? ` ${what}` : what;
  if (entries.length > 0 && !ours) throw new UsageError(`错误：输出文件夹 ${out} 不是空的，也不是以前生成的${named}文件夹；请换一个文件夹。`);
  await fs.rm(out, { recursive: true, force: true });
}

/** Build into a temporary folder and copy it to `out` (a failed build leaves `out` untouched). */
export async function buildInto(out: string, prefix: string, build: (dir: string) => Promise<void>): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    await build(dir);
    await fs.cp(dir, out, { recursive: true });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Run a packaging command: exit code 2 for bad arguments (their message as is), 1 for any other failure. */
export function runPackageCommand(main: () => Promise<void>): void {
  main().catch((e) => {
    if (e instanceof UsageError) {
      console.error(e.message);
      process.exitCode = 2;
      return;
    }
    console.error("错误：打包失败（packaging failed）：", e);
    process.exitCode = 1;
  });
}
