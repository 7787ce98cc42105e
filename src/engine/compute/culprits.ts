import { a1, parseA1, where } from "../address";
import type { Grid } from "../grid";
import { readNum } from "../locate/cells";
import type { CellPos } from "../snapshot";
import { fmtAmount } from "../values";
import type { ComputedCell } from "./computed";
import { operandRef } from "./formulas";

/** What the plan decided for a computed cell: the engine's own figure, or a person's entry kept. */
export type PlannedState = { mode: "ours"; formula: string | null; value: number | string } | { mode: "kept"; agrees: boolean; ref: string | null };

/**
 * The cells a computed figure reads, from its `how` text ("全年执行数(B)
 * 附件2!E5 ÷ 全年预算数(A) 附件2!D5", "各指标得分之和（H14:H32）"): sheet-qualified
 * references, and bare ranges on the figure's own sheet.
 */
export function referencedCells(c: ComputedCell, sheets: string[]): CellPos[] {
  const out: CellPos[] = [];
  const seen = new Set<string>();
  const add = (sheet: string, row: number, col: number) => {
    const k = `${sheet}!${a1(row, col)}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ sheet, row, col });
    }
  };
  let rest = c.how;
  // Longest names first, so "O'Brien 附件2!E5" is not read as sheet "附件2".
  for (const sheet of [...sheets].sort((a, b) => b.length - a.length)) {
    const esc = sheet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    rest = rest.replace(new RegExp(`${esc}!(\\$?[A-Z]{1,3}\\$?\\d+)`, "g"), (_m, ref: string) => {
      const p = parseA1(ref);
      if (p) add(sheet, p.row, p.col);
      return " ";
    });
  }
  for (const m of rest.matchAll(/([A-Z]{1,3}\d+):([A-Z]{1,3}\d+)/g)) {
    const p = parseA1(m[1]);
    const q = parseA1(m[2]);
    if (!p || !q) continue;
    for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++)
      for (let col = Math.min(p.col, q.col); col <= Math.max(p.col, q.col); col++) add(c.pos.sheet, r, col);
  }
  return out;
}

/** Why a spreadsheet formula cannot use a number typed as this text. */
function whyNotNumber(raw: string): string {
  if (/[\uff10-\uff19\uff0e]/.test(raw)) return "用了全角数字";
  if (/\d\s*[^\d\s.%,]/.test(raw)) return "数字后带了单位或文字";
  return "是文字格式";
}

/**
 * The cells that kept a computed figure from being a live formula, in plain
 * words: "附件2!F5 填的是“10分”（数字后带了单位或文字），请改为 10".
 */
export function formulaCulprits(c: ComputedCell, grids: Map<string, Grid>, stateOf: (pos: CellPos) => PlannedState | undefined): string[] {
  const out: string[] = [];
  for (const pos of referencedCells(c, [...grids.keys()])) {
    const grid = grids.get(pos.sheet);
    if (!grid) continue;
    const st = stateOf(pos);
    if (st?.mode === "kept" && !st.agrees) {
      out.push(`${where(pos)} 填写的 ${String(grid.raw(pos.row, pos.col)?.value ?? "").trim()} 与核算结果不一致，公式不引用它`);
      continue;
    }
    if (st) continue;
    const n = readNum(grid, pos.row, pos.col);
    if (n.parsed.kind !== "number" || operandRef(n) !== null) continue;
    const raw = String(n.cell?.value ?? "").trim();
    out.push(`${where(n.pos)} 填的是“${raw}”（${whyNotNumber(raw)}），请改为 ${fmtAmount(n.parsed.percent ? n.parsed.value * 100 : n.parsed.value)}${n.parsed.percent ? "%" : ""}`);
  }
  return out;
}
