import { spawnSync } from "child_process";
import * as path from "path";
import ExcelJS from "exceljs";
import { checkFile } from "../src/adapters/exceljs/checkFile";
import { workbookSnapshot } from "../src/adapters/exceljs/readSnapshot";
import { checkWorkbook } from "../src/engine/check";
import type { Finding, RuleId } from "../src/engine/findings";
import type { Profile } from "../src/engine/profile";
import type { CheckReport } from "../src/engine/report";

export const ROOT = path.resolve(__dirname, "..");
export const FIXTURES = path.join(ROOT, "fixtures", "out");
export const fixture = (name: string) => path.join(FIXTURES, /\.(xlsx|xlsm|xls|docx|txt)$/.test(name) ? name : `${name}.xlsx`);

export async function check(name: string, profile?: Profile): Promise<CheckReport> {
  return (await checkFile(fixture(name), profile)).report;
}


export async function loadBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export function recheck(wb: ExcelJS.Workbook, profile?: Profile): CheckReport {
  return checkWorkbook(workbookSnapshot(wb), profile);
}

/** Findings of one rule, as "sheet!cell" strings. */
export function at(r: CheckReport, rule: RuleId): string[] {
  return r.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell}`);
}

export function only(r: CheckReport, rule: RuleId): Finding {
  const list = r.findings.filter((f) => f.rule === rule);
  if (list.length !== 1) throw new Error(`expected one ${rule}, got ${list.length}: ${JSON.stringify(list.map((f) => f.cell))}`);
  return list[0];
}

export const errors = (r: CheckReport) => r.findings.filter((f) => f.severity === "error");

/** Run the real command line, as `npm run check` does (the bundle built by the test setup). */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const res = spawnSync(process.execPath, [path.join(ROOT, "dist-cli", "main.js"), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", ...opts.env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
