import fc from "fast-check";
import { a1, parseA1 } from "../src/engine/address";
import { noteHash } from "../src/adapters/xlsx/notes";
import { coveredTest } from "../src/adapters/xlsx/read";
import { checkWorkbook } from "../src/engine/check";
import { parseNumberCell } from "../src/engine/values";
import { shifted, stacked, withBlankRows, withCells } from "../fixtures/build/edit";
import { SEED_REASONS } from "../fixtures/build/catalog";
import { seedBasicData, seedSelfEvaluation } from "../fixtures/build/seedForm";
import type { SheetSpec, SpecValue } from "../fixtures/build/spec";
import { specCell as specCellOf, specSnapshot } from "./specSnapshot";

/**
 * Property tests over generated workbooks. `npm test` runs a fixed seed;
 * `npm run test:fuzz` sets FUZZ_RUNS for a much larger run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20231231);
const opts = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** Figure cells the engine must read, in the seed layout. */
const BASIC_FIGURES = ["B4", "C4", "B6", "D6", "B11", "D11", "B12", "D12", "B13", "D13", "B18", "D18", "B19", "D19"];
const SELF_FIGURES = ["C5", "D5", "E5", "F5", ...[14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 32].flatMap((r) => [`G${r}`, `H${r}`])];

const fullWidth = (s: string) => s.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** A value no number can be read from. */
const unreadable = fc.constantFrom<SpecValue>(
  { error: "#DIV/0!" },
  { error: "#REF!" },
  { date: "2024-01-05" },
  "待定",
  "约10万",
  "x".repeat(5000),
  { richText: ["十", "一"] },
  { hyperlink: "https://example.invalid", text: "见附件" },
  true,
);

function valueAt(s: SheetSpec, ref: string): SpecValue {
  const p = parseA1(ref)!;
  return s.rows[p.row]?.[p.col] ?? null;
}

const layout = fc.record({
  together: fc.boolean(),
  down: fc.integer({ min: 0, max: 8 }),
  right: fc.integer({ min: 0, max: 4 }),
  basicBlank: fc.tuple(fc.integer({ min: 7, max: 22 }), fc.integer({ min: 0, max: 3 })),
  selfBlank: fc.tuple(fc.integer({ min: 15, max: 33 }), fc.integer({ min: 0, max: 3 })),
  junkSheets: fc.integer({ min: 0, max: 3 }),
});

interface Case {
  sheets: SheetSpec[];
  /** Where a seed-layout cell of each table ends up. */
  where: (table: "basic" | "self", ref: string) => { sheet: string; cell: string };
}

/** Place the two tables as the layout says, tracking where every seed cell goes. */
type Layout = { together: boolean; down: number; right: number; basicBlank: [number, number]; selfBlank: [number, number]; junkSheets: number };

function place(basic: SheetSpec, self: SheetSpec, l: Layout): Case {
  const [bAt, bN] = l.basicBlank;
  const [sAt, sN] = l.selfBlank;
  const b = shifted(withBlankRows(basic, bAt, bN), l.down, l.right);
  const s = shifted(withBlankRows(self, sAt, sN), l.together ? 0 : l.down, l.right);
  const gap = 3;
  const junk: SheetSpec[] = Array.from({ length: l.junkSheets }, (_, i) => ({ name: `其他${i + 1}`, rows: [["说明"], [1, 2, 3], ["项目支出", 5]], merges: [] }));
  const sheets = l.together ? [...junk, stacked("自评", b, s, gap)] : [...junk, b, s];
  const move = (table: "basic" | "self", ref: string) => {
    const p = parseA1(ref)!;
    let row = p.row;
    if (table === "basic") row += (row + 1 >= bAt ? bN : 0) + l.down;
    else row += (row + 1 >= sAt ? sN : 0) + (l.together ? b.rows.length + gap : l.down);
    return { sheet: l.together ? "自评" : table === "basic" ? b.name : s.name, cell: a1(row, p.col + l.right) };
  };
  return { sheets, where: move };
}

describe("generated workbooks (fast-check)", () => {
  it("readable but messy figures give the same figures as clean ones, wherever the tables are", () => {
    fc.assert(
      fc.property(
        layout,
        fc.subarray(BASIC_FIGURES, { maxLength: 6 }),
        fc.subarray(SELF_FIGURES, { maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (l, bCells, sCells, picks) => {
          const basic = seedBasicData();
          const self = withCells(seedSelfEvaluation(), { D5: 407.3, ...SEED_REASONS });
          const clean = checkWorkbook(specSnapshot({ sheets: place(basic, self, l).sheets }));
          const it = picks[Symbol.iterator]();
          const messy = (s: SheetSpec, refs: string[]) =>
            withCells(s, Object.fromEntries(refs.flatMap((r) => {
              const v = parseNumberCell(specCellOf(valueAt(s, r)));
              if (v.kind !== "number") return [];
              const options: SpecValue[] = [v.value, String(v.value), `${v.value}\u3000`, ` ${v.value} `, fullWidth(String(v.value)), { formula: "0+0", result: v.value }];
              return [[r, options[it.next().value % options.length]]];
            })));
          const r = checkWorkbook(specSnapshot({ sheets: place(messy(basic, bCells), messy(self, sCells), l).sheets }));
          expect(r.computed).toEqual(clean.computed);
          expect(r.findings.filter((f) => f.rule === "value-unreadable")).toEqual([]);
          expect(r.computed.totalScore).toBe(88);
        },
      ),
      opts,
    );
  });

  it("every unreadable figure is a finding at its own cell, and nothing depending on it is computed", () => {
    fc.assert(
      fc.property(layout, fc.constantFrom<"basic" | "self">("basic", "self"), fc.nat(), unreadable, (l, table, k, bad) => {
        const list = table === "basic" ? BASIC_FIGURES : SELF_FIGURES;
        const ref = list[k % list.length];
        let basic = seedBasicData();
        let self = withCells(seedSelfEvaluation(), { D5: 407.3, ...SEED_REASONS });
        if (table === "basic") basic = withCells(basic, { [ref]: bad });
        else self = withCells(self, { [ref]: bad });
        const c = place(basic, self, l);
        const r = checkWorkbook(specSnapshot({ sheets: c.sheets }));
        const at = c.where(table, ref);
        expect(r.findings.filter((f) => f.rule === "value-unreadable").map((f) => `${f.sheet}!${f.cell}`)).toContain(`${at.sheet}!${at.cell}`);
        // Figures that depend on the bad cell are not invented.
        if (table === "basic" && (ref === "B4" || ref === "C4")) expect(r.computed.staffControlRate).toBeNull();
        if (table === "self" && ["D5", "E5", "F5"].includes(ref)) expect(r.computed.executionScore).toBeNull();
        if (table === "self" && /^H/.test(ref)) expect(r.computed.totalScore).toBeNull();
        // No computed figure is written over the bad cell.
        expect(r.plan.writes.find((w) => w.sheet === at.sheet && w.cell === at.cell && w.kind === "computed")).toBeUndefined();
      }),
      opts,
    );
  });

  it("never throws on arbitrary grids, and every finding points into the workbook", () => {
    const vocab = ["经费控制情况", "财政供养人员情况", "编制数", "实际在职人数", "控制率", "三公经费", "项目支出", "公用经费", "年度预算申请", "全年预算数(A)", "全年执行数(B)", "年度资金总额", "按收入性质分：12", "按支出性质分：x", "一级指标", "二级指标", "三级指标", "分值", "得分", "偏差原因", "总分", "效益指标（30分）", "评价等级", "楼堂馆所", "批复规模", "实际规模"];
    const cell = fc.oneof(
      fc.constant<SpecValue>(null),
      fc.constantFrom<SpecValue>(...vocab),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 6 }),
      unreadable,
      fc.integer({ min: 0, max: 1000 }).map((n) => `${n}%`),
    );
    const merge = fc
      .tuple(fc.integer({ min: 0, max: 35 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))
      .map(([r, c, h, w]) => `${a1(r, c)}:${a1(r + h, c + w)}`);
    const sheet = fc.record({
      name: fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.replace(/[\\/?*[\]:]/g, "_")),
      rows: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }),
      // Overlapping, oversized and out-of-range merges included: files carry such things.
      merges: fc.array(merge, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(sheet, { minLength: 1, maxLength: 3, selector: (s) => s.name }), (sheets) => {
        const snap = specSnapshot({ sheets });
        const r = checkWorkbook(snap);
        const names = new Set(snap.sheets.map((s) => s.name));
        for (const f of r.findings) {
          expect(names.has(f.sheet)).toBe(true);
          expect(f.cell).toMatch(/^[A-Z]+\d+$/);
          expect(f.message.length).toBeGreaterThan(0);
        }
        for (const v of [r.computed.executionRate, r.computed.executionScore, r.computed.staffControlRate, r.computed.totalScore]) {
          if (v !== null) expect(Number.isFinite(v)).toBe(true);
        }
        for (const w of r.plan.writes) expect(names.has(w.sheet)).toBe(true);
      }),
      { ...opts, numRuns: RUNS * 3 },
    );
  });
});

describe("A1 addresses", () => {
  /** The definition parseA1 is written by hand against. */
  const byRegex = (ref: string) => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
    if (!m) return null;
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };

  it("parseA1 reads exactly what the A1 pattern allows, and a1 round-trips", () => {
    const unit = fc.constantFrom(..."$AaZzXxD019 \t\u3000:[`@!".split(""));
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (s) => expect(parseA1(s)).toEqual(byRegex(s))), { numRuns: 5000, seed: SEED });
    fc.assert(fc.property(fc.integer({ min: 0, max: 1048575 }), fc.integer({ min: 0, max: 16383 }), (row, col) => expect(parseA1(a1(row, col))).toEqual({ row, col })), { seed: SEED });
    expect(parseA1(" $AB$12 ")).toEqual({ row: 11, col: 27 });
    expect(parseA1("ABCD1")).toBeNull();
    expect(parseA1("A12345678")).toBeNull();
  });
});

describe("note hashes", () => {
  it("ignore white space exactly as \\s does, so a note re-flowed by LibreOffice is still ours", () => {
    const byRegex = (text: string) => {
      const s = text.replace(/\s+/g, "");
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return `${s.length}:${(h >>> 0).toString(16)}`;
    };
    const unit = fc.constantFrom(..."核算助手 \t\n\r\u000b\u00a0\u2003\u3000\ufeff\u200bA1：".split(""));
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), (s) => expect(noteHash(s)).toBe(byRegex(s))), { numRuns: 3000, seed: SEED });
    expect(noteHash("核算助手计算：执行率 = B4/C4")).toBe(noteHash("核算助手计算：\n执行率 =\u3000B4/C4"));
  });
});

describe("merged areas' covered cells, indexed by row", () => {
  it("are exactly the cells inside a merge but not at its top-left", () => {
    const range = fc.record({ top: fc.nat(30), left: fc.nat(10), h: fc.nat(6), w: fc.nat(4) }).map((m) => ({ top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w }));
    const cell = fc.record({ r: fc.nat(40), c: fc.nat(16) });
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), fc.array(cell, { maxLength: 60 }), (merges, cells) => {
        const covered = coveredTest(merges, cells.map((x) => x.r));
        for (const { r, c } of cells) {
          const naive = merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
          expect(covered(r, c)).toBe(naive);
        }
      }),
      opts,
    );
  });
});
