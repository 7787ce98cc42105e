import type { Profile } from "./profile";

/**
 * A grade band in words with both ends stated, generated from the profile's bands (highest
 * first; the top band ends at the total weight). The one wording people read, in the pane,
 * 「核查结果」, the command line, grade-mismatch findings and the summary workbook:
 *   优秀：90 分以上（不含 90）   良好：80（含）–90（含）分   差：60 分以下（不含 60）
 */
export function bandWords(grade: string, profile: Profile): string {
  const range = bandRange(grade, profile);
  return range ? `${grade}：${range}` : "";
}

/** The band's ends alone: 80（含）–90（含）分 (without the grade's name). */
export function bandRange(grade: string, profile: Profile): string {
  const bands = profile.gradeBands;
  const i = bands.findIndex((b) => b.grade === grade);
  if (i < 0) return "";
  const b = bands[i];
  const incl = (yes: boolean) => (yes ? "含" : "不含");
  const upper = i === 0 ? profile.totalWeight : bands[i - 1].min;
  const upperInclusive = i === 0 ? true : !bands[i - 1].minInclusive;
  if (i === 0) return `${b.min} 分以上（${incl(b.minInclusive)} ${b.min}）`;
  if (i === bands.length - 1 && b.min <= 0) return `${upper} 分以下（${incl(upperInclusive)} ${upper}）`;
  return `${b.min}（${incl(b.minInclusive)}）–${upper}（${incl(upperInclusive)}）分`;
}

/** Every band of a profile in words, highest first. */
export function allBandWords(profile: Profile): string[] {
  return profile.gradeBands.map((b) => bandWords(b.grade, profile));
}
