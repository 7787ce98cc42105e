import { LAYOUT_NAMES, type FormReading, type RuleSource } from "./locate/reading";
import { ROLE_NAMES_ZH } from "./locate/vocabulary";

/**
 * A form's reading summary in the words a clerk reads (「核查结果」, the CLI, the pane, the reviewers'
 * page): which blocks and columns were recognised at which cells, what was not and why, and where
 * each rule came from. One wording for every place.
 */
export interface ReadingText {
  layout: string;
  read: string;
  /** Empty when everything the form should have was found. */
  unread: string;
  sources: string;
}

const BLOCK_ZH: Record<string, string> = { money: "预算资金表", indicators: "绩效指标表", total: "总分" };


const RULE_ZH: Record<RuleSource["rule"], string> = {
  "grade-bands": "等级区间",
  "execution-weight": "执行率分值",
  "group-weights": "一级指标分值",
  "indicator-weights": "绩效指标总分值",
};

const FROM_ZH: Record<RuleSource["from"], string> = {
  "form-note": "表注",
  "block-label": "资金表标题",
  "group-label": "一级指标名称",
  "header-label": "表头",
  column: "分值列",
  "percent-column": "权重列（按百分比填写，按满分 100 分折算为分值）",
  profile: "默认评分规则",
  "chosen-profile": "所选评分规则",
};

export function readingText(r: FormReading): ReadingText {
  const read = r.blocks
    .map((b) => {
      const cols = Object.entries(b.columns)
        .map(([role, cell]) => `${(ROLE_NAMES_ZH as Record<string, string>)[role] ?? role} ${cell}`)
        .join("、");
      return `${BLOCK_ZH[b.role] ?? b.role} ${b.range}${cols ? `（${cols}）` : ""}`;
    })
    .join("；");
  const unread = r.unread.map((u) => u.why).join("；");
  const sources = r.ruleSources.map((s) => `${RULE_ZH[s.rule]}：${FROM_ZH[s.from]}${s.cell ? ` ${s.cell}` : ""}`).join("；");
  return { layout: LAYOUT_NAMES[r.layout], read: read || "未识别出任何表格区块", unread, sources };
}

/** The summary as lines, for plain text (the CLI) and the reviewers' page. */
export function readingLines(r: FormReading): string[] {
  const t = readingText(r);
  return [`版式：${t.layout}`, `已识别：${t.read}`, ...(t.unread ? [`未能识别：${t.unread}`] : []), ...(t.sources ? [`评分规则来源：${t.sources}`] : [])];
}
