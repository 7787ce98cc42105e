import { parseA1, rangeA1 } from "./address";
import type { Finding, RuleId, Severity } from "./findings";
import { isWhiteSpace } from "./whiteSpace";

/**
 * The same problem repeated down a column (the seed's ten 成本指标 targets
 * typed in 元) is one thing for a clerk to fix: it is shown once, over its
 * range, in the pane, 「核查结果」 and the CLI text. JSON keeps one finding per
 * cell, so machines can count them.
 */
export interface FindingGroup {
  severity: Severity;
  rule: RuleId;
  sheet: string;
  /** A1 addresses, in the order of the findings. */
  cells: string[];
  /** Compact A1 text over the cells: "E14:E23", "E14", "I15:I17,I19,I21". */
  range: string;
  /** One finding: its own message. Several: one sentence naming each cell. */
  message: string;
  findings: Finding[];
}

/**
 * What varies between repeats of one message: quoted names, cell references
 * (sheet-qualified or not, ranges too) and numbers. The rest is the message's shape.
 *
 * As one regular expression, (“[^”]*”|(?:[^\s!“”（）()，,。：:；;、]+!)?REF|NUMBER),
 * the optional sheet name backtracks over every run of Chinese text looking for
 * a "!", which made grouping a tenth of a check. Messages without "!" use the
 * expression minus that prefix; the others are scanned left to right with the same
 * leftmost-first choices, knowing where each run of sheet-name characters ends
 * (test/findingGroups.test.ts holds both to the single expression).
 */
const SLOT_NO_SHEET = /“[^”]*”|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|[+-]?\d+(?:\.\d+)?%?/g;
const QUOTE_AT = /“[^”]*”/y;
const REF_AT = /\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?/y;
const NUMBER_AT = /[+-]?\d+(?:\.\d+)?%?/y;
/** Characters that end a sheet name in a message: white space and the punctuation around references. */
const NOT_IN_SHEET_NAME = new Set([..."!“”（）()，,。：:；;、"].map((c) => c.charCodeAt(0)));
const endsName = (code: number) => NOT_IN_SHEET_NAME.has(code) || isWhiteSpace(code);

export function messageShape(message: string): string {
  if (!message.includes("!")) return message.replace(SLOT_NO_SHEET, "\u0001");
  const n = message.length;
  let out = "";
  let last = 0;
  // The end of the run of sheet-name characters holding p (p itself when it ends one), kept as p moves on.
  let run = -1;
  for (let p = 0; p < n; ) {
    if (run < p) for (run = p; run < n && !endsName(message.charCodeAt(run)); ) run++;
    const end = slotEnd(message, p, run);
    if (end < 0) {
      p++;
      continue;
    }
    out += message.slice(last, p) + "\u0001";
    last = p = end;
  }
  return out + message.slice(last);
}

/** Where a slot starting at p ends (-1: none starts there), alternatives in the expression's order. */
function slotEnd(m: string, p: number, run: number): number {
  const c = m[p];
  if (c === "“") {
    const e = matchEnd(QUOTE_AT, m, p);
    if (e >= 0) return e;
  }
  if (run > p && m[run] === "!") {
    const e = matchEnd(REF_AT, m, run + 1);
    if (e >= 0) return e;
  }
  const code = m.charCodeAt(p);
  const ref = code === 36 || (code >= 65 && code <= 90) ? matchEnd(REF_AT, m, p) : -1; // $ A–Z
  if (ref >= 0) return ref;
  return code === 43 || code === 45 || (code >= 48 && code <= 57) ? matchEnd(NUMBER_AT, m, p) : -1; // + - 0–9
}

function matchEnd(re: RegExp, m: string, p: number): number {
  re.lastIndex = p;
  return re.test(m) ? re.lastIndex : -1;
}

/**
 * A check groups its findings for the notes, 「核查结果」 and the CLI text alike: the same
 * array, grouped once. Callers never change a report's findings after the check.
 */
const grouped = new WeakMap<readonly Finding[], FindingGroup[]>();

/** Group findings: same severity, rule, sheet (and form) and same-shaped message; order kept. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  let groups = grouped.get(findings);
  if (!groups) grouped.set(findings, (groups = groupOnce(findings)));
  return groups;
}

function groupOnce(findings: Finding[]): FindingGroup[] {
  const byKey = new Map<string, Finding[]>();
  // Findings of two forms never merge. A message's shape is only worked out when its rule
  // has another finding on that sheet: most findings are the only one of their kind.
  const coarse = findings.map((f) => [f.severity, f.rule, f.sheet, f.form ?? ""].join("\u0000"));
  const counts = new Map<string, number>();
  for (const k of coarse) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const [i, f] of findings.entries()) {
    const key = counts.get(coarse[i])! > 1 ? `${coarse[i]}\u0000${messageShape(f.message)}` : coarse[i];
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  return [...byKey.values()].map((list) => ({
    severity: list[0].severity,
    rule: list[0].rule,
    sheet: list[0].sheet,
    cells: list.map((f) => f.cell),
    range: compactRange(list.map((f) => f.cell)),
    message: list.length === 1 ? list[0].message : groupMessage(list),
    findings: list,
  }));
}

/**
 * "E14:E23", or runs joined by commas ("I15:I17,I19,I21"). Runs down a column
 * come first; side-by-side runs of equal height merge into one rectangle.
 */
export function compactRange(cells: string[]): string {
  const points = [...new Set(cells)].map((c) => parseA1(c)).filter((p): p is { row: number; col: number } => p !== null);
  points.sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const p of points) {
    const last = runs[runs.length - 1];
    if (last && last.left === p.col && last.bottom === p.row - 1) last.bottom = p.row;
    else runs.push({ top: p.row, bottom: p.row, left: p.col, right: p.col });
  }
  const merged: typeof runs = [];
  for (const r of runs) {
    const prev = merged.find((m) => m.right === r.left - 1 && m.top === r.top && m.bottom === r.bottom);
    if (prev) prev.right = r.right;
    else merged.push({ ...r });
  }
  return merged.map(rangeA1).join(",");
}

/** The first area of a range string ("I15:I17,I19" → "I15:I17"): what a click selects. */
export function firstArea(range: string): string {
  return range.split(",")[0];
}

/** Whether every cell of the group is in one column. */
export function oneColumn(g: FindingGroup): boolean {
  return new Set(g.cells.map((c) => c.replace(/\d+$/, ""))).size === 1;
}

/**
 * A per-cell note's pointer to the rest of its group ("本列 E14:E23 共 10 处同类问题");
 * empty for a problem found once.
 */
export function groupNoteSuffix(g: FindingGroup): string {
  if (g.findings.length < 2) return "";
  return `（${oneColumn(g) ? "本列 " : ""}${g.range} 共 ${g.findings.length} 处同类问题）`;
}

/** How the repeats of a rule read as one sentence: a pattern over each message, the item it gives, the sentence. */
interface GroupPhrase {
  pattern: RegExp;
  item: (m: RegExpExecArray, f: Finding) => string;
  sentence: (items: string, n: number, first: RegExpExecArray) => string;
}

const PHRASES: Partial<Record<RuleId, GroupPhrase[]>> = {
  "unit-suspect": [
    {
      pattern: /^“(.+?)”的年度指标值 (\S+?)（[^）]*）大于(.+?)，应是以元计；/,
      item: (m, f) => `${f.cell} ${m[1]} ${m[2]}`,
      sentence: (items, n, m) => `${n} 项指标的年度指标值大于${m[3]}，应是以元计：${items}。请在指标值后注明单位（如“${m[2]}元”）。`,
    },
    {
      pattern: /^(.+?)（(.+?)）为 (\S+?)，表头单位是万元/,
      item: (m, f) => `${f.cell} ${m[1]}（${m[2]}）${m[3]}`,
      sentence: (items, n) => `${n} 个金额在万元表头下更像是以元填写的：${items}。请核对单位，本工具不会自动换算。`,
    },
  ],
  "deviation-unexplained": [
    {
      pattern: /^“(.+?)”扣 (\S+?) 分/,
      item: (m, f) => `${f.cell} ${m[1]} 扣 ${m[2]} 分`,
      sentence: (items, n) => `${n} 项指标扣了分，偏差原因未填写：${items}。请填写偏差原因分析及改进措施。`,
    },
  ],
  "indicator-actual-missing": [
    {
      pattern: /^“(.+?)”有年度指标值 /,
      item: (m, f) => `${f.cell} ${m[1]}`,
      sentence: (items, n) => `${n} 项指标有年度指标值，实际完成值未填写：${items}。`,
    },
  ],
  "indicator-below-target": [
    {
      pattern: /^“(.+?)”实际完成值 (.+?)（[^）]*）(高于|未达到)年度指标值 (.+?)（/,
      item: (m, f) => `${f.cell} ${m[1]}（实际 ${m[2]}，目标 ${m[4]}）`,
      sentence: (items, n, m) => `${n} 项指标的实际完成值${m[3]}年度指标值，偏差原因未填写：${items}。请填写偏差原因。`,
    },
  ],
  "value-missing": [
    {
      pattern: /^“(.+?)”有分值 (\S+?) 但得分未填写/,
      item: (m, f) => `${f.cell} ${m[1]}`,
      sentence: (items, n) => `${n} 项指标有分值但得分未填写：${items}，总分无法计算。`,
    },
  ],
  "score-out-of-range": [
    {
      pattern: /^“(.+?)”得分 (\S+?) 超出 0–(\S+?) 的范围/,
      item: (m, f) => `${f.cell} ${m[1]} 得分 ${m[2]}（分值 ${m[3]}）`,
      sentence: (items, n) => `${n} 项指标的得分超出 0 至分值的范围：${items}。`,
    },
  ],
};

/** Items listed in one sentence at most; the rest are counted. */
const MAX_ITEMS = 20;

function groupMessage(list: Finding[]): string {
  for (const phrase of PHRASES[list[0].rule] ?? []) {
    const matches = list.map((f) => phrase.pattern.exec(f.message));
    if (matches.some((m) => !m)) continue;
    const items = list.slice(0, MAX_ITEMS).map((f, i) => phrase.item(matches[i]!, f));
    const rest = list.length > MAX_ITEMS ? `等（另有 ${list.length - MAX_ITEMS} 处）` : "";
    return phrase.sentence(items.join("、") + rest, list.length, matches[0]!);
  }
  // No phrasing for this rule's message: the first case in full, and where the others are.
  return `${list[0].message}（同类问题共 ${list.length} 处：${compactRange(list.map((f) => f.cell))}）`;
}
