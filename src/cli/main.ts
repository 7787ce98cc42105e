#!/usr/bin/env node
/**
 * `npm run --silent check -- FILE.xlsx [FILE2.xlsx | DIR ...] [--json] [--out OUT] [--in-place]`
 * Exit 0: no error finding; 1: at least one; 2: a file that can't be read or holds neither table.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { PROFILES, type Profile } from "../engine/profile";
import { ProfileError, profileFromJson } from "../engine/profileFile";
import { parseArgs, USAGE, UsageError, type CliOptions } from "./args";
import { processAll } from "./pool";
import { progressReporter } from "./progress";
import { writeSummary } from "./summary";
import type { FileTask } from "./processFile";

async function expandInputs(inputs: string[]): Promise<{ files: string[]; single: boolean }> {
  const files: string[] = [];
  let dirs = 0;
  for (const input of inputs) {
    const st = await fs.stat(input).catch(() => null);
    if (st?.isDirectory()) {
      dirs++;
      files.push(...(await walk(input)));
    } else files.push(input);
  }
  return { files, single: inputs.length === 1 && dirs === 0 };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    // "~$" files are Excel's lock files, not submissions.
    else if (/\.(xlsx|xlsm)$/i.test(e.name) && !e.name.startsWith("~$")) out.push(p);
  }
  return out;
}

/** In a folder, "单位A.xlsx" is paired with "单位A.docx" when there is one. */
async function siblingReport(file: string): Promise<string | null> {
  const docx = file.replace(/\.(xlsx|xlsm)$/i, ".docx");
  return (await fs.stat(docx).catch(() => null))?.isFile() ? docx : null;
}

async function loadProfile(spec: string | null): Promise<Profile> {
  if (!spec) return PROFILES.seed;
  if (PROFILES[spec]) return PROFILES[spec];
  let text: string;
  try {
    text = await fs.readFile(spec, "utf8");
  } catch {
    throw new UsageError(`找不到规则文件：${spec}（内置规则：${Object.keys(PROFILES).join("、")}）`, false);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`规则文件 ${spec} 不是有效的 JSON：${(e as Error).message}`, false);
  }
  try {
    return profileFromJson(json);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(`规则文件 ${spec} 的字段“${e.field}”有误：${e.zh}`, false);
    throw e;
  }
}

function outPathFor(o: CliOptions, file: string, many: boolean): string | null {
  if (o.inPlace) return file;
  if (!o.out) return null;
  if (!many) return o.out;
  return path.join(o.out, path.basename(file).replace(/\.(xlsx|xlsm)$/i, ".checked.$1"));
}

async function run(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const profile = await loadProfile(o.profile);
  const { files, single } = await expandInputs(o.inputs);
  if (files.length === 0) throw new UsageError("文件夹中没有 .xlsx 文件");
  const many = !single;
  if (many && o.out) await fs.mkdir(o.out, { recursive: true });
  if (o.report && many) throw new UsageError("--report 只能配合单个工作簿使用；核查文件夹时，与工作簿同名的 .docx 会自动配对");
  const tasks: FileTask[] = await Promise.all(
    files.map(async (file) => ({ file, target: outPathFor(o, file, many), undo: o.undo, verbose: o.verbose, json: o.json, report: o.report ?? (many ? await siblingReport(file) : null) })),
  );
  const outcomes = await processAll(tasks, profile, progressReporter(tasks.length));
  if (o.summary) await writeSummary(outcomes.map((r) => r.summary), o.summary);
  let exit = 0;
  for (const r of outcomes) {
    for (const line of r.stderr) process.stderr.write(`${line}\n`);
    // 2 (unreadable) outranks 1 (error findings).
    exit = Math.max(exit, r.exit);
  }
  const results = outcomes.map((r) => r.json);
  const texts = outcomes.map((r) => r.text).filter(Boolean);
  if (o.json) process.stdout.write(JSON.stringify(single ? results[0] : results, null, 2) + "\n");
  else if (texts.length) process.stdout.write(texts.join("\n\n" + "─".repeat(40) + "\n\n") + "\n");
  return exit;
}

run(process.argv.slice(2)).then(
  (code) => {
    // For the benchmark (bench/fileRatios.ts): the run's peak memory, in KB.
    if (process.env.JIXIAO_REPORT_RSS) process.stderr.write(`[rss] ${process.resourceUsage().maxRSS}\n`);
    process.exit(code);
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(e.showUsage ? `${e.message}\n\n${USAGE}\n` : `${e.message}\n`);
      process.exit(2);
    }
    // Never a stack trace for the user; the English detail goes to the log line.
    process.stderr.write(`核查时发生内部错误，请把此信息反馈给开发者：${(e as Error)?.message ?? e}\n`);
    process.exit(2);
  },
);
