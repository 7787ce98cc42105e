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
  grades: { grade: string; sentence: string }[];
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

/** `gradeWords`: the grade words to look for (default: both built-in profiles' words). */
export function extractNarrative(text: string, gradeWords: string[] = STANDARD_GRADE_WORDS): Narrative {
  const figures: StatedFigure[] = [];
  const totals: StatedTotal[] = [];
  const grades: { grade: string; sentence: string }[] = [];
  for (const sentence of splitSentences(text)) {
    const s = foldWidth(sentence).replace(/\s+/g, "");
    // "X共计A万元，其中B1万元，B2万元" — a total and its parts.
    const tot = new RegExp(`([\\u4e00-\\u9fff]{2,8}?)(?:共计|合计|总计)${NUM}万元[，,]?其中(.*)`).exec(s);
    if (tot) {
      const what = itemOf(tot[1]);
      const parts = [...tot[3].matchAll(new RegExp(`([\\u4e00-\\u9fff]{2,10}?)${NUM}万元`, "g"))].map((m) => ({ what: itemOf(m[1]), label: m[1], value: Number(m[2]) }));
      if (what && parts.length >= 2) totals.push({ what, total: Number(tot[2]), parts, sentence });
    }
    for (const m of s.matchAll(new RegExp(`([\\u4e00-\\u9fff]{2,10}?)(?:共计|合计|总计|为)?${NUM}万元`, "g"))) {
      const what = itemOf(m[1]);
      if (what) figures.push({ what, value: Number(m[2]), sentence });
    }
    const quota = new RegExp(`(?:共有|核定)?编制${NUM}人`).exec(s);
    if (quota) figures.push({ what: "staffQuota", value: Number(quota[1]), sentence });
    const actual = new RegExp(`(?:实有|实际)在职(?:人员|人数)?${NUM}人`).exec(s);
    if (actual) figures.push({ what: "staffActual", value: Number(actual[1]), sentence });
    const score = new RegExp(`(?:得分|总分|自评得分)(?:为)?${NUM}分`).exec(s);
    if (score) figures.push({ what: "totalScore", value: Number(score[1]), sentence });
    const grade = statedGrade(s, gradeWords);
    if (grade) grades.push({ grade, sentence });
  }
  return { figures, totals, grades };
}
