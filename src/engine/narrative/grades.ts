/**
 * The grade a narrative report states, however it is phrased:
 * 评价等级为“优秀” / 评价等级为优秀 / 等级为优秀 / 评价等级：优秀 / 自评等级为优秀 /
 * 综合评价等级为优秀等次 / 自评结果为优秀 / 绩效评价结果为优秀等级 / 绩效为“良”.
 *
 * A grade word counts only after a subject (绩效, 评价, 自评, 等级, 等次, 评价结果 …)
 * and a connector (为, 是, 属于, 评定为, a colon) or an opening quotation mark,
 * and only where the word ends: "差" in 偏差/差异/差距, "中" in 其中/中央, "优" in
 * 优化/优先 or "良好" in 良好率 are never read as a grade, nor is a 满意度评价.
 */

/** Grade words of both built-in profiles and their usual spellings. */
export const STANDARD_GRADE_WORDS = ["优秀", "良好", "较差", "中等", "优", "良", "中", "差"];

const SUBJECT = "(?:(?:评价|自评|考评|考核|绩效)结果|绩效|评价|自评|等级|等次|档次|级别)";
const CONNECTOR = "(?:评定为|评为|定为|属于|达到|为|是)";
// Text is width-folded first (NFKC): "：" is ":" by then.
const OPEN_QUOTE = "[“\"'「『‘]";
const CLOSE_QUOTE = "[”\"'」』’]";
const SUFFIX = "(?:等级|等次|等|级|档次|档)";
/** What may follow an unquoted grade word: punctuation, the end, or 的/水平. */
const WORD_END = "(?=$|[,.;:!?()、。\\s]|的|水平)";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function gradePattern(words: string[]): RegExp {
  const alt = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join("|");
  // "满意度评价为良好" speaks of satisfaction, not of the report's grade.
  const lead = `(?<!满意度?)${SUBJECT}(?:${CONNECTOR}:?${OPEN_QUOTE}?|:${OPEN_QUOTE}?|${OPEN_QUOTE})`;
  return new RegExp(`${lead}(${alt})(?:${CLOSE_QUOTE}${SUFFIX}?|${SUFFIX}?${WORD_END})`, "g");
}

/**
 * The first grade word a sentence states, or null. `s` is the sentence
 * width-folded with its white space removed; `words` are the grade words to
 * look for (the standard ones and the profile's bands and aliases).
 */
export function statedGrade(s: string, words: string[] = STANDARD_GRADE_WORDS): string | null {
  const m = gradePattern(words).exec(s);
  return m ? m[1] : null;
}
