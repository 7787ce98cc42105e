import { applyPlanToWorkbook, undoWorkbook } from "../adapters/exceljs/applyPlan";
import { checkFile } from "../adapters/exceljs/checkFile";
import { loadWorkbookFile, saveWorkbookFile, WorkbookReadError } from "../adapters/exceljs/files";
import type { Profile } from "../engine/profile";
import { readReportFile, ReportReadError } from "../adapters/docx/readDocx";
import { formatReport } from "./format";
import { toJson, type FileJson } from "./json";

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
}

/** One row of a folder summary. */
export interface FileSummary {
  file: string;
  unit: string | null;
  executionRate: number | null;
  staffControlRate: number | null;
  totalScore: number | null;
  grade: string | null;
  /** The total is disputed: no grade, the summary shows 待定. */
  gradePending?: boolean;
  errors: number;
  warnings: number;
  top: string[];
  /** Why the file could not be checked, when it could not. */
  failure: string | null;
}

/** What one file gives: its JSON entry, its text block, lines for stderr, and its exit code. */
export interface FileOutcome {
  json: FileJson | { file: string; error: string } | { file: string; undone: boolean; out: string | null };
  text: string;
  stderr: string[];
  exit: 0 | 1 | 2;
  summary: FileSummary;
}

const failed = (file: string, why: string): FileSummary => ({ file, unit: null, executionRate: null, staffControlRate: null, totalScore: null, grade: null, errors: 0, warnings: 0, top: [], failure: why });

/** Check (or undo) one file. Never throws for a bad workbook: that is an outcome with exit 2. */
export async function processFile(task: FileTask, profile: Profile): Promise<FileOutcome> {
  const { file, target } = task;
  try {
    if (task.undo) {
      const wb = await loadWorkbookFile(file);
      const undone = undoWorkbook(wb);
      if (target) await saveWorkbookFile(wb, target);
      const msg = undone ? `已撤销核查所做的修改${target ? `，写入 ${target}` : "（未保存：请加 --out 或 --in-place）"}` : "没有可撤销的核查记录";
      return { json: { file, undone, out: target }, text: `${file}：${msg}`, stderr: [], exit: 0, summary: failed(file, msg) };
    }
    const narrative = task.report ? await readReportFile(task.report) : undefined;
    const fc = await checkFile(file, profile, { narrative });
    const r = fc.report;
    if (!r.tables.basicData && r.forms.length === 0) {
      const zh = "没有找到任何绩效自评表（部门整体或项目支出）";
      return { json: { file, error: zh }, text: "", stderr: [`${file}：${zh}`, ...(task.verbose ? [`[log] ${file}: no form of any kind (department or project)`] : [])], exit: 2, summary: failed(file, zh) };
    }
    if (target) {
      applyPlanToWorkbook(fc.workbook, r.plan);
      await saveWorkbookFile(fc.workbook, target);
    }
    const stderr = task.verbose ? r.findings.map((f) => `[log] ${f.severity} ${f.rule} ${f.sheet}!${f.cell}: ${f.log}`) : [];
    const exit = r.findings.some((f) => f.severity === "error") ? 1 : 0;
    const c = r.computed;
    const summary: FileSummary = {
      file,
      unit: r.unit,
      executionRate: c.executionRate,
      staffControlRate: c.staffControlRate,
      totalScore: c.totalScore,
      grade: c.grade,
      gradePending: c.grade === null && r.findings.some((f) => f.rule === "grade-pending" && f.form === 0),
      errors: r.findings.filter((f) => f.severity === "error").length,
      warnings: r.findings.filter((f) => f.severity === "warning").length,
      top: r.findings.slice(0, 3).map((f) => `${f.sheet}!${f.cell} ${f.message}`),
      failure: null,
    };
    if (task.json) return { json: toJson(file, r), text: "", stderr, exit, summary };
    const text = formatReport(file, r, profile, target ? `已写入 ${target}` : "（未写入文件：加 --out 输出.xlsx 可另存核查后的工作簿）");
    return { json: { file, error: "" }, text, stderr, exit, summary };
  } catch (e) {
    if (e instanceof WorkbookReadError || e instanceof ReportReadError) {
      return { json: { file, error: e.zh }, text: "", stderr: [e.zh, ...(task.verbose ? [`[log] ${e.message}`] : [])], exit: 2, summary: failed(file, e.zh) };
    }
    const msg = (e as Error)?.message ?? String(e);
    const zh = `核查时发生内部错误：${msg}`;
    return { json: { file, error: zh }, text: "", stderr: [`${file}：核查时发生内部错误，请把此文件反馈给开发者（${msg}）`], exit: 2, summary: failed(file, zh) };
  }
}
