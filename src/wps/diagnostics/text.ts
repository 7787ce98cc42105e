import type { Diagnosis } from "./probe";

/**
 * The diagnosis as plain text for an email to IT: a heading, when, what to do
 * with it, then one line per call. No tabs or markup: mail programs keep it as is.
 */
export function diagnosisText(d: Diagnosis, at: Date): string {
  return [
    "绩效自评核算助手 · WPS 表格诊断",
    `时间：${at.toISOString()}`,
    "请把以下全部内容复制到邮件中发给信息技术人员或开发者。",
    "",
    ...d.lines.map((l) => `${l.call}：${l.result}`),
    "",
  ].join("\n");
}
