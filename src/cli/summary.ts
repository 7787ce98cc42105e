import ExcelJS from "exceljs";
import { saveWorkbookFile } from "../adapters/exceljs/files";
import type { FileSummary } from "./processFile";
import { GRADE_PENDING } from "../engine/grade";

/** Worst first: files that could not be checked, then by errors, warnings, and the lower total. */
export function worstFirst(rows: FileSummary[]): FileSummary[] {
  return [...rows].sort(
    (a, b) =>
      Number(!!b.failure) - Number(!!a.failure) ||
      b.errors - a.errors ||
      b.warnings - a.warnings ||
      (a.totalScore ?? -1) - (b.totalScore ?? -1) ||
      a.file.localeCompare(b.file, "zh-CN"),
  );
}

export const SUMMARY_HEADERS = ["序号", "文件", "单位名称", "执行率", "编制控制率", "总分", "等级", "错误", "警告", "主要问题（前三项）"];

/** The reviewer's summary workbook: one row per submission, worst first. */
export async function writeSummary(rows: FileSummary[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("汇总", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(SUMMARY_HEADERS).font = { bold: true };
  worstFirst(rows).forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.file,
      r.unit ?? "",
      r.executionRate ?? "",
      r.staffControlRate ?? "",
      r.totalScore ?? "",
      r.grade ?? (r.gradePending ? GRADE_PENDING : ""),
      r.failure ? "" : r.errors,
      r.failure ? "" : r.warnings,
      r.failure ? `无法核查：${r.failure}` : r.top.join("\n"),
    ]);
    row.getCell(4).numFmt = "0.00%";
    row.getCell(5).numFmt = "0.00%";
    row.getCell(10).alignment = { wrapText: true, vertical: "top" };
    if (r.failure || r.errors) row.getCell(8).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
  });
  [6, 40, 24, 10, 12, 8, 8, 6, 6, 100].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.autoFilter = { from: "A1", to: `J${rows.length + 1}` };
  await saveWorkbookFile(wb, file);
}
