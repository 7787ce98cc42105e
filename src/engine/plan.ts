import { a1 } from "./address";
import type { CellScalar } from "./snapshot";
import type { Finding, Severity } from "./findings";
import { groupFindings, groupNoteSuffix } from "./findingGroups";

/**
 * The plan of changes: everything an adapter (ExcelJS file or Office.js
 * workbook) applies, as plain data. Applying it twice equals applying it
 * once: writes are only planned where the cell does not already hold them.
 */
export interface CellWrite {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  /** computed: a figure the engine owns; label: the 评价等级 label; marker: 【待说明】. */
  kind: "computed" | "label" | "marker";
  what: string;
  before: CellScalar;
  beforeFormula: string | null;
  /** The value after the write (a formula's result). */
  value: CellScalar;
  /** Formula without "=", or null for a plain value. */
  formula: string | null;
  numFmt: string | null;
}

export type MarkTone = Severity | "computed";

/** A highlight (fill) and a note on one cell. */
export interface CellMark {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  tone: MarkTone;
  note: string;
}

/** One cell of the 「核查结果」 sheet. */
export interface ResultsCell {
  row: number;
  col: number;
  value: string | number;
  bold?: boolean;
  numFmt?: string;
  /** Internal link target, e.g. {sheet: "附件2", cell: "D5"}. */
  link?: { sheet: string; cell: string };
  /** Wrap the text within the column width (the long 问题说明 column). */
  wrap?: boolean;
}

/**
 * How 「核查结果」 prints: A4 landscape, fitted to one page wide, the findings'
 * header row repeated on every page. Files write <pageSetup paperSize="9"
 * orientation="landscape" fitToWidth="1" fitToHeight="0"/> with fitToPage;
 * Office uses worksheet.pageLayout.
 */
export interface ResultsPrint {
  orientation: "landscape";
  paper: "A4";
  fitToWidth: 1;
  /** 0-based first and last row repeated at the top of each printed page. */
  repeatRows?: [number, number];
}

export interface ResultsSheet {
  name: string;
  cells: ResultsCell[];
  columnWidths: number[];
  print?: ResultsPrint;
  /**
   * Heights (points) of rows whose wrapped text needs more than one line.
   * Excel autofits such rows only on edit, LibreOffice not at all: without
   * them a wrapped 问题说明 prints cut to its first line.
   */
  rowHeights?: { row: number; points: number }[];
}

export interface Plan {
  writes: CellWrite[];
  marks: CellMark[];
  results: ResultsSheet;
}

/** Fill colours (ARGB) by tone: Excel's own "bad / neutral / good" palette. */
export const MARK_FILL: Record<MarkTone, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
  computed: "FFE2EFDA",
};

export const RESULTS_SHEET = "核查结果";
export const RESULTS_TITLE = "部门整体支出绩效自评核查结果";
export const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/**
 * Marks for the finding cells: one per cell, worst tone, every message in the
 * note; a problem repeated over a range says where the others are.
 */
export function findingMarks(findings: Finding[]): CellMark[] {
  const suffix = new Map<Finding, string>();
  for (const g of groupFindings(findings)) for (const f of g.findings) suffix.set(f, groupNoteSuffix(g));
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.sheet}\u0000${f.cell}`;
    byCell.set(k, [...(byCell.get(k) ?? []), f]);
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...byCell.values()].map((list) => {
    const worst = list.reduce((w, f) => (rank[f.severity] < rank[w] ? f.severity : w), "info" as Severity);
    return {
      sheet: list[0].sheet,
      cell: list[0].cell,
      row: list[0].row,
      col: list[0].col,
      tone: worst,
      note: list.map((f) => `【${SEVERITY_ZH[f.severity]}】${f.message}${suffix.get(f) ?? ""}`).join("\n"),
    };
  });
}

export function writeAt(sheet: string, row: number, col: number): Pick<CellWrite, "sheet" | "cell" | "row" | "col"> {
  return { sheet, cell: a1(row, col), row, col };
}
