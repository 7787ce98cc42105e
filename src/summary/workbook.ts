import ExcelJS from "exceljs";
import { SEVERITY_ZH } from "../engine/plan";
import { reportNote, worstFirst, type Submission } from "./submission";
import { compareNames } from "./compareNames";

/**
 * The reviewer's summary workbook, built with ExcelJS (the right tool for a new
 * workbook). No Node API: it returns bytes, the CLI writes them to disk and the
 * page offers them as a download.
 */
export interface SummaryMeta {
  /** The tool's name and version, from package.json. */
  tool: string;
  profile: string;
  /** The profile's grade bands in words (engine/bandWords.ts), highest first. */
  bands: string[];
  checkedAt: Date;
  /** The folder (or files) checked, as the reviewer named them. */
  source: string;
}

export const SUMMARY_SHEET = "汇总";
export const FINDINGS_SHEET = "问题明细";
export const INFO_SHEET = "核查信息";
export const SUMMARY_HEADERS = ["序号", "文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"];
export const FINDINGS_HEADERS = ["文件", "单位", "表", "单元格", "级别", "规则名称", "说明"];
export const INFO_HEADERS = ["文件", "SHA-256", "核查后的副本", "自评报告", "报告核对"];

const SUMMARY_WIDTHS = [5, 28, 18, 20, 9, 9, 7, 7, 6, 6, 70];
const FINDINGS_WIDTHS = [28, 18, 20, 9, 6, 20, 80];
/** 主要问题 lists the worst few; every finding is in 问题明细 (a row stays readable, and under Excel's 409-point limit). */
export const TOP_PROBLEMS = 3;
/** Points per wrapped line of 11-pt text (CJK glyphs need a little more than Latin ones). */
const LINE_POINTS = 15;
const RED = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } } as const;
const YELLOW = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } } as const;
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } } as const;

/** Display width in column units: a CJK or full-width character takes two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Lines a wrapped cell shows in a column `width` characters wide. */
export function wrappedLines(text: string, width: number): number {
  // Excel, WPS and LibreOffice wrap before the nominal width (padding, wider CJK fonts such as
  // 宋体/DengXian): count on 90% of it, less one character, so no line ends up hidden.
  const usable = Math.max(1, Math.floor(width * 0.9) - 1);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Row height that shows every line of every wrapped cell of the row. */
function fitRow(row: ExcelJS.Row, widths: number[]): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    const text = cell.text ?? "";
    if (text) lines = Math.max(lines, wrappedLines(text, widths[col - 1]));
  });
  // Excel refuses rows taller than 409 points.
  row.height = Math.min(409, lines * LINE_POINTS + 2);
}

function sheetFor(wb: ExcelJS.Workbook, name: string, headers: string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    // A4 landscape, fitted to one page wide, as many pages tall as it takes; the header repeats on each.
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1", horizontalCentered: true },
  });
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", wrapText: true };
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

const wrapTop: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

/** `'附件2'!$D$5`: absolute, so ExcelJS keeps the whole "copy#sheet!cell" as one external target. */
const cellLocation = (sheet: string, cell: string) => `'${sheet.replace(/'/g, "''")}'!${cell.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2")}`;

/**
 * A relative path as a link target: "/" separators; only "%", "#" and spaces escaped (as Excel writes
 * them), Chinese names kept as they are so Excel, WPS and LibreOffice all find the file.
 */
const linkTarget = (relPath: string) => relPath.replace(/\\/g, "/").replace(/%/g, "%25").replace(/#/g, "%23").replace(/ /g, "%20");

export async function buildSummaryWorkbook(submissions: Submission[], meta: SummaryMeta): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.tool;
  wb.created = meta.checkedAt;
  const ordered = worstFirst(submissions);

  const ws = sheetFor(wb, SUMMARY_SHEET, SUMMARY_HEADERS, SUMMARY_WIDTHS);
  let n = 0;
  for (const s of ordered) {
    const note = reportNote(s);
    const file: ExcelJS.CellValue = s.copy ? { text: s.file, hyperlink: linkTarget(s.copy), tooltip: `打开核查后的副本 ${s.copy}` } : s.file;
    if (s.failure) {
      const row = ws.addRow([++n, file, null, null, null, null, null, null, null, null, [`无法核查：${s.failure}`, note].filter(Boolean).join("\n")]);
      row.getCell(9).fill = RED;
      style(row);
      continue;
    }
    s.forms.forEach((f, i) => {
      const more = f.problems.length - TOP_PROBLEMS;
      const problems = [...(i === 0 && note ? [note] : []), ...f.problems.slice(0, TOP_PROBLEMS), ...(more > 0 ? [`……另有 ${more} 项，见「${FINDINGS_SHEET}」`] : [])];
      const row = ws.addRow([++n, file, f.unit ?? "", f.title || "（未找到自评表）", f.executionRate, f.controlRate, f.totalScore, f.grade, f.errors, f.warnings, problems.join("\n")]);
      row.getCell(5).numFmt = "0.00%";
      row.getCell(6).numFmt = "0.00%";
      if (f.errors) row.getCell(9).fill = RED;
      if (f.warnings) row.getCell(10).fill = YELLOW;
      style(row);
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: SUMMARY_HEADERS.length } };
  function style(row: ExcelJS.Row) {
    row.eachCell({ includeEmpty: true }, (c) => (c.alignment = wrapTop));
    if (typeof row.getCell(2).value === "object") row.getCell(2).font = { color: { argb: "FF0563C1" }, underline: true };
    fitRow(row, SUMMARY_WIDTHS);
  }

  const fs = sheetFor(wb, FINDINGS_SHEET, FINDINGS_HEADERS, FINDINGS_WIDTHS);
  let m = 0;
  for (const s of ordered) {
    const note = reportNote(s);
    if (s.failure) addFinding(s.file, "", "", "", "错误", "无法核查", s.failure, null);
    if (note) addFinding(s.file, "", "", s.report!.file, "提示", "报告未核对", s.report!.reason ?? "", null);
    for (const f of s.findings) {
      const form = s.forms[f.form];
      const link = s.copy ? `${linkTarget(s.copy)}#${cellLocation(f.sheet, f.cell)}` : null;
      addFinding(s.file, form?.unit ?? "", form?.title ?? "", `${f.sheet}!${f.cell}`, SEVERITY_ZH[f.severity], f.ruleName, f.message, link);
    }
  }
  fs.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, m + 1), column: FINDINGS_HEADERS.length } };
  function addFinding(file: string, unit: string, form: string, cell: string, level: string, rule: string, message: string, link: string | null) {
    m++;
    const row = fs.addRow([file, unit, form, link ? { text: cell, hyperlink: link, tooltip: "打开核查后的副本中的这个单元格" } : cell, level, rule, message]);
    row.eachCell({ includeEmpty: true }, (c) => (c.alignment = wrapTop));
    if (link) row.getCell(4).font = { color: { argb: "FF0563C1" }, underline: true };
    if (level === "错误") row.getCell(5).fill = RED;
    if (level === "警告") row.getCell(5).fill = YELLOW;
    fitRow(row, FINDINGS_WIDTHS);
  }

  const info = wb.addWorksheet(INFO_SHEET, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const facts: [string, string][] = [
    ["核查工具", meta.tool],
    ["评分规则", meta.profile],
    ["等级划分", meta.bands.join("；")],
    ["核查时间", localTime(meta.checkedAt)],
    ["核查范围", meta.source],
    ["文件数", String(submissions.length)],
  ];
  for (const [k, v] of facts) info.addRow([k, v]).getCell(1).font = { bold: true };
  info.addRow([]);
  const head = info.addRow(INFO_HEADERS);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));
  for (const s of [...submissions].sort((a, b) => compareNames(a.file, b.file))) {
    const reportState = !s.report ? "未提供" : s.report.read ? "已核对" : `报告未核对：${s.report.reason}`;
    info.addRow([s.file, s.sha256 ?? "", s.copy ? { text: s.copy, hyperlink: linkTarget(s.copy) } : "", s.report?.file ?? "", reportState]);
  }
  [28, 68, 36, 24, 40].forEach((w, i) => (info.getColumn(i + 1).width = w));

  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** "2026-11-25 20:15:03（UTC+08:00）": the reviewer's local time, with its offset. */
export function localTime(d: Date): string {
  const p = (x: number) => String(x).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}（UTC${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}）`;
}
