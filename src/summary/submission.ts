import type { Finding, Severity } from "../engine/findings";
import { groupFindings } from "../engine/findingGroups";
import { GRADE_PENDING } from "../engine/grade";
import { ruleNameZh } from "../engine/ruleNames";
import { holdsNoForm, type CheckReport, type FormReport } from "../engine/report";
import { compareNames } from "./compareNames";
import { readingLines } from "../engine/readingText";

/**
 * What a reviewer sees of one submission, in the CLI's summary, on the page
 * and in the summary workbook. Plain data (no Node API, no class): it crosses
 * worker threads and Web Workers by structured clone.
 */
export interface FormRow {
  /** "部门整体支出绩效自评表", a project's 项目名称, or "" when no 自评表 was found. */
  title: string;
  sheet: string | null;
  unit: string | null;
  executionRate: number | null;
  /** 编制控制率; the 部门整体 form only. */
  controlRate: number | null;
  totalScore: number | null;
  /** The grade, 待定 for a disputed total, or null when there is no total. */
  grade: string | null;
  errors: number;
  warnings: number;
  /** Its problems, worst first, each "附件2!D5 message"; a repeated problem once over its range ("附件2!E14:E23 …"). */
  problems: string[];
  /** What was read on the form, where, what could not be, and where its rules came from (one line each). */
  reading: string[];
}

export interface FindingRow {
  /** Index into `forms`. */
  form: number;
  sheet: string;
  cell: string;
  severity: Severity;
  rule: string;
  ruleName: string;
  message: string;
}

/** The department's narrative report paired by name, and whether it could be read. */
export interface ReportStatus {
  file: string;
  read: boolean;
  /** Why it could not be read (Chinese). */
  reason: string | null;
}

export interface Submission {
  /** Path relative to the folder given, "/" separated. */
  file: string;
  sha256: string | null;
  /** The checked copy, relative to the summary workbook's folder, "/" separated; null when none written. */
  copy: string | null;
  report: ReportStatus | null;
  /** Why the workbook could not be checked (Chinese); then `forms` and `findings` are empty. */
  failure: string | null;
  forms: FormRow[];
  findings: FindingRow[];
  errors: number;
  warnings: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The part of a form the summary needs (contract B's FormReport). */
type FormLike = Pick<FormReport, "title" | "sheet" | "unit" | "computed"> & { kind?: FormReport["kind"]; reading?: FormReport["reading"] };

/** Every form of a report; a workbook with only 附件1 gives one row for the workbook. */
function formsOf(r: CheckReport): FormLike[] {
  if (r.forms.length) return r.forms;
  const t = r.tables.selfEvaluation ?? r.tables.basicData;
  return [{ title: r.tables.selfEvaluation ? "部门整体支出绩效自评表" : "", sheet: t?.sheet ?? "", unit: r.unit, computed: r.computed }];
}

/** Contract B: `finding.form`; findings of the workbook as a whole (null) belong to the first row. */
const formIndex = (f: Finding, count: number): number => (f.form !== null && f.form >= 0 && f.form < count ? f.form : 0);

/** A disputed total has no grade: shown as 待定 (contract B), never a guessed band. */
function gradeWord(c: FormLike["computed"], disputed: boolean): string | null {
  if (c.grade) return c.grade;
  return c.totalScore !== null || disputed ? GRADE_PENDING : null;
}

export const worseFinding = (a: Finding | FindingRow, b: Finding | FindingRow) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

/**
 * A form's findings, worst first. The report's own array when it is all of them in that
 * order already (one form: the usual case), so that its grouping, made by the check for
 * the notes, is reused rather than worked out again.
 */
function formFindings(r: CheckReport, i: number, count: number): Finding[] {
  const own = count === 1 ? r.findings : r.findings.filter((f) => formIndex(f, count) === i);
  for (let k = 1; k < own.length; k++) if (worseFinding(own[k - 1], own[k]) > 0) return [...own].sort(worseFinding);
  return own;
}

/** The reviewer's view of a checked workbook. */
export function submissionOf(file: string, r: CheckReport, extra: { sha256?: string | null; copy?: string | null; report?: ReportStatus | null } = {}): Submission {
  const forms = formsOf(r);
  const findings: FindingRow[] = r.findings.map((f) => ({
    form: formIndex(f, forms.length),
    sheet: f.sheet,
    cell: f.cell,
    severity: f.severity,
    rule: f.rule,
    ruleName: ruleNameZh(f.rule),
    message: f.message,
  }));
  const rows: FormRow[] = forms.map((form, i) => {
    const own = findings.filter((f) => f.form === i);
    const disputed = own.some((f) => f.rule === "total-score-mismatch");
    return {
      title: form.title,
      sheet: form.sheet || null,
      unit: form.unit ?? r.unit,
      executionRate: form.computed.executionRate,
      controlRate: form.kind === "project" ? null : r.computed.staffControlRate,
      totalScore: form.computed.totalScore,
      grade: gradeWord(form.computed, disputed),
      errors: own.filter((f) => f.severity === "error").length,
      warnings: own.filter((f) => f.severity === "warning").length,
      // The same problem down a column is one line over its range (contract C).
      problems: groupFindings(formFindings(r, i, forms.length)).map((g) => `${g.sheet}!${g.range} ${g.message}`),
      reading: form.reading ? readingLines(form.reading) : [],
    };
  });
  return {
    file,
    sha256: extra.sha256 ?? null,
    copy: extra.copy ?? null,
    report: extra.report ?? null,
    failure: null,
    forms: rows,
    findings,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
}

/** A workbook holding no form of any kind cannot be checked (engine/report.ts). */
export const nothingToCheck = holdsNoForm;
export const NOTHING_TO_CHECK_ZH = "没有找到任何绩效自评表（部门整体或项目支出）";

/** A file that could not be checked, with the reason. */
export function failedSubmission(file: string, failure: string, extra: { sha256?: string | null; report?: ReportStatus | null } = {}): Submission {
  return { file, sha256: extra.sha256 ?? null, copy: null, report: extra.report ?? null, failure, forms: [], findings: [], errors: 0, warnings: 0 };
}

/** Worst first: files that could not be checked, then by errors, warnings, the lower total, the name. */
export function worstFirst<T extends Submission>(list: T[]): T[] {
  const lowest = (s: Submission) => Math.min(...s.forms.map((f) => f.totalScore ?? -1), Infinity);
  return [...list].sort(
    (a, b) =>
      Number(!!b.failure) - Number(!!a.failure) ||
      b.errors - a.errors ||
      b.warnings - a.warnings ||
      lowest(a) - lowest(b) ||
      compareNames(a.file, b.file),
  );
}

/** "报告未核对：…" when the paired report could not be read. */
export const reportNote = (s: Submission): string | null => (s.report && !s.report.read ? `报告未核对：${s.report.file}（${s.report.reason}）` : null);
