import { promises as fs } from "fs";
import * as path from "path";
import { UsageError, type CliOptions } from "./args";
import { checkedName, uniqueCheckedNames } from "../summary/paths";
import { isReportName, isWorkbookName, pairReports } from "../summary/pairing";
import { compareNames } from "../summary/compareNames";
import { extensionOf } from "../adapters/xlsx/errors";

/** A workbook to check, as found. */
export interface InputFile {
  path: string;
  /** As the reviewer knows it: relative to the folder given, "/" separated (the file itself when given alone). */
  name: string;
  /** Its narrative report paired by name in a folder, if any. */
  report: string | null;
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};
const posix = (p: string) => p.split(path.sep).join("/");

/** Documents that are not workbooks, named so the message can say what was given. */
const NOT_WORKBOOK: Record<string, string> = { docx: "Word 文档", doc: "Word 文档", wps: "WPS 文字文档", pdf: "PDF 文件", txt: "文本文件" };

/**
 * The workbooks to check. A folder is walked recursively (Excel's "~$" lock
 * files skipped); this run's own outputs (its --out folder and --summary file)
 * inside it are skipped and listed in `skipped`. A workbook a department
 * checked before submitting (…checked.xlsx) is checked like any other.
 */
export async function collectInputs(o: CliOptions): Promise<{ files: InputFile[]; single: boolean; skipped: string[] }> {
  const outDir = o.out && !o.inPlace ? path.resolve(o.out) : null;
  const summaryFile = o.summary ? path.resolve(o.summary) : null;
  const skipped: string[] = [];
  const files: InputFile[] = [];
  let dirs = 0;
  for (const input of o.inputs) {
    const st = await fs.stat(input).catch(() => null);
    if (!st?.isDirectory()) {
      const kind = NOT_WORKBOOK[extensionOf(input)];
      if (kind) throw new UsageError(`无法核查 ${input}：这是 ${kind}，不是 Excel 工作簿（.xlsx）。自评报告请与同名工作簿放在同一文件夹，或用 --report 指定`, false);
      files.push({ path: input, name: o.inputs.length === 1 ? input : path.basename(input), report: null });
      continue;
    }
    dirs++;
    const root = path.resolve(input);
    const found = await walk(root, (p, isDir) => {
      const r = path.resolve(p);
      // The --out folder is skipped unless it is the folder given itself (then the copies sit beside the inputs).
      const mine = isDir ? r === outDir && r !== root : r === summaryFile;
      if (mine) skipped.push(path.relative(process.cwd(), r) || r);
      return mine;
    });
    const workbooks = found.filter(isWorkbookName);
    const reports = pairReports(workbooks, found.filter(isReportName));
    const prefix = o.inputs.length > 1 ? `${path.basename(root)}/` : "";
    for (const w of workbooks) files.push({ path: path.join(input, path.relative(root, w)), name: prefix + posix(path.relative(root, w)), report: reports.get(w) ?? null });
    if (!workbooks.length && o.inputs.length === 1) throw new UsageError(`文件夹 ${input} 中没有 .xlsx 或 .xlsm 工作簿`, false);
  }
  if (files.length === 0) throw new UsageError(`${o.inputs.join("、")} 中没有 .xlsx 或 .xlsm 工作簿`, false);
  return { files, single: o.inputs.length === 1 && dirs === 0, skipped };
}

async function walk(dir: string, skip: (p: string, isDir: boolean) => boolean): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (skip(p, e.isDirectory())) continue;
    if (e.isDirectory()) out.push(...(await walk(p, skip)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}


/**
 * Where each checked copy goes. With several inputs --out is a folder that
 * mirrors the input folder's tree; no two inputs ever share an output, and no
 * output is ever one of the inputs.
 */
export async function targetsFor(o: CliOptions, files: InputFile[], many: boolean): Promise<(string | null)[]> {
  if (o.inPlace) return files.map((f) => f.path);
  if (!o.out) return files.map(() => null);
  const st = await fs.stat(o.out).catch(() => null);
  if (!many) {
    const target = st?.isDirectory() ? path.join(o.out, checkedName(path.basename(files[0].path))) : o.out;
    // 教育局.checked.xlsx given with --out its own folder: its copy would be the file itself.
    if (path.resolve(target).toLowerCase() === path.resolve(files[0].path).toLowerCase()) throw new UsageError(`输出文件 ${target} 就是要核查的文件 ${files[0].path}；请为 --out 另选一个文件夹，或用 --in-place 直接修改它`, false);
    return [target];
  }
  if (st && !st.isDirectory()) throw new UsageError(`--out ${o.out} 是已有的文件；核查多个文件时 --out 应指定一个文件夹，核查后的副本按原文件夹结构存放其中`, false);
  // 教育局.xlsx and 教育局.checked.xlsx in one folder: the second copy is 教育局（2）.checked.xlsx, as on the page.
  const copies = uniqueCheckedNames(files.map((f) => f.name));
  const targets = files.map((f) => path.join(o.out!, ...copies.get(f.name)!.split("/")));
  const inputs = new Set(files.map((f) => path.resolve(f.path).toLowerCase()));
  const seen = new Map<string, string>();
  targets.forEach((t, i) => {
    // Case-insensitive: on Windows and macOS 财政所.XLSX and 财政所.xlsx are one file.
    const key = path.resolve(t).toLowerCase();
    if (inputs.has(key)) throw new UsageError(`输出文件 ${t} 会覆盖提交的文件 ${files.find((f) => path.resolve(f.path).toLowerCase() === key)!.path}，请为 --out 另选一个文件夹`, false);
    const other = seen.get(key);
    if (other) throw new UsageError(`${other} 与 ${files[i].path} 会写到同一个输出文件 ${t}，请分开核查`, false);
    seen.set(key, files[i].path);
  });
  return targets;
}

/** The checked copy as a link from the summary workbook: relative to its folder, "/" separated. */
export const copyLinkFor = (summary: string, target: string) => posix(path.relative(path.dirname(path.resolve(summary)), path.resolve(target)));
