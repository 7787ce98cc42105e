import type { UndoPlan } from "./plan";

/** Kept cells listed one a line up to this many; the rest are counted. */
export const KEPT_LINES = 20;

/**
 * What undo did and did not restore, in the clerk's words: sheets found
 * renamed or moved, then each cell kept (「附件1!D4 已被修改，保留现值」).
 * The same lines for the pane, the ribbon's message and the command line.
 */
export function undoLines(plan: UndoPlan, max = KEPT_LINES): string[] {
  const lines: string[] = [];
  for (const l of plan.located) {
    if (l.status !== "found" || !l.sheet) continue;
    if (l.sheet !== l.journalName) lines.push(`工作表“${l.journalName}”现名“${l.sheet}”，已按新名称撤销`);
    const moves = [l.rows ? `${l.rows > 0 ? "下移" : "上移"} ${Math.abs(l.rows)} 行` : "", l.cols ? `${l.cols > 0 ? "右移" : "左移"} ${Math.abs(l.cols)} 列` : ""].filter(Boolean);
    if (moves.length) lines.push(`工作表“${l.sheet}”的表格已${moves.join("、")}，已按新位置撤销`);
  }
  for (const k of plan.kept.slice(0, max)) lines.push(`${k.sheet}!${k.cell} ${k.why}`);
  if (plan.kept.length > max) lines.push(`……共 ${plan.kept.length} 处保留现状`);
  return lines;
}

/** One sentence: undone, and how many later changes were kept. */
export function undoSummary(plan: UndoPlan): string {
  const cells = new Set(plan.kept.map((k) => `${k.sheet}!${k.cell}`)).size;
  return cells ? `已撤销核查所做的修改；${cells} 个单元格此后已被修改，保留现状` : "已撤销核查所做的修改";
}
