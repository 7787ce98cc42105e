import ExcelJS from "exceljs";
import { SEVERITY_ZH } from "../engine/plan";
import { wrappedLines } from "../engine/results";
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

// 表 is wide enough for 部门整体支出绩效自评表 on one line (11 characters of 2.1 units, and padding).
const SUMMARY_WIDTHS = [5, 28, 18, 25, 9, 9, 7, 7, 6, 6, 70];
const FINDINGS_WIDTHS = [28, 18, 25, 9, 6, 20, 80];
/** 主要问题 lists the worst few; every finding is in 问题明细 (a row stays readable, and under Excel's 409-point limit). */
export const TOP_PROBLEMS = 3;
const RED = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } } as const;
const YELLOW = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } } as const;
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } } as const;

/**
 * Lines a wrapped cell shows: the estimate 「核查结果」 prints by (engine/results.ts), which
 * LibreOffice's print of a checked copy holds to the line. A looser one here (90% of the width,
 * less a character) left rows of 汇总 two to four lines taller than their text.
 */
export { wrappedLines };

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

/** What every printed page of the summary is headed with. */
export const SUMMARY_TITLE = "绩效自评材料核查汇总";

/**
 * The printed page's header and footer: the title and the sheet on the left, the date of the
 * check on the right, 第 N 页 / 共 M 页 below (Excel's &P and &N codes; "&&" is a literal "&").
 */
export function pageHeaderFooter(sheet: string, checkedAt: Date): Partial<ExcelJS.HeaderFooter> {
  const esc = (s: string) => s.replace(/&/g, "&&");
  return {
    oddHeader: `&L&B${esc(SUMMARY_TITLE)}&B　${esc(sheet)}&R核查日期：${localDate(checkedAt)}`,
    oddFooter: "&C第 &P 页 / 共 &N 页",
  };
}

function sheetFor(wb: ExcelJS.Workbook, name: string, headers: string[], widths: number[], checkedAt: Date): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    // A4 landscape, fitted to one page wide, as many pages tall as it takes; the header repeats on each.
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1", horizontalCentered: true },
    headerFooter: pageHeaderFooter(name, checkedAt),
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

/** Points per wrapped line of 11-pt text: Excel's default row height. */
const LINE_POINTS = 15;

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

  const ws = sheetFor(wb, SUMMARY_SHEET, SUMMARY_HEADERS, SUMMARY_WIDTHS, meta.checkedAt);
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

  const fs = sheetFor(wb, FINDINGS_SHEET, FINDINGS_HEADERS, FINDINGS_WIDTHS, meta.checkedAt);
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

  const info = wb.addWorksheet(INFO_SHEET, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, headerFooter: pageHeaderFooter(INFO_SHEET, meta.checkedAt) });
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

const pad2 = (x: number) => String(x).padStart(2, "0");

/** "2026-11-25": the reviewer's local date. */
export const localDate = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;

/** "2026-11-25 20:15:03（UTC+08:00）": the reviewer's local time, with its offset. */
export function localTime(d: Date): string {
  const p = (x: number) => String(x).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}（UTC${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}）`;
}
