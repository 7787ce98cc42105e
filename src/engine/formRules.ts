import { a1, where } from "./address";
import type { CheckContext } from "./context";
import { allBandWords } from "./bandWords";
import { labelKey } from "./labels";
import type { NoteWeight } from "./locate/formNote";
import type { RuleSource } from "./locate/reading";
import type { SelfEvaluationTable } from "./locate/selfEvaluation";
import type { GradeBand, Profile } from "./profile";
import type { CellPos } from "./snapshot";
import { fmtAmount } from "./values";

/**
 * Rules from the form itself. Many forms print their own weights and grade bands in a note
 * ("产出指标50分、效益指标30分…", "90（含）-100分为优…"). Where present they replace the default
 * profile for that form; a profile the user chose explicitly wins, and a note that differs from it
 * is said (note-rules-differ). A weight on the form that contradicts its own note is an error
 * (note-weight-mismatch). Every rule's source goes into the form's reading.
 */
export interface FormRules {
  /** The profile this form is checked under. */
  profile: Profile;
  /** The execution weight when the money block has no 分值 column: its label's, else the note's. */
  executionWeight: { weight: number; pos: CellPos } | null;
  sources: RuleSource[];
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const cellOf = (p: CellPos | null | undefined) => (p ? a1(p.row, p.col) : null);

/** The note's weight for a group, matched by the group's own words ("产出指标" ↔ "产出指标（50分）"). */
function noteWeightFor(label: string, weights: NoteWeight[]): NoteWeight | null {
  const k = labelKey(label).replace(/\(.*?\)/g, "");
  if (!k) return null;
  const hits = weights.filter((w) => {
    const core = labelKey(w.name).replace(/指标$/, "");
    return core.length >= 2 && !/执行/.test(core) && (k.includes(core) || core.includes(k.replace(/指标$/, "")));
  });
  return hits.length === 1 ? hits[0] : null;
}

const sameBands = (a: GradeBand[], b: GradeBand[]) =>
  a.length === b.length && a.every((x, i) => x.min === b[i].min && x.minInclusive === b[i].minInclusive && (x.grade === b[i].grade || b[i].aliases.includes(x.grade) || x.aliases.includes(b[i].grade)));

export function formRules(t: SelfEvaluationTable, base: Profile, chosen: boolean, ctx: CheckContext): FormRules {
  const sources: RuleSource[] = [];
  const note = t.note;
  let profile = base;

  // Grade bands.
  if (note?.bands) {
    if (sameBands(note.bands, base.gradeBands)) sources.push({ rule: "grade-bands", from: "form-note", cell: cellOf(note.bandsPos) });
    else if (chosen) {
      sources.push({ rule: "grade-bands", from: "chosen-profile", cell: null });
      ctx.add(
        "info",
        "note-rules-differ",
        note.bandsPos!,
        `表注（${where(note.bandsPos!)}）的等级区间为${allBandWords({ ...base, gradeBands: note.bands }).join("、")}，与所选的“${base.name}”不同，按所选规则评定等级。`,
        `the note at ${where(note.bandsPos!)} prints other grade bands than the chosen profile ${base.id}; the chosen profile is applied`,
      );
    } else {
      profile = { ...profile, gradeBands: note.bands, name: `表注口径（${where(note.bandsPos!)}）` };
      sources.push({ rule: "grade-bands", from: "form-note", cell: cellOf(note.bandsPos) });
    }
  } else {
    sources.push({ rule: "grade-bands", from: chosen ? "chosen-profile" : "profile", cell: null });
  }

  // The execution weight: the 分值 column, else the block label ("预算执行情况(20分)"), else the note.
  const noteExec = note?.weights.filter((w) => /执行/.test(w.name)) ?? [];
  const execNote = noteExec.length === 1 ? noteExec[0] : null;
  let executionWeight: FormRules["executionWeight"] = null;
  const col = t.budget.weight;
  const colWeight = col && col.parsed.kind === "number" ? col.parsed.value : null;
  const hasMoney = t.reading.blocks.some((b) => b.role === "money");
  if (col) sources.push({ rule: "execution-weight", from: "column", cell: cellOf(col.pos) });
  else if (t.budgetLabelWeight) {
    executionWeight = { weight: t.budgetLabelWeight.weight, pos: t.budgetLabelWeight.pos };
    sources.push({ rule: "execution-weight", from: "block-label", cell: cellOf(t.budgetLabelWeight.pos) });
  } else if (execNote && hasMoney && t.budget.score) {
    executionWeight = { weight: execNote.weight, pos: note!.pos };
    sources.push({ rule: "execution-weight", from: "form-note", cell: cellOf(note!.pos) });
  }
  const formExec = colWeight ?? t.budgetLabelWeight?.weight ?? null;
  const formExecPos = col?.pos ?? t.budgetLabelWeight?.pos ?? null;
  if (execNote && formExec !== null && formExecPos && !near(formExec, execNote.weight)) {
    ctx.add(
      "error",
      "note-weight-mismatch",
      formExecPos,
      `执行率分值为 ${fmtAmount(formExec)}（${where(formExecPos)}），而表注（${where(note!.pos)}）规定“${execNote.name}${fmtAmount(execNote.weight)}分”。`,
      `execution weight ${formExec} at ${where(formExecPos)} differs from the note's ${execNote.weight} at ${where(note!.pos)}`,
    );
  }

  // Group weights: the 分值 column's sums, the group labels, else the note.
  const byColumn = t.indicatorHeader?.cols.weight !== undefined;
  let fromNote = false;
  for (const g of t.groups) {
    const nw = note ? noteWeightFor(g.label || g.rows[0]?.level2 || "", note.weights) : null;
    const at = g.labelPos ?? g.rows[0]?.name.pos ?? null;
    if (g.statedWeight === null && nw && !byColumn) {
      g.statedWeight = nw.weight;
      fromNote = true;
    } else if (nw && at) {
      const sum = byColumn ? g.rows.reduce((s, r) => s + (r.weight && r.weight.parsed.kind === "number" ? r.weight.parsed.value : 0), 0) : null;
      const onForm = g.statedWeight ?? (g.rows.some((r) => r.weight && r.weight.parsed.kind === "number") ? sum : null);
      if (onForm !== null && !near(onForm, nw.weight)) {
        ctx.add(
          "error",
          "note-weight-mismatch",
          at,
          `${g.label || "该组指标"}的分值为 ${fmtAmount(onForm)}（${where(at)}），而表注（${where(note!.pos)}）规定“${nw.name}${fmtAmount(nw.weight)}分”。`,
          `group ${g.label} weighs ${onForm} at ${where(at)}; the note at ${where(note!.pos)} says ${nw.weight}`,
        );
      }
    }
  }
  if (t.groups.length > 0) {
    const from: RuleSource["from"] = byColumn ? "column" : fromNote ? "form-note" : t.groups.some((g) => g.statedWeight !== null) ? "group-label" : "profile";
    sources.push({ rule: "group-weights", from, cell: from === "form-note" ? cellOf(note!.pos) : from === "group-label" ? cellOf(t.groups.find((g) => g.statedWeight !== null)?.labelPos) : null });
  }
  if (t.indicatorHeader?.weight != null) sources.push({ rule: "indicator-weights", from: "header-label", cell: cellOf(t.indicatorHeader.weightPos) });
  if (t.weightsInPercent) sources.push({ rule: "indicator-weights", from: "percent-column", cell: cellOf(t.weightsInPercent) });
  return { profile, executionWeight, sources };
}
