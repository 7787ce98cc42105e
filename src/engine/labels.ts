/**
 * Label normalisation. Clerks type labels with stray spaces, line breaks,
 * full-width punctuation and numbering ("  1、业务工作经费"); matching is done
 * on a canonical key so that none of that matters.
 */

/** NFKC folds full-width digits/punctuation and the ideographic space. */
export function foldWidth(s: string): string {
  if (s.length > MEMO_MAX_LENGTH) return s.normalize("NFKC");
  let out = folded.get(s);
  if (out === undefined) {
    if (folded.size >= MEMO_ENTRIES) folded.clear();
    folded.set(s, (out = s.normalize("NFKC")));
  }
  return out;
}
/** NFKC is slow next to a map lookup, and cells repeat their texts within a form and across a folder. */
const folded = new Map<string, string>();
/**
 * The memos hold short texts only (labels, names, figures) and a bounded number of them, so a
 * workbook of long unique texts cannot make them grow: at most about 20 MB of strings.
 */
const MEMO_MAX_LENGTH = 256;
const MEMO_ENTRIES = 20000;

/** Remove every kind of white space, including U+3000 and zero-width ones. */
export function stripSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u3000\ufeff]+/g, "");
}

const NUMBERING = [
  /^[(（]?[0-9一二三四五六七八九十]{1,3}[)）]/, // (一) 1)
  /^[0-9一二三四五六七八九十]{1,3}[、.，,]/, // 1、 一、 1.
];

/**
 * Canonical key of a label: width-folded, spaces removed, leading numbering
 * and "其中：" removed, a trailing colon removed.
 */
export function labelKey(raw: string): string {
  if (raw.length > MEMO_MAX_LENGTH) return computeLabelKey(raw);
  let key = keys.get(raw);
  if (key === undefined) {
    // Bounded: a folder run sees the same few hundred labels in every workbook.
    if (keys.size >= MEMO_ENTRIES) keys.clear();
    keys.set(raw, (key = computeLabelKey(raw)));
  }
  return key;
}
/** labelKey's results by raw text: NFKC folding was a sixth of a check, and forms repeat their labels. */
const keys = new Map<string, string>();

function computeLabelKey(raw: string): string {
  let s = stripSpaces(foldWidth(raw));
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of NUMBERING) {
      const next = s.replace(re, "");
      if (next !== s) {
        s = next;
        changed = true;
      }
    }
    if (s.startsWith("其中:")) {
      s = s.slice(3);
      changed = true;
    }
  }
  return s.replace(/:$/, "");
}

/**
 * Weight stated in a label such as "效益指标（30分）"; null when none. A label that lost its opening
 * bracket ("预算执行情况(万元)20分)") or never had one ("产出指标 50分") states it at its end.
 */
export function weightInLabel(raw: string): number | null {
  const s = stripSpaces(foldWidth(raw));
  const m = /\((\d+(?:\.\d+)?)分\)/.exec(s) ?? /[^\d.](\d+(?:\.\d+)?)分\)?$/.exec(s);
  return m ? Number(m[1]) : null;
}

/** A 一级 group's weight: as weightInLabel, or a bare number in brackets ending the label ("过程(30)"). */
export function groupWeightInLabel(raw: string): number | null {
  const m = /[^\d.]\((\d+(?:\.\d+)?)\)$/.exec(stripSpaces(foldWidth(raw)));
  return weightInLabel(raw) ?? (m ? Number(m[1]) : null);
}

/** Four-digit year in a header such as "2022年决算数". */
export function yearInLabel(raw: string): number | null {
  const m = /(19|20)\d\d/.exec(foldWidth(raw));
  return m ? Number(m[0]) : null;
}
