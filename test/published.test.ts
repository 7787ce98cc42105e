import { promises as fs } from "fs";
import * as path from "path";
import { checkXlsx } from "../src/adapters/xlsx";
import type { CheckReport, FormReport } from "../src/engine/report";
import { ROOT } from "./helpers";

/**
 * Published forms, transcribed cell for cell from departments' own pages (fixtures/published:
 * one .xlsx and a .json each, the .json's figures computed by hand before the reader ran on them).
 * Every figure the .json states must come out, and the error-level findings must be exactly the
 * source's own mistakes it lists.
 */
export const PUBLISHED = path.join(ROOT, "fixtures", "published");

export interface PublishedForm {
  kind: "department" | "project";
  unit: string | null;
  title?: string | null;
  budget?: { initial?: number | null; annual?: number | null; executed?: number | null };
  expected: { executionRate: number | null; executionScore: number | null; totalScore: number | null; grade: string | null };
  errors: { rule: string; cell: string }[];
}

export interface PublishedCase {
  source: { url: string; province: string; year: number; showedGrid: boolean };
  layout: string;
  forms: PublishedForm[];
  basicData?: { staffRate: number | null; errors: { rule: string; cell: string }[] };
}

export async function publishedCases(): Promise<{ name: string; spec: PublishedCase; bytes: Uint8Array }[]> {
  const names = (await fs.readdir(PUBLISHED)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (json) => {
      const name = json.replace(/\.json$/, "");
      const spec = JSON.parse(await fs.readFile(path.join(PUBLISHED, json), "utf8")) as PublishedCase;
      const bytes = new Uint8Array(await fs.readFile(path.join(PUBLISHED, `${name}.xlsx`)));
      return { name, spec, bytes };
    }),
  );
}

/** The engine's forms in the workbook's own order (the report puts the 部门整体 form first). */
export function formsInSheetOrder(r: CheckReport): { form: FormReport; index: number }[] {
  return r.forms.map((form, index) => ({ form, index })).sort((a, b) => a.form.sheet.localeCompare(b.form.sheet) || rowOf(a.form.range) - rowOf(b.form.range));
}
const rowOf = (range: string) => Number(/\d+/.exec(range)?.[0] ?? 0);

/** The figures a case compares, as one object (so a failure shows every difference at once). */
export function figuresOf(r: CheckReport) {
  return formsInSheetOrder(r).map(({ form, index }) => ({
    kind: form.kind,
    unit: form.unit,
    budget: form.budget,
    ...form.computed,
    errors: r.findings
      .filter((f) => f.severity === "error" && f.form === index)
      .map((f) => `${f.rule} ${f.cell}`)
      .sort(),
  }));
}

export function expectedOf(spec: PublishedCase) {
  return spec.forms.map((f) => ({
    kind: f.kind,
    unit: f.unit,
    budget: { initial: f.budget?.initial ?? null, annual: f.budget?.annual ?? null, executed: f.budget?.executed ?? null },
    ...f.expected,
    errors: f.errors.map((e) => `${e.rule} ${e.cell}`).sort(),
  }));
}

/** Rates compared to 6 decimals, scores to 2: what the .json's hand computation states. */
export function rounded<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_, v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v)));
}

describe("published forms from departments' own pages", () => {
  let cases: Awaited<ReturnType<typeof publishedCases>> = [];
  beforeAll(async () => {
    cases = await publishedCases();
  });

  it("the corpus is there, each .xlsx beside its .json", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it("every form's figures and error findings equal its hand computation", () => {
    const differences: string[] = [];
    for (const c of cases) {
      const r = checkXlsx(c.bytes, `${c.name}.xlsx`).report;
      const got = rounded(figuresOf(r).map((f) => ({ ...f, budget: { initial: f.budget.initial, annual: f.budget.annual, executed: f.budget.executed } })));
      const want = rounded(expectedOf(c.spec));
      // Figures the .json leaves out (a unit it could not tell) are not compared.
      const gotCompared = got.map((g, i) => (want[i] && want[i].unit === null ? { ...g, unit: null } : g));
      if (JSON.stringify(gotCompared) !== JSON.stringify(want)) differences.push(`${c.name}\n  got  ${JSON.stringify(gotCompared)}\n  want ${JSON.stringify(want)}`);
      if (c.spec.basicData) {
        const rate = r.computed.staffControlRate;
        if (rounded(rate) !== rounded(c.spec.basicData.staffRate)) differences.push(`${c.name}: 编制控制率 ${rate} ≠ ${c.spec.basicData.staffRate}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("every form says what it read, at which cells, and what it could not", () => {
    for (const c of cases) {
      const r = checkXlsx(c.bytes, `${c.name}.xlsx`).report;
      for (const f of r.forms) {
        expect(f.reading.blocks.length).toBeGreaterThan(0);
        for (const b of f.reading.blocks) expect(b.range).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
        for (const u of f.reading.unread) expect(u.why).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
