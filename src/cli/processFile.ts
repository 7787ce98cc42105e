import { readFileSync } from "fs";
import { checkXlsx, openXlsx, undoPackage, WorkbookReadError } from "../adapters/xlsx";
import { readWorkbookBytes } from "../adapters/xlsx/node";
import type { Profile } from "../engine/profile";
import { readReportFile, ReportReadError } from "../adapters/docx/readDocx";
import { formatReport } from "./format";
import { toJson, type FileJson } from "./json";
import { failedSubmission, NOTHING_TO_CHECK_ZH, nothingToCheck, submissionOf, type ReportStatus, type Submission } from "../summary/submission";
import { sha256File, sha256Hex } from "./hash";
import { pairedReport } from "../summary/pairedReport";
import { writeWorkbook, WorkbookWriteError } from "./writeWorkbook";

export interface FileTask {
  file: string;
  /** Where to write the checked (or undone) workbook; null: nowhere. */
  target: string | null;
  undo: boolean;
  verbose: boolean;
  /** Which output is wanted: only that one is formatted. */
  json: boolean;
  /** The narrative report (.docx or .txt) to check against the tables, if any. */
  report: string | null;
  /** The report was paired by name in a folder: one that cannot be read is noted, not fatal. */
  pairedReport?: boolean;
  /** The file as the reviewer named it (relative to the folder given), for the summary. */
  name?: string;
  /** The checked copy relative to the summary workbook, for its links. */
  copyLink?: string | null;
  /** Compute the file's SHA-256 (for the summary's 核查信息). */
  hash?: boolean;
  /** The folder lines or the summary workbook need the file's Submission (false: --json alone, spare the work). */
  submission?: boolean;
}

/** An undone file in --json: what was kept as a person left it since the check, and why. */
export interface UndoJson {
  file: string;
  undone: boolean;
  out: string | null;
  kept: { sheet: string; cell: string; why: string }[];
}

/** What one file gives: its JSON entry, its text block, lines for stderr, and its exit code. */
export interface FileOutcome {
  json: FileJson | { file: string; error: string } | UndoJson;
  text: string;
  stderr: string[];
  exit: 0 | 1 | 2;
  /** Null when the task did not ask for it (a checked file under --json without --summary). */
  summary: Submission | null;
}

/** Check (or undo) one file. Never throws for a bad workbook: that is an outcome with exit 2. */
export async function processFile(task: FileTask, profile: Profile): Promise<FileOutcome> {
  const { file, target } = task;
  const name = task.name ?? file;
  let sha256: string | null = null;
  // The workbook is read once: its SHA-256 (for the summary) is taken from the bytes the check reads.
  const read = async () => {
    const bytes = await readWorkbookBytes(file);
    if (task.hash) sha256 = sha256Hex(bytes);
    return bytes;
  };
  let reportStatus: ReportStatus | null = null;
  const failed = (why: string) => failedSubmission(name, why, { sha256, report: reportStatus });
  try {
    if (task.undo) {
      const { undone, bytes, kept, lines } = undoPackage(openXlsx(await read(), file));
      // Nothing to undo: --out still gets its copy (the input, unchanged); --in-place leaves the file alone.
      if (target && (undone || target !== file)) writeWorkbook(target, bytes, target === file);
      const cells = new Set(kept.map((k) => `${k.sheet}!${k.cell}`)).size;
      const keptNote = cells ? `；${cells} 个单元格此后已被修改，保留现状` : "";
      const msg = undone ? `已撤销核查所做的修改${target ? `，写入 ${target}` : "（未保存：请加 --out 或 --in-place）"}${keptNote}` : "没有可撤销的核查记录";
      const json: UndoJson = { file, undone, out: target, kept: kept.map(({ sheet, cell, why }) => ({ sheet, cell, why })) };
      return { json, text: [`${file}：${msg}`, ...lines.map((l) => `  ${l}`)].join("\n"), stderr: [], exit: 0, summary: failed(msg) };
    }
    let narrative: string | undefined;
    if (task.report && task.pairedReport) {
      const reportPath = task.report;
      const paired = pairedReport(reportPath, () => {
        try {
          return new Uint8Array(readFileSync(reportPath));
        } catch {
          return null;
        }
      });
      reportStatus = paired.status;
      narrative = paired.text ?? undefined;
    } else if (task.report) narrative = await readReportFile(task.report);
    const fc = checkXlsx(await read(), file, profile, { narrative });
    const r = fc.report;
    if (nothingToCheck(r)) {
      const zh = NOTHING_TO_CHECK_ZH;
      return { json: { file, error: zh }, text: "", stderr: [`${file}：${zh}`, ...(task.verbose ? [`[log] ${file}: no form of any kind (department or project)`] : [])], exit: 2, summary: failed(zh) };
    }
    if (target) writeWorkbook(target, fc.write(), target === file);
    const stderr = task.verbose ? r.findings.map((f) => `[log] ${f.severity} ${f.rule} ${f.sheet}!${f.cell}: ${f.log}`) : [];
    const exit = r.findings.some((f) => f.severity === "error") ? 1 : 0;
    const summary = task.submission === false ? null : submissionOf(name, r, { sha256, copy: target ? (task.copyLink ?? null) : null, report: reportStatus });
    if (task.json) return { json: toJson(file, r), text: "", stderr, exit, summary };
    const text = formatReport(file, r, profile, target ? `已写入 ${target}` : "（未写入文件：加 --out 输出.xlsx 可另存核查后的工作簿）");
    return { json: { file, error: "" }, text, stderr, exit, summary };
  } catch (e) {
    // Not read, or refused before reading (too large, a report that failed first): hashed on its own.
    if (task.hash && sha256 === null) sha256 = await sha256File(file);
    if (e instanceof WorkbookReadError || e instanceof ReportReadError || e instanceof WorkbookWriteError) {
      // The folder's line, the summary and the page name the file beside its reason.
      const reason = e instanceof WorkbookReadError ? e.reason : e.zh;
      return { json: { file, error: e.zh }, text: "", stderr: [e.zh, ...(task.verbose ? [`[log] ${e.message}`] : [])], exit: 2, summary: failed(reason) };
    }
    const msg = (e as Error)?.message ?? String(e);
    const zh = `核查时发生内部错误：${msg}`;
    return { json: { file, error: zh }, text: "", stderr: [`${file}：核查时发生内部错误，请把此文件反馈给开发者（${msg}）`], exit: 2, summary: failed(zh) };
  }
}
