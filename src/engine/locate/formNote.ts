import { foldWidth, stripSpaces } from "../labels";
import type { GradeBand } from "../profile";
import type { CellPos } from "../snapshot";

/**
 * What a form prints about its own rules, in its note (说明 / 注 / 备注 / 表注): the weights
 * ("分值设定100分，其中预算执行率10分、产出指标50分、效益指标30分、满意度指标10分") and the grade
 * bands ("90（含）-100分为优", "优秀（大于90分）、良好（80-90分）…"). Read only where the text
 * leaves one reading; a band list with a gap or a clash is not read (and said so).
 */
export interface NoteWeight {
  /** The words before the figure, as printed ("预算执行率", "产出指标"). */
  name: string;
  weight: number;
}

export interface FormNote {
  pos: CellPos;
  weights: NoteWeight[];
  /** Highest band first, as GradeBand (min, minInclusive); null when the note states none or they clash. */
  bands: GradeBand[] | null;
  /** Why bands the note states could not be used. */
  bandsUnread: string | null;
  /** Where the bands were read. */
  bandsPos: CellPos | null;
}

/** Grade words, most specific first, with the spellings that mean the same band. */
const GRADE_WORDS: [string, string[]][] = [
  ["优秀", ["优"]],
  ["良好", ["良"]],
  ["合格", ["及格"]],
  ["中等", ["中"]],
  ["较差", []],
  ["不合格", []],
  ["差", []],
  ["优", ["优秀"]],
  ["良", ["良好"]],
  ["中", ["中等", "较差"]],
];

/**
 * How a band states one of its ends: "in" when it says so (含, ≥, ≤), "law" for 以上/以下 (which
 * 《民法典》第一千二百五十九条 reads as including the figure, and a form's explicit 含 on the
 * neighbour outranks), "out" when it excludes it (大于, 小于, 不含), "bare" for a plain "80-90".
 */
type End = "in" | "law" | "out" | "bare";

interface BandClaim {
  grade: string;
  lo: number | null;
  loEnd: End;
  hi: number | null;
  hiEnd: End;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;

/** One band phrase: its grade word and its ends. */
function claimOf(phrase: string): BandClaim | null {
  const s = phrase.replace(/其中|集中|中央|之中|中心/g, "");
  const g = /优秀|良好|合格|中等|较差|不合格|优|良|中|差/.exec(s);
  if (!g) return null;
  const grade = g[0];
  const mark = (t: string | undefined): End => (t === "(含)" ? "in" : t === "(不含)" ? "out" : "bare");
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`${NUM}分?(\(含\)|\(不含\))?分?[-~～至到—–]+${NUM}分?(\(含\)|\(不含\))?`).exec(s))) {
    return { grade, lo: +m[1], loEnd: mark(m[2]), hi: +m[3], hiEnd: mark(m[4]) };
  }
  if ((m = new RegExp(String.raw`${NUM}分?(≤|<=|<)[^\d]*?(<|≤|<=)${NUM}`).exec(s))) {
    return { grade, lo: +m[1], loEnd: m[2] === "<" ? "out" : "in", hi: +m[4], hiEnd: m[3] === "<" ? "out" : "in" };
  }
  if ((m = new RegExp(String.raw`(≥|>=|不低于|不少于)${NUM}`).exec(s))) return { grade, lo: +m[2], loEnd: "in", hi: null, hiEnd: "bare" };
  if ((m = new RegExp(String.raw`(>|大于|高于|超过)${NUM}`).exec(s))) return { grade, lo: +m[2], loEnd: "out", hi: null, hiEnd: "bare" };
  if ((m = new RegExp(String.raw`(<=|≤|不高于|不超过)${NUM}`).exec(s))) return { grade, lo: null, loEnd: "bare", hi: +m[2], hiEnd: "in" };
  if ((m = new RegExp(String.raw`(<|小于|低于|不满|不足|不到)${NUM}`).exec(s))) return { grade, lo: null, loEnd: "bare", hi: +m[2], hiEnd: "out" };
  if ((m = new RegExp(String.raw`${NUM}分?(\(含\)|\(不含\))?分?(?:及)?以上`).exec(s))) return { grade, lo: +m[1], loEnd: m[2] ? mark(m[2]) : "law", hi: null, hiEnd: "bare" };
  if ((m = new RegExp(String.raw`${NUM}分?(\(含\)|\(不含\))?分?(?:及)?以下`).exec(s))) return { grade, lo: null, loEnd: "bare", hi: +m[1], hiEnd: m[2] ? mark(m[2]) : "law" };
  return null;
}

/** Split a note into band phrases: each holds one grade word and its figures. */
function bandPhrases(text: string): string[] {
  // "优秀（大于90分）、良好（80-90分）" and "90（含）-100分为优；80（含）-90分为良" both split on 、；;，,。
  return text.split(/[、；;，,。\n]/).map((p) => p.trim()).filter((p) => /\d/.test(p) && /优|良|中|差|合格/.test(p));
}

const RANK: Record<End, number> = { in: 3, law: 2, bare: 1, out: 0 };

/**
 * The bands a note states, as the profile's GradeBand list (highest first). Where two bands share
 * an end, it goes to the one that claims it more firmly (含 over 以上/以下 over a bare figure; 大于 or
 * 小于 gives it away); two bare ends go to the higher band, as the seed profile reads the seed's
 * 良好（80-90分）、较差（60-80分）. Null with a reason when the bands leave a gap, overlap, or both
 * claim an end as firmly.
 */
export function bandsOf(text: string): { bands: GradeBand[] | null; why: string | null } {
  const s = stripSpaces(foldWidth(text));
  if (!/等级|等次|评价结果|评定|为优|优秀|良好|合格/.test(s)) return { bands: null, why: null };
  const claims = bandPhrases(s).map(claimOf).filter((c): c is BandClaim => c !== null);
  if (claims.length < 2) return { bands: null, why: null };
  if (new Set(claims.map((c) => c.grade)).size !== claims.length) return { bands: null, why: "说明中的等级重复出现" };
  const ordered = [...claims].sort((a, b) => (b.lo ?? b.hi ?? -Infinity) - (a.lo ?? a.hi ?? -Infinity));
  const bands: GradeBand[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const up = ordered[i];
    const down = ordered[i + 1];
    if (!down) {
      if ((up.lo ?? 0) !== 0) return { bands: null, why: "说明中的等级区间未覆盖到 0 分" };
      bands.push({ grade: up.grade, min: 0, minInclusive: true, aliases: aliasesOf(up.grade) });
      break;
    }
    const edge = up.lo ?? down.hi;
    if (edge === null || (up.lo !== null && down.hi !== null && up.lo !== down.hi)) return { bands: null, why: `说明中的等级区间不衔接（“${up.grade}”与“${down.grade}”）` };
    const u = up.lo !== null ? RANK[up.loEnd] : 1;
    const d = down.hi !== null ? RANK[down.hiEnd] : 1;
    if (u === d && u >= 2) return { bands: null, why: `说明中 ${edge} 分同时属于“${up.grade}”和“${down.grade}”` };
    if (u === 0 && d === 0) return { bands: null, why: `说明中 ${edge} 分不属于任何等级` };
    bands.push({ grade: up.grade, min: edge, minInclusive: u >= d, aliases: aliasesOf(up.grade) });
  }
  return { bands, why: null };
}

function aliasesOf(grade: string): string[] {
  return GRADE_WORDS.find(([g]) => g === grade)?.[1] ?? [];
}

/**
 * Weights a note prints: "预算执行率10分", "产出指标50分", "预算执行20分、年度绩效目标80分",
 * "产出指标（50分）". The total ("分值设定100分", "满分100分") is left out.
 */
export function weightsOf(text: string): NoteWeight[] {
  const s = stripSpaces(foldWidth(text));
  const out: NoteWeight[] = [];
  const re = /([\u4e00-\u9fff]{2,12}?)(?:占|为|权重|分值)?[(（]?(\d+(?:\.\d+)?)分/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const name = m[1].replace(/^(其中|包括|含|设定|设置|分别为|分别|依次为)+/, "");
    if (!name || /分值|满分|总分|设定|合计|共计|总计|以上|以下|大于|小于|含|等级|优秀|良好|合格|较差|为优|为良|为中|为差/.test(name)) continue;
    if (!/指标|执行|目标|决策|过程|产出|效益|效果|满意度|投入|管理|履职/.test(name)) continue;
    out.push({ name, weight: Number(m[2]) });
  }
  return out;
}

/** Read a note cell; null when it states neither weights nor bands. Remembered by text: a folder's forms print the same notes. */
export function readFormNote(text: string): Omit<FormNote, "pos" | "bandsPos"> | null {
  let r = notes.get(text);
  if (r === undefined) {
    if (notes.size >= 2000) notes.clear();
    notes.set(text, (r = readNoteText(text)));
  }
  // Each form gets its own copy: the check fills weights into its groups.
  return r && { weights: r.weights.map((w) => ({ ...w })), bands: r.bands && r.bands.map((b) => ({ ...b, aliases: [...b.aliases] })), bandsUnread: r.bandsUnread };
}
const notes = new Map<string, Omit<FormNote, "pos" | "bandsPos"> | null>();

function readNoteText(text: string): Omit<FormNote, "pos" | "bandsPos"> | null {
  const weights = weightsOf(text);
  const { bands, why } = bandsOf(text);
  if (weights.length === 0 && !bands && !why) return null;
  return { weights, bands, bandsUnread: why };
}
