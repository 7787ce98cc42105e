import { bandWords } from "./bandWords";
import type { Finding } from "./findings";
import { groupFindings } from "./findingGroups";
import { RESULTS_TITLE, SEVERITY_ZH, type ResultsCell, type ResultsSheet } from "./plan";
import type { Profile } from "./profile";
import type { Computed, FormReport } from "./report";
import { formsBlock, readingBlock, shownGrade } from "./resultsForms";
import { ruleNameZh } from "./ruleNames";

/**
 * Column widths of 「核查结果」 (Excel character units): 序号 / labels, 级别,
 * 位置, 问题类型, 问题说明. They add up to 128 units ≈ 24.4 cm, inside the
 * 26 cm an A4 landscape page leaves between Excel's default margins, so the
 * sheet prints at 100% with 问题说明 wrapped, not cut; fit-to-width is set as
 * well, for fonts wider than Excel's default.
 */
export const RESULTS_COLUMN_WIDTHS = [11, 7, 20, 22, 68];

/** Points per printed line of 11-point text (Excel's default row is 15 pt; CJK fonts need a little more). */
export const LINE_POINTS = 15.6;

/** Characters about two widths of "0" wide: CJK, full-width forms, CJK punctuation, curly quotes. */
const isWide = (c: number) => (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;

/**
 * Lines a wrapped text needs in a column `width` characters wide: a CJK or
 * full-width character takes about two widths of "0", others about one (a
 * character outside the BMP, two UTF-16 units, counts once). One pass over
 * the char codes: it runs for every wrapped cell of every check.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines += Math.max(1, Math.ceil(w / usable));
      w = 0;
      continue;
    }
    w += isWide(c) ? 2.1 : 1.1;
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return lines + Math.max(1, Math.ceil(w / usable));
}

/** Row heights for the rows whose wrapped cells need more than one line. */
function rowHeights(cells: ResultsCell[], widths: number[]): { row: number; points: number }[] {
  const lines = new Map<number, number>();
  for (const c of cells) {
    if (!c.wrap) continue;
    const n = wrappedLines(String(c.value), widths[c.col] ?? 10);
    lines.set(c.row, Math.max(lines.get(c.row) ?? 1, n));
  }
  return [...lines].filter(([, n]) => n > 1).map(([row, n]) => ({ row, points: Math.ceil(n * LINE_POINTS + 3) }));
}

/** Cells of the sheet, placed by block; each block returns the next free row. */
type Put = (row: number, col: number, value: string | number, extra?: Partial<ResultsCell>) => void;

/**
 * Lay out the 「核查结果」 sheet: a summary of the figures, then one row per
 * problem (a problem repeated down a column is one row over its range) with a
 * link to its cells. No timestamp: checking twice gives the same sheet.
 */
export function resultsSheet(name: string, unit: string | null, computed: Computed, findings: Finding[], profile: Profile, forms: FormReport[] = []): ResultsSheet {
  const cells: ResultsCell[] = [];
  const put: Put = (row, col, value, extra = {}) => cells.push({ row, col, value, ...extra });
  put(0, 0, RESULTS_TITLE, { bold: true });
  let row = headerBlock(put, 1, unit, profile);
  // The grade's band is the one the main form was graded under (its note's, where it prints them).
  row = figuresBlock(put, row, computed, forms[0] ? { ...profile, gradeBands: forms[0].profile.gradeBands } : profile, findings, forms);
  const perForm = formsBlock(row + 1, forms, findings);
  cells.push(...perForm.cells);
  row += perForm.rows;
  const reading = readingBlock(row + 1, forms);
  cells.push(...reading.cells);
  row += reading.rows;
  const header = findingsBlock(put, row + 1, findings);
  return {
    name,
    cells,
    columnWidths: RESULTS_COLUMN_WIDTHS,
    rowHeights: rowHeights(cells, RESULTS_COLUMN_WIDTHS),
    print: { orientation: "landscape", paper: "A4", fitToWidth: 1, repeatRows: [header, header] },
  };
}

/** 单位名称 and the rule profile. */
function headerBlock(put: Put, row: number, unit: string | null, profile: Profile): number {
  put(row, 0, "单位名称", { bold: true });
  put(row, 1, unit ?? "（未找到）");
  put(row + 1, 0, "评分口径", { bold: true });
  put(row + 1, 1, profile.name);
  return row + 2;
}

/** The computed figures, one per row; buildings with both control rates. */
function figuresBlock(put: Put, row: number, computed: Computed, profile: Profile, findings: Finding[], forms: FormReport[]): number {
  const figures: [string, number | string | null, string | undefined][] = [
    ["执行率", computed.executionRate, "0.00%"],
    ["执行率得分", computed.executionScore, "0.00"],
    ["编制控制率", computed.staffControlRate, "0.00%"],
    ["总分", computed.totalScore, "0.00"],
    ["评价等级", computed.grade ? bandWords(computed.grade, profile) : shownGrade(null, forms.length ? 0 : null, findings), undefined],
  ];
  figures.forEach(([label, v, fmt], i) => {
    put(row + i, 0, label, { bold: true });
    put(row + i, 1, v ?? "无法计算", v !== null && fmt ? { numFmt: fmt } : {});
  });
  row += figures.length;
  computed.buildings.forEach((b, i) => {
    put(row + i, 0, `楼堂馆所 ${i + 1}`, { bold: true });
    put(row + i, 1, b.scaleControlRate ?? "无法计算", b.scaleControlRate !== null ? { numFmt: "0.00%" } : {});
    put(row + i, 2, b.investmentControlRate ?? "无法计算", b.investmentControlRate !== null ? { numFmt: "0.00%" } : {});
  });
  return row + computed.buildings.length;
}

/** The counts, a header row, then one row per group of findings. Returns the header row. */
function findingsBlock(put: Put, row: number, findings: Finding[]): number {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const groups = groupFindings(findings);
  const merged = groups.length < findings.length ? `（同一问题在多处出现的合并为一行，共 ${groups.length} 行）` : "";
  put(row, 0, `错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项${merged}`, { bold: true });
  const header = row + 1;
  ["序号", "级别", "位置", "问题类型", "问题说明"].forEach((h, c) => put(header, c, h, { bold: true }));
  groups.forEach((g, i) => {
    const r = header + 1 + i;
    // Every cell of a finding row is wrapped, so the row reads top-aligned beside a long 问题说明.
    put(r, 0, i + 1, { wrap: true });
    put(r, 1, SEVERITY_ZH[g.severity], { wrap: true });
    put(r, 2, `${g.sheet}!${g.range}`, { link: { sheet: g.sheet, cell: g.range.split(",")[0] }, wrap: true });
    put(r, 3, ruleNameZh(g.rule), { wrap: true });
    put(r, 4, g.message, { wrap: true });
  });
  return header;
}
