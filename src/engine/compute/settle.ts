import { a1, where } from "../address";
import type { CheckContext } from "../context";
import { canonicalGrade } from "../grade";
import type { Grid } from "../grid";
import type { CellMark, CellWrite } from "../plan";
import { writeAt } from "../plan";
import type { SnapshotCell } from "../snapshot";
import { fmtAmount, fmtPercent, isBlankCell, parseNumberCell, round } from "../values";
import type { ComputedCell } from "./computed";
import { formulaCulprits, type PlannedState } from "./culprits";
import { operandRef, PLANNED_REF } from "./formulas";

type State = PlannedState;

/** Formula text compared without "=", spaces or case. */
export function sameFormula(a: string | undefined | null, b: string | null): boolean {
  if (!a || !b) return false;
  const n = (s: string) => s.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
  return n(a) === n(b);
}

/** Does a typed figure say the same as the computed one, to the precision it was typed with? */
export function agrees(c: Pick<ComputedCell, "kind" | "value">, cell: SnapshotCell, ctx: CheckContext): boolean | null {
  if (c.kind === "text") {
    if (typeof cell.value !== "string") return false;
    return cell.value.trim() === c.value || canonicalGrade(cell.value, ctx.profile.gradeBands) === c.value;
  }
  const p = parseNumberCell(cell);
  if (p.kind !== "number") return null;
  const v = c.value as number;
  const raw = String(cell.value ?? "").replace(/[^\d.]/g, "");
  const decimals = raw.includes(".") ? raw.split(".")[1].length : 0;
  if (c.kind === "score") return Math.abs(p.value - v) < 0.005 + 1e-9 || round(v, decimals) === p.value;
  // A rate may be typed as a ratio (0.9091), a percentage (90.91%) or percentage points (90.91).
  const asRatio = p.percent ? decimals + 2 : decimals;
  if (round(v, asRatio) === round(p.value, asRatio) || Math.abs(p.value - v) < 1e-6) return true;
  return !p.percent && p.value > 1.5 && round(v * 100, decimals) === p.value;
}

/**
 * Decide, cell by cell, what the plan writes for the computed figures. A
 * blank, an error or a formula is replaced by the engine's formula; a figure a
 * person typed is never overwritten: when it disagrees it becomes a finding.
 */
export function settleComputed(
  cells: ComputedCell[],
  grids: Map<string, Grid>,
  ctx: CheckContext,
  /** Whether a plain value in a cell is one the add-in wrote itself (from the journal). */
  ownValue: (sheet: string, cell: string, value: unknown) => boolean = () => false,
): { writes: CellWrite[]; marks: CellMark[] } {
  const states = new Map<string, State>();
  const writes: CellWrite[] = [];
  const marks: CellMark[] = [];
  const key = (sheet: string, row: number, col: number) => `${sheet}|${row}|${col}`;

  for (const c of cells) {
    ctx.form = c.form ?? null;
    const grid = grids.get(c.pos.sheet)!;
    const cell = grid.raw(c.pos.row, c.pos.col);
    const formula = resolve(c.formula, c.pos.sheet, states, key);
    const k = key(c.pos.sheet, c.pos.row, c.pos.col);
    const value = c.value;
    const shown = c.kind === "ratio" ? fmtPercent(value as number) : String(c.kind === "score" ? fmtAmount(value as number) : value);

    const mine = !!cell && cell.formula === undefined && ownValue(c.pos.sheet, a1(c.pos.row, c.pos.col), cell.value);
    if (cell && !isBlankCell(cell) && !cell.error && cell.formula === undefined && !mine) {
      // A person's entry: compared, never overwritten.
      const ok = agrees(c, cell, ctx);
      // A kept figure typed as text ("83.5%") is referenced the way a spreadsheet reads it as a number, or not at all.
      const parsed = parseNumberCell(cell);
      const points = c.kind === "ratio" && parsed.kind === "number" && parsed.value > 1.5 && (c.value as number) <= 1.5; // 90.91 typed for 90.91%
      const ref = points ? null : operandRef({ pos: c.pos, cell, parsed });
      states.set(k, { mode: "kept", agrees: ok === true, ref });
      if (ok === null) {
        ctx.add(
          "error",
          "value-unreadable",
          c.pos,
          `${c.what}填写为“${String(cell.value).trim()}”，不是数字（${where(c.pos)}）；核算应为 ${shown}（${c.how}）。`,
          `${c.what} at ${where(c.pos)} holds unreadable "${String(cell.value)}"; computed ${value}`,
        );
      }
      if (ok === false) {
        const m = c.onMismatch ?? { rule: "stated-figure-mismatch" as const, severity: "error" as const };
        ctx.add(
          m.severity,
          m.rule,
          c.pos,
          `${c.what}填写为 ${String(cell.value).trim()}，核算应为 ${shown}（${c.how}）。`,
          `${c.what} at ${where(c.pos)} is ${String(cell.value)}, computed ${value} (${c.how})`,
        );
      }
      continue;
    }
    states.set(k, { mode: "ours", formula, value });
    const cachedOk = cell && !cell.error && cell.formula !== undefined && agreesCached(cell, value);
    if (!(cell && sameFormula(cell.formula, formula) && cachedOk) && !(formula === null && cell && cell.value === value)) {
      writes.push({
        ...writeAt(c.pos.sheet, c.pos.row, c.pos.col),
        kind: "computed",
        what: c.what,
        before: cell?.error ?? cell?.value ?? null,
        beforeFormula: cell?.formula ?? null,
        value,
        formula,
        numFmt: c.numFmt,
      });
    }
    if (formula === null && !c.valueOnly) {
      const culprits = formulaCulprits(c, grids, (p) => states.get(key(p.sheet, p.row, p.col)));
      const why = culprits.length ? culprits.join("；") : "它引用的单元格里有公式不能当作数字的内容（文字、单位或全角数字）";
      ctx.add(
        "info",
        "formula-written-as-value",
        c.pos,
        `${c.what}已填入计算结果 ${shown}（${c.how}），但没有写成公式：${why}。改正后重新核算，即可写入公式。`,
        `${c.what} at ${where(c.pos)} written as a value: an operand is text Excel cannot read, or a disagreeing typed figure`,
      );
    }
    marks.push({ ...writeAt(c.pos.sheet, c.pos.row, c.pos.col), tone: "computed", note: `核算助手计算：${c.what} = ${c.how}` });
  }
  ctx.form = null;
  return { writes, marks };
}

function agreesCached(cell: SnapshotCell, value: number | string): boolean {
  if (typeof value === "string") return cell.value === value;
  return typeof cell.value === "number" && Math.abs(cell.value - value) < 1e-9;
}

/** Replace planned-cell placeholders: an address where the engine's figure will be, else the figure inlined. */
function resolve(formula: string | null, sheet: string, states: Map<string, State>, key: (s: string, r: number, c: number) => string): string | null {
  if (formula === null) return null;
  let ok = true;
  const out = formula.replace(PLANNED_REF, (_m, r: string, c: string) => {
    const st = states.get(key(sheet, Number(r), Number(c)));
    if (st?.mode === "ours" && (st.formula !== null || typeof st.value === "number")) return a1(Number(r), Number(c));
    if (st?.mode === "kept" && st.agrees && st.ref) return st.ref;
    ok = false;
    return "";
  });
  return ok ? out : null;
}
