import { GRADE_LABEL } from "../check";
import { DEVIATION_MARKER } from "../locate/selfEvaluation";
import { sameFormula, shiftReferences } from "../formulaText";
import type { Journal, JournalCell } from "../journal";
import { noteHash } from "../noteHash";
import { MARK_FILL } from "../plan";
import type { CellScalar } from "../snapshot";

/**
 * What a journaled cell should still hold for undo to restore it, part by
 * part (value, fill, note), and how a cell as it is now compares.
 *
 * Version 2 entries say what was written (JournalCell.wrote). Version-1
 * entries (and a part a version-2 entry never rewrote) have no such record;
 * the rule for them is the safest the version-1 journal allows:
 * - a plain value is ours while it equals the latest value we wrote (`written`);
 *   without such a record (journals before `written`), while it is one of the
 *   texts the engine writes (「评价等级」, 「【待说明】」) or a formula: a formula
 *   we wrote is ours while the cell still holds a formula (a figure typed over
 *   it is kept);
 * - a fill is ours while it is one of the marks' colours (MARK_FILL);
 * - a note is ours while its text hashes to the one we wrote (files' `noteHashes`),
 *   else while every line of it reads as ours (「【错误】…」「【警告】…」「【提示】…」「核算助手计算：…」):
 *   a line a reviewer added keeps it.
 */

/** A cell as it is now, as a host read it. A part left undefined was not read (its API is missing). */
export interface CurrentCell {
  value: CellScalar;
  /** Formula without "=", or null. */
  formula: string | null;
  /** Number format, null (or "General") for none. */
  numFmt: string | null;
  /** Solid fill (ARGB), null for none; undefined: not read. */
  fill?: string | null;
  /** The note's text, null for none; undefined: not read (no notes API). */
  note?: string | null;
}

export const EMPTY_CELL: CurrentCell = { value: null, formula: null, numFmt: null, fill: null, note: null };

export type ValueExpect = { kind: "value"; value: CellScalar; numFmt?: string | null } | { kind: "formula"; formula: string; numFmt?: string | null } | { kind: "anyFormula" } | { kind: "ourTextOrFormula" };

/** The plain texts the engine writes (the 评价等级 label, the deviation marker): a version-1 entry may hold them without a `written` record. */
const OUR_TEXTS: CellScalar[] = [GRADE_LABEL, DEVIATION_MARKER];
export type FillExpect = { kind: "fill"; fill: string | null } | { kind: "markColour" };
export type NoteExpect = { kind: "hash"; hash: string } | { kind: "ourLines" };

export interface CellExpect {
  value: ValueExpect | null;
  fill: FillExpect | null;
  note: NoteExpect | null;
}

const MARK_COLOURS = new Set(Object.values(MARK_FILL).map((c) => c.toUpperCase()));
/** How every line of a note the add-in writes begins: a finding's severity, or the computed figure's 「核算助手计算：」. */
const OUR_LINE = /^(【(错误|警告|提示)】|核算助手计算：)/;

export function expectOf(c: JournalCell, j: Journal, source: "part" | "sheet"): CellExpect {
  const w = c.wrote;
  const key = `${c.sheet}!${c.cell}`;
  let value: ValueExpect | null = null;
  if (c.touched !== "mark") {
    if (w && w.formula !== undefined && w.formula !== null) value = { kind: "formula", formula: w.formula, numFmt: w.numFmt };
    else if (w && w.formula === null) value = { kind: "value", value: w.value ?? null, numFmt: w.numFmt };
    else {
      const written = j.written.find((x) => x.sheet === c.sheet && x.cell === c.cell);
      value = written ? { kind: "value", value: written.value } : { kind: j.written.length ? "anyFormula" : "ourTextOrFormula" };
    }
  }
  let fill: FillExpect | null = null;
  let note: NoteExpect | null = null;
  if (c.touched !== "value") {
    fill = w && w.fill !== undefined ? { kind: "fill", fill: w.fill } : { kind: "markColour" };
    if (w && w.noteHash !== undefined) note = w.noteHash === null ? null : { kind: "hash", hash: w.noteHash };
    else if (j.noteHashes?.[key]) note = { kind: "hash", hash: j.noteHashes[key] };
    // The add-in's own version-1 part lists its notes; the command line's old sheet put one on every cell it marked.
    else if ((j.notes ?? []).includes(key) || source === "sheet") note = { kind: "ourLines" };
  }
  return { value, fill, note };
}

/** Whether a part is evidence of where the cell is: something we wrote that a blank cell does not hold. */
export function distinctive(e: CellExpect): { value: boolean; fill: boolean; note: boolean } {
  const v = e.value;
  return {
    value: !!v && (v.kind === "formula" || (v.kind === "value" && !isBlank(v.value))),
    fill: !!e.fill && (e.fill.kind === "markColour" || e.fill.fill !== null),
    note: !!e.note,
  };
}

const isBlank = (v: CellScalar) => v === null || v === "";

export function sameValue(a: CellScalar, b: CellScalar): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

const fmt = (f: string | null | undefined) => (!f || f === "General" ? null : f);

/** "same": holds it as written; "shifted": holds it with its references moved by the offset (Excel moved them); false: changed. */
export function valueMatches(e: ValueExpect, cur: CurrentCell, dRow: number, dCol: number): "same" | "shifted" | false {
  if ((e.kind === "value" || e.kind === "formula") && e.numFmt && fmt(e.numFmt) !== fmt(cur.numFmt)) return false;
  if (e.kind === "anyFormula") return cur.formula ? "same" : false;
  if (e.kind === "ourTextOrFormula") return cur.formula || OUR_TEXTS.includes(cur.value) ? "same" : false;
  if (e.kind === "value") return cur.formula === null && sameValue(cur.value, e.value) ? "same" : false;
  if (!cur.formula) return false;
  if ((dRow || dCol) && sameFormula(cur.formula, shiftReferences(e.formula, dRow, dCol, "all"))) return "shifted";
  return sameFormula(cur.formula, e.formula) ? "same" : false;
}

/** true / false, or "unknown" when the host could not read the fill. */
export function fillMatches(e: FillExpect, cur: CurrentCell): boolean | "unknown" {
  if (cur.fill === undefined) return "unknown";
  const now = cur.fill?.toUpperCase() ?? null;
  return e.kind === "markColour" ? now !== null && MARK_COLOURS.has(now) : now === (e.fill?.toUpperCase() ?? null);
}

/** true / false; "gone" when there is no note any more; "unknown" when notes could not be read. */
export function noteMatches(e: NoteExpect, cur: CurrentCell): boolean | "gone" | "unknown" {
  if (cur.note === undefined) return "unknown";
  if (cur.note === null) return "gone";
  if (e.kind === "hash") return noteHash(cur.note) === e.hash;
  const lines = cur.note.split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.length > 0 && lines.every((l) => OUR_LINE.test(l.trim()));
}

/**
 * Whether a note found on a journaled cell is still the add-in's to update or
 * delete: it reads as the add-in wrote it (the same rule undo uses). A
 * person's note, or ours that a person edited, is not.
 */
export function noteIsOurs(j: Journal, c: JournalCell | undefined, text: string, source: "part" | "sheet" = "part"): boolean {
  if (!c) return false;
  const e = expectOf(c, j, source).note;
  return !!e && noteMatches(e, { ...EMPTY_CELL, note: text }) === true;
}
