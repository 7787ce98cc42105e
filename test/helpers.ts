import { spawnSync } from "child_process";
import * as path from "path";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import { checkXlsx, openXlsx, readSnapshot } from "../src/adapters/xlsx";
import { readWorkbookBytes } from "../src/adapters/xlsx/node";
import { checkWorkbook, type CheckOptions } from "../src/engine/check";
import type { Finding, RuleId } from "../src/engine/findings";
import type { Profile } from "../src/engine/profile";
import type { CheckReport } from "../src/engine/report";

export const ROOT = path.resolve(__dirname, "..");
export const FIXTURES = path.join(ROOT, "fixtures", "out");
export const fixture = (name: string) => path.join(FIXTURES, /\.(xlsx|xlsm|xls|docx|txt)$/.test(name) ? name : `${name}.xlsx`);

export async function check(name: string, profile?: Profile, options?: CheckOptions): Promise<CheckReport> {
  const file = fixture(name);
  return checkXlsx(await readWorkbookBytes(file), file, profile, options).report;
}

/** A file's bytes as the adapter takes them. */
export async function bytesOf(file: string): Promise<Uint8Array> {
  return new Uint8Array(await fs.readFile(file));
}


export async function loadBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Check a package's bytes (a checked copy, say) as the CLI would. */
export function recheck(bytes: Uint8Array, profile?: Profile): CheckReport {
  return checkWorkbook(readSnapshot(openXlsx(bytes, "workbook.xlsx")), profile);
}

/** Read bytes with ExcelJS: an independent reader for what our files hold. */
export async function bookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
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
