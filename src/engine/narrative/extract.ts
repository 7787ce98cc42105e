import { foldWidth } from "../labels";
import { STANDARD_GRADE_WORDS, statedGrade } from "./grades";

/**
 * Figures stated in the narrative report (部门整体支出绩效自评报告), sentence by
 * sentence: "基本支出共计331.83万元，其中人员经费160.08万元，公用经费171.75万元",
 * "得分88分", "绩效为“良”". Only figures with their unit are taken; a bare
 * number in the text is never guessed to be one of ours.
 */
export interface StatedFigure {
  /** Canonical name of what is stated. */
  what: NarrativeItem;
  value: number;
  /** The sentence as written, for quoting. */
  sentence: string;
  /** The form the sentence names (see FormNamed); a score or a grade is held against that form only. */
  form: FormNamed;
}

/**
 * Which form a sentence speaks of, by the project names it contains: a form's index when it
 * names exactly one, "none" when it names none, "several" when it names more than one (a
 * figure in it cannot be told apart, so it is not held against any).
 */
export type FormNamed = number | "none" | "several";

/** Shortest project name looked for in a sentence: shorter ones (项目, 工程) would match anywhere. */
const MIN_NAME = 4;

const fold = (s: string) => foldWidth(s).replace(/\s+/g, "");

function formNamed(s: string, names: string[]): FormNamed {
  const named = names.map((n, i) => (n.length >= MIN_NAME && s.includes(n) ? i : -1)).filter((i) => i >= 0);
  // A name inside another named one ("污水处理" in "村级污水处理设施建设") is the longer one's.
  const own = named.filter((i) => !named.some((j) => j !== i && names[j].length > names[i].length && names[j].includes(names[i])));
  return own.length === 0 ? "none" : own.length === 1 ? own[0] : "several";
}

export type NarrativeItem =
  | "basic"
  | "personnel"
  | "publicFunds"
  | "project"
  | "business"
  | "operation"
  | "special"
  | "staffQuota"
  | "staffActual"
  | "totalScore";

export interface StatedTotal {
  what: NarrativeItem;
  total: number;
  parts: { what: NarrativeItem | null; label: string; value: number }[];
  sentence: string;
}

export interface Narrative {
  figures: StatedFigure[];
  totals: StatedTotal[];
  grades: { grade: string; sentence: string; form: FormNamed }[];
}

/** Labels as the report writes them, longest first so "业务工作经费" wins over shorter words. */
const LABELS: [RegExp, NarrativeItem][] = [
  [/基本支出/, "basic"],
  [/人员经费/, "personnel"],
  [/公用经费/, "publicFunds"],
  [/项目支出/, "project"],
  [/业务工作经费/, "business"],
  [/运行维护经费/, "operation"],
  [/(上级)?专项资金/, "special"],
];

const NUM = "(\\d+(?:\\.\\d+)?)";

/** Sentences as written (for quoting); matching folds their width separately. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。；;])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function itemOf(label: string): NarrativeItem | null {
  for (const [re, item] of LABELS) if (re.test(label)) return item;
  return null;
}

/**
 * `gradeWords`: the grade words to look for (default: both built-in profiles' words).
 * `formNames`: each form's project name ("" for a 部门整体 form), to tell which form a
 * sentence's score or grade is about.
 */
export function extractNarrative(text: string, gradeWords: string[] = STANDARD_GRADE_WORDS, formNames: string[] = []): Narrative {
  const figures: StatedFigure[] = [];
  const totals: StatedTotal[] = [];
  const grades: Narrative["grades"] = [];
  const names = formNames.map(fold);
  for (const sentence of splitSentences(text)) {
    const s = fold(sentence);
    const form = formNamed(s, names);
    // "X共计A万元，其中B1万元，B2万元" — a total and its parts.
    const tot = new RegExp(`([\\u4e00-\\u9fff]{2,8}?)(?:共计|合计|总计)${NUM}万元[，,]?其中(.*)`).exec(s);
    if (tot) {
      const what = itemOf(tot[1]);
      const parts = [...tot[3].matchAll(new RegExp(`([\\u4e00-\\u9fff]{2,10}?)${NUM}万元`, "g"))].map((m) => ({ what: itemOf(m[1]), label: m[1], value: Number(m[2]) }));
      if (what && parts.length >= 2) totals.push({ what, total: Number(tot[2]), parts, sentence });
    }
    for (const m of s.matchAll(new RegExp(`([\\u4e00-\\u9fff]{2,10}?)(?:共计|合计|总计|为)?${NUM}万元`, "g"))) {
      const what = itemOf(m[1]);
      if (what) figures.push({ what, value: Number(m[2]), sentence, form });
    }
    const quota = new RegExp(`(?:共有|核定)?编制${NUM}人`).exec(s);
    if (quota) figures.push({ what: "staffQuota", value: Number(quota[1]), sentence, form });
    const actual = new RegExp(`(?:实有|实际)在职(?:人员|人数)?${NUM}人`).exec(s);
    if (actual) figures.push({ what: "staffActual", value: Number(actual[1]), sentence, form });
    const score = new RegExp(`(?:得分|总分|自评得分)(?:为)?${NUM}分`).exec(s);
    if (score) figures.push({ what: "totalScore", value: Number(score[1]), sentence, form });
    const grade = statedGrade(s, gradeWords);
    if (grade) grades.push({ grade, sentence, form });
  }
  return { figures, totals, grades };
}
