import { execFileSync, spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { parseA1 } from "../src/engine/address";
import type { CellWrite } from "../src/engine/plan";

/** LibreOffice, when installed (CI installs Debian's libreoffice-calc). */
export function sofficePath(): string | null {
  const r = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A throwaway LibreOffice profile that recalculates every formula on load. */
async function recalcProfile(dir: string): Promise<string> {
  const user = path.join(dir, "user");
  await fs.mkdir(user, { recursive: true });
  const item = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  await fs.writeFile(
    path.join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${item("OOXMLRecalcMode")}${item("ODFRecalcMode")}</oor:items>\n`,
  );
  return `file://${dir}`;
}

/** Minimal CSV reader for LibreOffice's output (quoted fields, doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * Open a workbook in LibreOffice with every formula recalculated, and return
 * each sheet's shown values (raw numbers, not formatted) by sheet name.
 */
export async function recalcWithLibreOffice(file: string, sheets: string[]): Promise<Record<string, string[][]>> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-"));
  const profile = await recalcProfile(path.join(dir, "profile"));
  const src = path.join(dir, "book.xlsx");
  await fs.copyFile(file, src);
  // Token 9 "false": export raw values, not as shown; -1: every sheet to its own file.
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, src], {
    stdio: "ignore",
    timeout: 120000,
  });
  const out: Record<string, string[][]> = {};
  for (const s of sheets) out[s] = parseCsv(await fs.readFile(path.join(dir, `book-${s}.csv`), "utf8"));
  return out;
}

/**
 * Several workbooks in one LibreOffice process (each start costs seconds): every
 * formula recalculated on load, every sheet exported as raw values. Returns, per
 * input file, each sheet's values by sheet name; a file LibreOffice could not open
 * has no entry.
 */
export async function recalcManyWithLibreOffice(files: { label: string; file: string; sheets: string[] }[]): Promise<Map<string, Record<string, string[][]>>> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-many-"));
  const profile = await recalcProfile(path.join(dir, "profile"));
  const inputs: string[] = [];
  for (const f of files) {
    const src = path.join(dir, `${f.label}.xlsx`);
    await fs.copyFile(f.file, src);
    inputs.push(src);
  }
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, ...inputs], {
    stdio: "ignore",
    timeout: 300000,
  });
  const out = new Map<string, Record<string, string[][]>>();
  for (const f of files) {
    const sheets: Record<string, string[][]> = {};
    let complete = true;
    for (const s of f.sheets) {
      const csv = path.join(dir, `${f.label}-${s}.csv`);
      try {
        sheets[s] = parseCsv(await fs.readFile(csv, "utf8"));
      } catch {
        complete = false;
      }
    }
    if (complete) out.set(f.label, sheets);
  }
  return out;
}

/**
 * Re-save workbooks as LibreOffice does when a person opens and saves them (one
 * process for all): returns the re-saved file of each input, by label.
 */
export async function resaveWithLibreOffice(files: { label: string; file: string }[]): Promise<Map<string, string>> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-resave-"));
  const srcDir = path.join(dir, "src");
  await fs.mkdir(srcDir);
  const inputs: string[] = [];
  for (const f of files) {
    const src = path.join(srcDir, `${f.label}.xlsx`);
    await fs.copyFile(f.file, src);
    inputs.push(src);
  }
  const profile = `file://${path.join(dir, "profile")}`;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, ...inputs], { stdio: "ignore", timeout: 300000 });
  const out = new Map<string, string>();
  for (const f of files) {
    const saved = path.join(dir, `${f.label}.xlsx`);
    if (await fs.stat(saved).then(() => true, () => false)) out.set(f.label, saved);
  }
  return out;
}

/**
 * Every formula the plan wrote shows, in LibreOffice's recalculated CSV, the result the file
 * caches for it: numbers to 9 decimals, text exactly.
 */
export function expectRecalculatedAsCached(csv: Record<string, string[][]>, formulas: CellWrite[]): void {
  for (const w of formulas) {
    const p = parseA1(w.cell)!;
    const v = csv[w.sheet][p.row]?.[p.col];
    const cell = `${w.sheet}!${w.cell}`;
    // LibreOffice keeps the percent sign of a 0.00% cell even in raw export.
    const n = v?.endsWith("%") ? Number(v.slice(0, -1)) / 100 : Number(v);
    if (typeof w.value === "number") expect({ cell, v: n }).toEqual({ cell, v: expect.closeTo(w.value, 9) });
    else expect({ cell, v }).toEqual({ cell, v: w.value });
  }
}

/** A workbook saved by LibreOffice in another format ("xls", "ods"), as a department's LibreOffice would save it. */
export async function convertWithLibreOffice(file: string, format: string): Promise<string> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-convert-"));
  const src = path.join(dir, "book.xlsx");
  await fs.copyFile(file, src);
  execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", format, "--outdir", dir, src], { stdio: "ignore", timeout: 120000 });
  return path.join(dir, `book.${format}`);
}
