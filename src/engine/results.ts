import { bandText } from "./grade";
import type { Finding } from "./findings";
import { RESULTS_TITLE, SEVERITY_ZH, type ResultsCell, type ResultsSheet } from "./plan";
import type { Profile } from "./profile";
import type { Computed, FormReport } from "./report";
import { formsBlock, shownGrade } from "./resultsForms";

/**
 * Lay out the 「核查结果」 sheet: a summary of the figures, then one row per
 * finding with a link to its cell. No timestamp: checking twice gives the
 * same sheet.
 */
export function resultsSheet(name: string, unit: string | null, computed: Computed, findings: Finding[], profile: Profile, forms: FormReport[] = []): ResultsSheet {
  const cells: ResultsCell[] = [];
  const put = (row: number, col: number, value: string | number, extra: Partial<ResultsCell> = {}) =>
    cells.push({ row, col, value, ...extra });
  put(0, 0, RESULTS_TITLE, { bold: true });
  put(1, 0, "单位名称", { bold: true });
  put(1, 1, unit ?? "（未找到）");
  put(2, 0, "规则", { bold: true });
  put(2, 1, profile.name);
  const figures: [string, number | string | null, string | undefined][] = [
    ["执行率", computed.executionRate, "0.00%"],
    ["执行率得分", computed.executionScore, "0.00"],
    ["编制控制率", computed.staffControlRate, "0.00%"],
    ["总分", computed.totalScore, "0.00"],
    ["评价等级", computed.grade ? `${computed.grade} ${bandText(computed.grade, profile)}` : shownGrade(null, forms.length ? 0 : null, findings), undefined],
  ];
  figures.forEach(([label, v, fmt], i) => {
    put(3 + i, 0, label, { bold: true });
    put(3 + i, 1, v ?? "无法计算", v !== null && fmt ? { numFmt: fmt } : {});
  });
  computed.buildings.forEach((b, i) => {
    const row = 3 + figures.length + i;
    put(row, 0, `楼堂馆所 ${i + 1}`, { bold: true });
    put(row, 1, b.scaleControlRate ?? "无法计算", b.scaleControlRate !== null ? { numFmt: "0.00%" } : {});
    put(row, 2, b.investmentControlRate ?? "无法计算", b.investmentControlRate !== null ? { numFmt: "0.00%" } : {});
  });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const perForm = formsBlock(4 + figures.length + computed.buildings.length, forms, findings);
  cells.push(...perForm.cells);
  const head = 4 + figures.length + computed.buildings.length + perForm.rows;
  put(head, 0, `错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项`, { bold: true });
  ["序号", "级别", "位置", "问题说明", "规则"].forEach((h, c) => put(head + 1, c, h, { bold: true }));
  findings.forEach((f, i) => {
    const r = head + 2 + i;
    put(r, 0, i + 1);
    put(r, 1, SEVERITY_ZH[f.severity]);
    put(r, 2, `${f.sheet}!${f.cell}`, { link: { sheet: f.sheet, cell: f.cell } });
    put(r, 3, f.message);
    put(r, 4, f.rule);
  });
  return { name, cells, columnWidths: [14, 16, 16, 90, 26] };
}
