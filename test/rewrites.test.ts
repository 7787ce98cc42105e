import fc from "fast-check";
import { promises as fs } from "fs";
import { openXlsx, readSnapshot } from "../src/adapters/xlsx";
import { checkWorkbook } from "../src/engine/check";
import { labelKey } from "../src/engine/labels";
import type { SheetSnapshot, WorkbookSnapshot } from "../src/engine/snapshot";
import { fixture } from "./helpers";
import { publishedCases } from "./published";

/**
 * A reader that knows words passes the forms it was shown and fails the next one. This test
 * rewrites every corpus form as another province might print it: each header in other words of
 * the same role (the lists below are this test's own, written from published forms, not the
 * reader's vocabulary), the whole form moved down and right, two adjacent columns swapped, a header
 * printed over two rows, the money block printed after the indicators; the figures must not change.
 */
const SAME_ROLE: string[][] = [
  ["年初预算数", "年初预算", "年初批复预算数"],
  ["全年预算数(A)", "全年预算数", "预算数(A)", "全年(调整)预算数", "调整后预算数", "调整预算数", "全年预算数（A）"],
  ["全年执行数(B)", "全年执行数", "执行数(B)", "预算执行数", "实际执行数", "全年执行数（B）"],
  ["执行率(B/A)", "执行率", "预算执行率", "执行率（%）"],
  ["年度指标值", "指标值", "年度目标值", "目标值", "预期指标值"],
  ["实际完成值", "全年实际值", "全年完成值", "完成值", "实际值"],
  ["分值", "权重", "指标分值", "分值（分）"],
  ["得分", "自评得分", "指标得分", "得分（分）"],
  ["偏差原因分析及改进措施", "未完成原因分析", "偏差原因", "偏差原因及改进措施"],
  // 自评得分 heads a score column on some forms and labels the stated total on others (issue 19).
  ["总分", "合计", "自评总分", "总得分", "自评得分合计", "自评得分"],
  ["年度资金总额", "年度资金总额:", "资金总额", "合计", "部门整体支出总额"],
];
const GROUP_OF = new Map<string, number>();
const TWICE = new Set<string>();
SAME_ROLE.forEach((words, i) => words.forEach((w) => (GROUP_OF.has(labelKey(w)) && GROUP_OF.get(labelKey(w)) !== i ? TWICE.add(labelKey(w)) : GROUP_OF.set(labelKey(w), i))));
// 合计 totals a money block and an indicator table alike, 自评得分 is a column or a total: a word of two roles is left as it is.
for (const k of TWICE) GROUP_OF.delete(k);

/** The same sheet with each header in other words of its role (pick: which synonym). */
function reword(s: SheetSnapshot, pick: number): SheetSnapshot {
  return {
    ...s,
    cells: s.cells.map((row) =>
      row.map((c) => {
        if (!c || typeof c.value !== "string" || c.formula !== undefined) return c;
        const g = GROUP_OF.get(labelKey(c.value));
        if (g === undefined) return c;
        const words = SAME_ROLE[g];
        return { ...c, value: words[(words.indexOf(c.value) + 1 + pick) % words.length] };
      }),
    ),
  };
}

/** The same sheet moved down by `rows` and right by `cols` (blank rows and columns before it). */
function move(s: SheetSnapshot, rows: number, cols: number): SheetSnapshot {
  return { ...s, top: s.top + rows, left: s.left + cols, merges: s.merges.map((m) => ({ top: m.top + rows, bottom: m.bottom + rows, left: m.left + cols, right: m.right + cols })) };
}

/**
 * The same sheet with two adjacent columns swapped: the n-th pair whose header cells on one row are
 * both known headings (so label columns stay left of the figures, as on every form), and where no
 * merge crosses either column. Unchanged when there is no such pair.
 */
function swap(s: SheetSnapshot, n: number): SheetSnapshot {
  const pairs: number[] = [];
  const known = (v: unknown) => typeof v === "string" && GROUP_OF.has(labelKey(v));
  s.cells.forEach((row) => row.forEach((cell, j) => known(cell?.value) && known(row[j + 1]?.value) && pairs.push(j + s.left)));
  const crosses = (x: number) => s.merges.some((m) => m.left !== m.right && m.left <= x && m.right >= x);
  const usable = [...new Set(pairs)].filter((c) => !crosses(c) && !crosses(c + 1));
  if (usable.length === 0) return s;
  const a = usable[n % usable.length], b = a + 1;
  const col = (x: number) => (x === a ? b : x === b ? a : x);
  const width = Math.max(...s.cells.map((r) => r.length), b - s.left + 1);
  return {
    ...s,
    cells: s.cells.map((row) => Array.from({ length: width }, (_, j) => row[col(j + s.left) - s.left] ?? null)),
    merges: s.merges.map((m) => ({ ...m, left: col(m.left), right: col(m.right) })),
  };
}

/** The sheet with an empty row inserted after row `r` (merges over it grow; merges below move). */
function insertRowAfter(s: SheetSnapshot, r: number): SheetSnapshot {
  const at = r - s.top + 1;
  return {
    ...s,
    cells: [...s.cells.slice(0, at), [], ...s.cells.slice(at)],
    merges: s.merges.map((m) => (m.top > r ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m.bottom > r ? { ...m, bottom: m.bottom + 1 } : m)),
  };
}

/**
 * The n-th header row (two or more known headings, no merge across it from above) printed over two
 * rows, as many forms print it: every heading merged down over a new row beneath, except that a
 * 年初预算数 | 全年预算数 pair becomes "预算数" merged across both over the two words.
 */
function twoRowHeader(s: SheetSnapshot, n: number): SheetSnapshot {
  const known = (v: unknown) => typeof v === "string" && GROUP_OF.has(labelKey(v));
  const fromAbove = (r: number) => s.merges.some((m) => m.top < r && m.bottom >= r);
  const rows = s.cells.map((row, i) => ({ r: i + s.top, n: row.filter((c) => known(c?.value)).length })).filter((x) => x.n >= 2 && !fromAbove(x.r) && !fromAbove(x.r + 1)).map((x) => x.r);
  if (rows.length === 0) return s;
  const r = rows[n % rows.length];
  const out = insertRowAfter(s, r);
  const head = [...out.cells[r - s.top]];
  const under: (typeof head)[number][] = [];
  const merges = [...out.merges];
  const group = (j: number) => (typeof head[j]?.value === "string" ? GROUP_OF.get(labelKey(head[j]!.value as string)) : undefined);
  for (let j = 0; j < head.length; j++) {
    const c = j + s.left;
    if (!head[j] || merges.some((m) => m.top <= r && m.bottom >= r && m.left < c && m.right >= c)) continue;
    if (group(j) === 0 && group(j + 1) === 1 && !merges.some((m) => m.top === r && (m.left === c || m.left === c + 1))) {
      under[j] = head[j];
      under[j + 1] = head[j + 1];
      head[j] = { value: "预算数" };
      head[j + 1] = null;
      merges.push({ top: r, left: c, bottom: r, right: c + 1 });
      j++;
      continue;
    }
    const own = merges.findIndex((m) => m.top === r && m.left === c);
    if (own >= 0) merges[own] = { ...merges[own], bottom: merges[own].bottom + 1 };
    else merges.push({ top: r, left: c, bottom: r + 1, right: c });
  }
  const cells = [...out.cells];
  cells[r - s.top] = head;
  cells[r - s.top + 1] = under;
  return { ...out, cells, merges };
}

/**
 * The money block printed after the indicators (just above their total row, or at the foot of the
 * sheet when there is none), as some provinces print 预算执行情况 at the end of the table. The block is
 * its header row (two or more budget, executed or rate words) through its last row of figures before
 * the indicator header, and the rows its merged labels cover. Unchanged when the form has no such
 * block or a merge crosses a block's edge.
 */
function moneyBelow(s: SheetSnapshot): SheetSnapshot {
  const group = (c: SheetSnapshot["cells"][number][number]) => (typeof c?.value === "string" ? GROUP_OF.get(labelKey(c.value)) : undefined);
  const isName = (c: SheetSnapshot["cells"][number][number]) => typeof c?.value === "string" && /^(一级|二级|三级)(指标)?$|^指标名称/.test(labelKey(c.value));
  const at = (r: number) => s.cells[r - s.top] ?? [];
  const rows = s.cells.map((_, i) => i + s.top);
  const money = rows.find((r) => at(r).filter((c) => [0, 1, 2, 3].includes(group(c) ?? -1)).length >= 2);
  if (money === undefined) return s;
  const head = rows.find((r) => {
    const roles = at(r).filter((c) => [4, 5, 6, 7, 8].includes(group(c) ?? -1)).length;
    return r > money && (roles >= 2 || (roles >= 1 && at(r).some(isName)));
  });
  if (head === undefined) return s;
  // A figure: a number, or an amount or rate typed as text ("2530.32万", "100%").
  const figure = (c: SheetSnapshot["cells"][number][number]) => typeof c?.value === "number" || (typeof c?.value === "string" && /^\d[\d,.]*\s*(万元|万|元|%)?$/.test(c.value.trim()));
  let end = [...rows].reverse().find((r) => r > money && r < head && at(r).some(figure));
  if (end === undefined) return s;
  for (const m of s.merges) if (m.top >= money && m.top <= end! && m.bottom > end!) end = m.bottom;
  // 合计 is left out of GROUP_OF (it totals money blocks too); as a row's first label below the indicators it is their total.
  const total = rows.find((r) => r > head && at(r).some((c) => group(c) === 9 || (typeof c?.value === "string" && /^(自评)?(合计|总计|总分)/.test(labelKey(c.value)))));
  // Without a total row the block goes after the indicators, before the form's notes (说明, 注, 备注).
  const note = rows.find((r) => r > head && typeof at(r)[0]?.value === "string" && /^(说明|注|备注|填表说明)/.test(labelKey(String(at(r)[0]!.value))));
  const last = [...rows].reverse().find((r) => at(r).some((c) => c && c.value !== null && c.value !== ""))!;
  const to = total ?? note ?? last + 1;
  const crosses = (edge: number) => s.merges.some((m) => m.top < edge && m.bottom >= edge);
  if (end >= head || [money, end + 1, to].some(crosses)) return s;
  // New order: before the block, what stood between it and the total, the block, the total onwards.
  const order = [...rows.filter((r) => r < money), ...rows.filter((r) => r > end! && r < to), ...rows.filter((r) => r >= money && r <= end!), ...rows.filter((r) => r >= to)];
  const newRow = new Map(order.map((r, i) => [r, i + s.top]));
  return {
    ...s,
    cells: order.map((r) => at(r)),
    merges: s.merges.map((m) => ({ ...m, top: newRow.get(m.top)!, bottom: newRow.get(m.top)! + (m.bottom - m.top) })),
  };
}

/** What must survive a rewrite: each form's kind, unit, budget, figures and which rules it breaks. */
function figures(w: WorkbookSnapshot) {
  const r = checkWorkbook(w);
  return r.forms.map((f, i) => ({
    kind: f.kind,
    unit: f.unit,
    budget: f.budget,
    computed: f.computed,
    errors: r.findings.filter((x) => x.form === i && x.severity === "error").map((x) => x.rule).sort(),
  }));
}

describe("forms reworded, moved and with columns swapped read the same", () => {
  let books: { name: string; snapshot: WorkbookSnapshot }[] = [];
  beforeAll(async () => {
    const cases = await publishedCases();
    books = cases.map((c) => ({ name: c.name, snapshot: readSnapshot(openXlsx(c.bytes, c.name)) }));
    for (const name of ["seed-complete", "project-national", "project-sichuan", "family-split", "family-single-level", "family-evaluation", "family-money-subrows"]) {
      const bytes = new Uint8Array(await fs.readFile(fixture(name)));
      books.push({ name, snapshot: readSnapshot(openXlsx(bytes, name)) });
    }
  });

  it("rewording every header with other words of its role keeps every figure", () => {
    for (const b of books) {
      const want = figures(b.snapshot);
      for (let pick = 0; pick < 4; pick++) {
        const got = figures({ ...b.snapshot, sheets: b.snapshot.sheets.map((s) => reword(s, pick)) });
        expect({ name: b.name, pick, got }).toEqual({ name: b.name, pick, got: want });
      }
    }
  });

  it("printing a header over two rows (预算数 over 年初预算数 | 全年预算数, the rest merged down) keeps every figure", () => {
    for (const b of books) {
      const want = figures(b.snapshot);
      for (let n = 0; n < 3; n++) {
        const got = figures({ ...b.snapshot, sheets: b.snapshot.sheets.map((s) => twoRowHeader(s, n)) });
        expect({ name: b.name, n, got }).toEqual({ name: b.name, n, got: want });
      }
    }
  });

  it("printing the money block after the indicators (above their total, else their notes) keeps every figure", () => {
    let moved = 0;
    for (const b of books) {
      const sheets = b.snapshot.sheets.map(moneyBelow);
      if (sheets.every((s, i) => s === b.snapshot.sheets[i])) continue;
      moved++;
      expect({ name: b.name, got: figures({ ...b.snapshot, sheets }) }).toEqual({ name: b.name, got: figures(b.snapshot) });
    }
    // The rewrite reaches a good share of the corpus (not a test that passes by moving nothing).
    expect(moved).toBeGreaterThanOrEqual(10);
  });

  it("moving the form and swapping adjacent columns keeps every figure", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 }), (i, rows, cols, c) => {
        const b = books[i % books.length];
        const want = figures(b.snapshot);
        const sheets = b.snapshot.sheets.map((s) => move(swap(s, c), rows, cols));
        const got = figures({ ...b.snapshot, sheets });
        // A swap puts values in other cells; what they are and what they add up to stays.
        expect({ name: b.name, got }).toEqual({ name: b.name, got: want });
      }),
      { numRuns: 60, seed: 19 },
    );
  });
});
