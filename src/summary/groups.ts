import type { FindingRow } from "./submission";

/** The same problem repeated down a column, shown once with its cells (contract C's grouping, for summary rows). */
export interface FindingRowGroup {
  severity: FindingRow["severity"];
  rule: string;
  ruleName: string;
  sheet: string;
  cells: string[];
  /** "E14:E23", "E14" or "E14,E16". */
  range: string;
  findings: FindingRow[];
}

const split = (cell: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { col: m[1], row: Number(m[2]) };
};

export function groupFindingRows(rows: FindingRow[]): FindingRowGroup[] {
  const groups: FindingRowGroup[] = [];
  for (const f of rows) {
    const last = groups[groups.length - 1];
    const p = /^[A-Z]+\d+$/.test(f.cell) ? split(f.cell) : null;
    const prev = last && /^[A-Z]+\d+$/.test(last.cells[last.cells.length - 1]) ? split(last.cells[last.cells.length - 1]) : null;
    if (last && p && prev && last.rule === f.rule && last.sheet === f.sheet && last.severity === f.severity && prev.col === p.col) {
      last.cells.push(f.cell);
      last.findings.push(f);
      continue;
    }
    groups.push({ severity: f.severity, rule: f.rule, ruleName: f.ruleName, sheet: f.sheet, cells: [f.cell], range: f.cell, findings: [f] });
  }
  for (const g of groups) g.range = rangeOf(g.cells);
  return groups;
}

function rangeOf(cells: string[]): string {
  if (cells.length === 1) return cells[0];
  const rows = cells.map((c) => split(c).row);
  const contiguous = rows.every((r, i) => i === 0 || r === rows[i - 1] + 1);
  return contiguous ? `${cells[0]}:${cells[cells.length - 1]}` : cells.join(",");
}
