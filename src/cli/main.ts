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
import { fileLine, MARKS, totalsLines } from "./folderLines";
import { collectInputs, copyLinkFor, targetsFor } from "./inputs";
import { processAll } from "./pool";
import { progressReporter } from "./progress";
import type { FileOutcome, FileTask } from "./processFile";

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

async function run(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const profile = await loadProfile(o.profile);
  const inputs = await collectInputs(o);
  const { files, single } = inputs;
  const many = !single;
  if (o.report && many) throw new UsageError("--report 只能配合单个工作簿使用；核查文件夹时，与工作簿同名的 .docx 会自动配对");
  const targets = await targetsFor(o, files, many);
  // Folders for the copies are made as --summary's is (--out 已核查/信访局.xlsx works in a fresh place).
  // One that cannot be made is reported by each file's write, with the reason, at its path.
  if (o.out) for (const dir of new Set(targets.map((t) => path.dirname(t!)))) await fs.mkdir(dir, { recursive: true }).catch(() => undefined);
  // This run's own outputs found inside the folder: one line, before anything else.
  if (inputs.skipped.length) process.stderr.write(`已跳过本次核查的输出（不作为提交材料核查）：${inputs.skipped.join("、")}\n`);
  // A folder run prints one line per file unless --full (or --json) asks for more.
  const brief = many && !o.full && !o.json && !o.undo;
  const tasks: FileTask[] = files.map((f, i) => ({
    file: f.path,
    name: f.name,
    target: targets[i],
    copyLink: o.summary && targets[i] ? copyLinkFor(o.summary, targets[i]!) : null,
    hash: !!o.summary,
    submission: brief || !!o.summary,
    undo: o.undo,
    verbose: o.verbose,
    json: o.json,
    report: o.report ?? f.report,
    pairedReport: !o.report && !!f.report,
  }));
  const onDone = progressReporter<FileOutcome>(tasks.length, brief ? (r) => fileLine(r.summary!) : undefined);
  const outcomes = await processAll(tasks, profile, onDone);
  // Loaded only when asked for: ExcelJS (the summary's writer) takes a third of a second to load.
  if (o.summary) await (await import("./summary")).writeSummary(outcomes.map((r) => r.summary!), o.summary, { profile, source: o.inputs.join("、") });
  let exit = 0;
  const undoLines = o.undo && many && !o.json;
  for (const r of outcomes) {
    // In a folder's lines the file's line already says why it could not be read; --verbose adds the English log.
    for (const line of r.stderr) if (!(brief || undoLines) || line.startsWith("[log]")) process.stderr.write(`${line}\n`);
    // 2 (unreadable) outranks 1 (error findings).
    exit = Math.max(exit, r.exit);
  }
  const results = outcomes.map((r) => r.json);
  if (o.json) process.stdout.write(JSON.stringify(single ? results[0] : results, null, 2) + "\n");
  else if (brief) {
    // Lines already went out under the progress bar on a terminal; otherwise in the input's order now.
    const lines = onDone ? [] : outcomes.map((r) => fileLine(r.summary!));
    lines.push(...totalsLines(outcomes.map((r) => r.summary!), { summary: o.summary, copies: o.out ? `${o.out}${path.sep}` : null }));
    process.stdout.write(lines.join("\n") + "\n");
  } else if (undoLines) {
    // A folder undone: a line a file, as a check's folder run prints them, then the totals.
    const undone = outcomes.filter(isUndone).length;
    const failed = outcomes.filter((r) => "error" in r.json).length;
    const lines = outcomes.map((r) => `${isUndone(r) ? "✓" : "error" in r.json ? MARKS.unreadable : "·"} ${r.summary!.file}　${r.summary!.failure}`);
    lines.push(`共 ${outcomes.length} 个文件：✓ 已撤销 ${undone} 个，· 没有可撤销的核查记录 ${outcomes.length - undone - failed} 个，${MARKS.unreadable} 无法读取 ${failed} 个。`);
    process.stdout.write(lines.join("\n") + "\n");
  } else {
    const texts = outcomes.map((r) => r.text).filter(Boolean);
    if (texts.length) process.stdout.write(texts.join("\n\n" + "─".repeat(40) + "\n\n") + "\n");
  }
  return exit;
}

const isUndone = (r: FileOutcome) => "undone" in r.json && r.json.undone;

/**
 * Exit once stdout and stderr have handed everything to the system. To a pipe (`--json | jq`) a
 * write beyond the pipe's 64 KB waits for the reader, and process.exit() drops what is still
 * waiting (https://nodejs.org/api/process.html#processexitcode): the JSON of a folder was cut short.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  // A reader that stopped early (`| head`) is not a failure of the check: no EPIPE trace.
  process.stdout.on("error", () => undefined);
  let open = 2;
  const flushed = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
}

run(process.argv.slice(2)).then(
  (code) => {
    // For the benchmark (bench/fileRatios.ts): the run's peak memory, in KB.
    if (process.env.JIXIAO_REPORT_RSS) process.stderr.write(`[rss] ${process.resourceUsage().maxRSS}\n`);
    exitWhenFlushed(code);
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(e.showUsage ? `${e.message}\n\n${USAGE}\n` : `${e.message}\n`);
      exitWhenFlushed(2);
      return;
    }
    // Never a stack trace for the user; the English detail goes to the log line.
    process.stderr.write(`核查时发生内部错误，请把此信息反馈给开发者：${(e as Error)?.message ?? e}\n`);
    exitWhenFlushed(2);
  },
);
