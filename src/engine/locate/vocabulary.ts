/**
 * Column roles of the 绩效自评表 families, as data. A province words its headers its own way
 * (预算数(A), 全年(调整)预算数, 调整后预算数, 全年完成值, 指标权重, 自评得分 …); what stays the same
 * is the role each column plays. A header cell's role comes from the words it combines and from
 * its (A)/(B) markers, never from one exact heading, so a form nobody here has read is still
 * read when its words are of the same kinds. Tried on canonical label keys (labels.ts).
 *
 * Order matters where words combine: 预算执行率 is a rate, not a budget; 预算执行数 is what was
 * executed; 得分系数 is a coefficient, not a score; 评分标准 is a criterion, not a score.
 */

/** Roles of a money block's columns. */
export type MoneyRole = "initial" | "annual" | "executed" | "weight" | "rate" | "score" | "reason";

/** Roles of an indicator table's columns. */
export type IndicatorRole =
  | "l1"
  | "l2"
  | "l3"
  | "nature"
  | "measure"
  | "target"
  | "actual"
  | "weight"
  | "score"
  | "reason"
  | "coefficient"
  | "criteria";

/** A header key without its unit or marker suffixes: "全年预算数(A)(万元)" → "全年预算数". */
export function headerCore(key: string): { core: string; markers: string[] } {
  const markers: string[] = [];
  const core = key
    .replace(/\(([^()]*)\)/g, (_, inner: string) => {
      markers.push(inner);
      return "";
    })
    .replace(/[:：]$/, "")
    // A weight that lost its bracket ("预算执行情况(万元)20分)") is a marker too, not the heading's word.
    .replace(/(\d+(\.\d+)?分)\)?$/, (_, w: string) => {
      markers.push(w);
      return "";
    });
  return { core, markers };
}

const has = (s: string, re: RegExp) => re.test(s);

/** (A) marks the budget, (B) what was executed, (B/A) or (%) beside 执行 the rate. */
function markerRole(markers: string[]): MoneyRole | null {
  for (const m of markers) {
    if (/^B\/A$|^B÷A$/i.test(m)) return "rate";
    if (/^A$/i.test(m)) return "annual";
    if (/^B$/i.test(m)) return "executed";
  }
  return null;
}

/** Words that make a header a score weight: 分值, 权重, 满分, 标准分. */
export const WEIGHT_WORDS = /^(指标|评分|考核)?(分值|权重|满分|标准分|分数|标准分值)$/;
/** Words of a score: 得分, 自评得分, 指标得分, 评分 (but not 评分标准 or 得分系数). */
export const SCORE_WORDS = /(得分|自评分|^评分$|^实得分|^考核分$)/;
const COEFFICIENT_WORDS = /系数/;
// How a score is arrived at (得分计算方法, 评分方法, 打分办法) is a criterion, whatever words come before.
const CRITERIA_WORDS = /(评分标准|评分办法|评分依据|计分|评价标准|指标解释|指标说明|评分规则|考核标准|扣分说明|评分细则|(方法|办法)$)/;
const REASON_WORDS = /(原因|偏差|改进措施|整改措施|情况说明|^说明$|^备注$)/;

/**
 * Roles by key, remembered: every row of every sheet is tried as a header, and forms repeat their
 * labels across a folder. Bounded, as labels.ts bounds its own memo.
 */
function remembered<R>(roleOf: (key: string) => R | null): (key: string) => R | null {
  const seen = new Map<string, R | null>();
  return (key) => {
    let r = seen.get(key);
    if (r === undefined) {
      if (seen.size >= 20000) seen.clear();
      seen.set(key, (r = roleOf(key)));
    }
    return r;
  };
}

/** The role of one money-block header cell, or null. */
export const moneyRole = remembered(moneyRoleOf);
/** The role of one indicator-table header cell, or null. */
export const indicatorRole = remembered(indicatorRoleOf);

function moneyRoleOf(key: string): MoneyRole | null {
  if (!key) return null;
  const { core, markers } = headerCore(key);
  if (!core) return null;
  if (has(core, REASON_WORDS)) return "reason";
  if (has(core, CRITERIA_WORDS) || has(core, COEFFICIENT_WORDS)) return null;
  // What a header ends with decides: 执行率权重 is a weight, 执行率得分 a score, 预算执行率 a rate.
  if (has(core, /(权重|分值|满分)$/)) return "weight";
  if (has(core, /得分$/) || has(core, SCORE_WORDS)) return "score";
  if (has(core, /执行率|完成率|支出率|执行进度/)) return "rate";
  if (has(core, WEIGHT_WORDS)) return "weight";
  if (has(core, /实际使用|使用数|使用金额|使用资金|已使用/)) return "executed";
  const marked = markerRole(markers);
  // A block label ("预算执行情况", "资金情况") names the block, not a column.
  if (has(core, /情况$|申请$|来源|构成|类别$|项目$|^科目|明细$/)) return null;
  // 到位 (received) is not spent: never the executed figure.
  if (has(core, /执行数|执行金额|执行额|^执行$|实际执行|实际支出|支出数|已支出|拨付数|^实际数$|完成数/)) return "executed";
  if (has(core, /年初/) && has(core, /预算|数|安排|批复/)) return "initial";
  if (has(core, /预算|批复数|调整数|安排数|可用资金|资金总额|计划投资|计划资金|投资计划/)) return marked === "executed" ? "executed" : "annual";
  return marked;
}

/** Level words of the indicator table: 一级指标, 二级指标, 三级指标. */
const LEVEL: [IndicatorRole, RegExp][] = [
  ["l1", /^一级(指标)?(名称)?$/],
  ["l2", /^二级(指标)?(名称)?$/],
  ["l3", /^三级(指标)?(名称)?$/],
];

function indicatorRoleOf(key: string): IndicatorRole | null {
  if (!key) return null;
  const { core, markers } = headerCore(key);
  if (!core) return null;
  for (const [role, re] of LEVEL) if (re.test(core)) return role;
  // A rating out of 100 before weighting (评价分值(百分制)) is a coefficient of the weight, not a weight or a score.
  if (markers.some((m) => /百分制/.test(m)) && (has(core, SCORE_WORDS) || has(core, /分值|评分|分数/))) return "coefficient";
  if (has(core, CRITERIA_WORDS)) return "criteria";
  if (has(core, COEFFICIENT_WORDS)) return "coefficient";
  if (has(core, /^(指标名称|指标内容|具体指标|指标项目?|评价指标|考核指标|指标|绩效指标名称|评价内容|考核内容)$/)) return "l3";
  // Criteria an evaluation is scored on: 评价准则 (相关性, 效率 …), 评价要素, 考核项目.
  if (has(core, /^(评价|考核)(准则|要素|要点|项目|维度)$/)) return "l3";
  // 指标性质 holds ≥ / ≤ / =, as a column headed 符号 does.
  if (has(core, /^指标性质$|^性质$|^指标方向$|^方向$|^(比较|运算)?符号$/)) return "nature";
  if (has(core, /^(度量|计量)?单位$|^指标单位$/)) return "measure";
  if (has(core, /实际|完成值|完成情况|实现值|达成值|完成数/)) return "actual";
  if (has(core, /指标值|目标值|预期值|计划值|标准值|^目标$|预期目标|年度目标|绩效目标值/)) return "target";
  if (has(core, SCORE_WORDS)) return "score";
  if (has(core, WEIGHT_WORDS)) return "weight";
  // As in a money block, what a header ends with decides: 参考分值, 计划权重, 指标满分 are weights.
  // 权重占比 / 分值比重: the weight as a share of the form's points.
  if (has(core, /(分值|权重|满分)(占比|比例|比重)?$/) && !has(core, /得分|合计|总/)) return "weight";
  if (has(core, REASON_WORDS)) return "reason";
  return null;
}

/** A money block's total row: 合计, 总额, 年度资金总额, 部门整体支出总额, 年度财政资金总额 … */
export const isMoneyTotalLabel = (k: string): boolean =>
  /合计|总计|总额|资金总量|^总$|^小计$|总体资金|资金总数|^全部资金$/.test(headerCore(k).core);

/** Rows under a money total that break it down: 其中, 财政拨款, 上年结转, 基本支出, 项目支出 … */
export const isMoneyPartLabel = (raw: string, k: string): boolean =>
  /^[\s\u3000]*其中/.test(raw) ||
  /财政拨款|财政资金|上年结转|结转|结余|财政专户|专户管理|单位资金|自有资金|其他资金|基本支出|项目支出|一般公共预算|政府性基金|非税收入|上级|本级|社会投入|银行贷款/.test(k);

/** The indicator table's total row: 总分, 合计, 自评得分, 自评总分, 综合得分 … */
export const isTotalLabel = (k: string): boolean => {
  const { core } = headerCore(k);
  return /^(自评|综合|评价|绩效|项目|部门)?(总分|合计|总计|总得分|合计得分|得分合计|总评分|评分合计|总分值|分值合计|综合得分|综合评分)$/.test(core) || /^(自评得分|自评分|自评综合得分)$/.test(core);
};

/** Notes of the form (说明 / 注 / 备注 / 表注 / 填表说明): where a form prints its own weights and bands. */
export const isNoteLabel = (k: string): boolean => /^(填表)?说明|^注[:：1一]?|^备注[:：]|^表注|^评分说明|^附注/.test(k);

/** Words that name a form's unit on its header lines, most specific first per family. */
export const UNIT_LABEL_WORDS = ["实施单位", "主管部门", "单位名称", "填报单位", "部门名称", "部门(单位)名称", "预算单位"];

/** A column role as people read it: in the reading summary and in "都像…列" (two cells of one role). */
export const ROLE_NAMES_ZH: Record<MoneyRole | IndicatorRole, string> = {
  initial: "年初预算数",
  annual: "全年预算数",
  executed: "执行数",
  weight: "分值",
  rate: "执行率",
  score: "得分",
  reason: "偏差原因",
  l1: "一级指标",
  l2: "二级指标",
  l3: "指标名称",
  target: "指标值",
  actual: "实际完成值",
  nature: "指标性质",
  measure: "度量单位",
  coefficient: "得分系数",
  criteria: "评分标准",
};

/**
 * A template's spare indicator row ("指标1：", "……", "/", "无"): not an indicator anyone scored, so a
 * blank 得分 there owes nothing. One test for the reader and the rules.
 */
export const isSpareName = (text: string): boolean => /^[\s\u3000]*(指标\d*[:：]?|[…．.。]+|[—\-/／]+|无)?[\s\u3000]*$/.test(text);
