import { promises as fs } from "fs";
import * as path from "path";
import { checkXlsx } from "../src/adapters/xlsx";
import type { CheckReport, FormReport } from "../src/engine/report";
import { ROOT } from "./helpers";

/**
 * The published corpus (fixtures/published: one .xlsx and a .json each, the .json's figures
 * computed by hand before the reader ran on them), read for published.test.ts and rewrites.test.ts.
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

