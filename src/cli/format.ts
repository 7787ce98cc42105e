import { groupFindings } from "../engine/findingGroups";
import { bandWords } from "../engine/bandWords";
import { SEVERITY_ZH } from "../engine/plan";
import type { Profile } from "../engine/profile";
import type { CheckReport } from "../engine/report";
import { ruleNameZh } from "../engine/ruleNames";
import { fmtAmount, fmtPercent } from "../engine/values";
import { shownGrade } from "../engine/resultsForms";
import { readingLines } from "../engine/readingText";

const pct = (v: number | null) => (v === null ? "—（无法计算）" : fmtPercent(v));
const pts = (v: number | null) => (v === null ? "—（无法计算）" : `${fmtAmount(v)} 分`);

/** One line per form when the workbook holds several (部门整体 and 项目支出). */
function formLines(r: CheckReport): string[] {
  return [
    `本工作簿共 ${r.forms.length} 张绩效自评表`,
    ...r.forms.map((f, i) => {
      const c = f.computed;
      const grade = shownGrade(c.grade, i, r.findings) ?? "—（无法计算）";
      return `  ${i + 1}. ${f.kind === "department" ? "部门整体" : "项目支出"}｜${f.title}｜${f.unit ?? "（未找到单位）"}｜${f.sheet}!${f.range}｜执行率 ${pct(c.executionRate)}｜总分 ${pts(c.totalScore)}｜${grade}`;
    }),
  ];
}

/** What was read on each form, where, and what could not be (the form's reading summary). */
function readingSection(r: CheckReport): string[] {
  if (r.forms.length === 0) return [];
  return [
    "表格识别",
    ...r.forms.flatMap((f, i) => [`  ${r.forms.length > 1 ? `${i + 1}. ` : ""}${f.sheet}!${f.range}`, ...readingLines(f.reading).map((l) => `    ${l}`)]),
  ];
}

/** The readable Chinese report for one file. */
export function formatReport(file: string, r: CheckReport, profile: Profile, outNote: string): string {
  const lines: string[] = [];
  lines.push(`文件：${file}`);
  lines.push(`单位：${r.unit ?? "（未找到单位名称）"}`);
  const t = r.tables;
  lines.push(`附件1 基础数据表：${t.basicData ? `${t.basicData.sheet}!${t.basicData.range}` : "未找到"}`);
  lines.push(`附件2 自评表：${t.selfEvaluation ? `${t.selfEvaluation.sheet}!${t.selfEvaluation.range}` : "未找到"}`);
  lines.push("");
  lines.push("核算结果");
  const c = r.computed;
  lines.push(`  执行率(B/A)    ${pct(c.executionRate)}`);
  lines.push(`  执行率得分     ${pts(c.executionScore)}`);
  lines.push(`  编制控制率     ${pct(c.staffControlRate)}`);
  c.buildings.forEach((b, i) => lines.push(`  楼堂馆所 ${i + 1}     规模控制率 ${pct(b.scaleControlRate)}，投资概算控制率 ${pct(b.investmentControlRate)}`));
  lines.push(`  总分           ${pts(c.totalScore)}`);
  // The grade's band is the one the main form was graded under (its note's, where it prints them).
  const graded = r.forms[0] ? { ...profile, name: r.forms[0].profile.name, gradeBands: r.forms[0].profile.gradeBands } : profile;
  lines.push(`  评价等级       ${c.grade ? `${bandWords(c.grade, graded)} · ${graded.name}` : shownGrade(null, r.forms.length ? 0 : null, r.findings) ?? "—（无法计算）"}`);
  lines.push("");
  if (r.forms.length > 1) lines.push(...formLines(r), "");
  lines.push(...readingSection(r), "");
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  const groups = groupFindings(r.findings);
  if (r.findings.length === 0) lines.push("未发现问题。");
  else lines.push(`发现的问题：错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项${groups.length < r.findings.length ? "（同一问题在多处出现的，合并为一行）" : ""}`);
  // The same problem down a column is one line over its range; --json keeps one finding per cell.
  for (const sev of ["error", "warning", "info"] as const) {
    const list = groups.filter((g) => g.severity === sev);
    if (!list.length) continue;
    lines.push(`  【${SEVERITY_ZH[sev]}】`);
    for (const g of list) lines.push(`    ${g.sheet}!${g.range}  ${g.message}  [${ruleNameZh(g.rule)} ${g.rule}]`);
  }
  lines.push("");
  lines.push(`计划修改 ${r.plan.writes.length} 个单元格，标记 ${r.plan.marks.length} 个单元格。${outNote}`);
  return lines.join("\n");
}
