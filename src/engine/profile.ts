/**
 * Rule profiles: everything a province may set differently, as plain data
 * (JSON-compatible) so a profile file can replace it. The default is the
 * seed's own form (绥宁县 2023); `national` follows 财预〔2020〕10号.
 */

export interface GradeBand {
  /** Grade as written on the form, e.g. "良好". */
  grade: string;
  /** Lower bound of the band. The top band ends at the total weight. */
  min: number;
  /** Whether a score equal to `min` belongs to this band. */
  minInclusive: boolean;
  /** Other spellings a clerk or report may use for this grade ("良"). */
  aliases: string[];
}

export type GroupKey = "output" | "effect" | "satisfaction";

export interface IndicatorGroupRule {
  key: GroupKey;
  /** Canonical 一级指标 name. */
  name: string;
  /** Principle weight (原则上) of the group. */
  weight: number;
  /** Keywords of the 二级指标 that belong to this group, for unnamed groups. */
  secondLevelKeywords: string[];
}

export interface ExecutionScoreRule {
  /** 得分 = 分值 × 执行率 (proportional). */
  kind: "proportional";
  /** Cap 执行率 at 100% before scoring. */
  capAtFull: boolean;
}

export interface Profile {
  id: string;
  name: string;
  executionWeight: number;
  totalWeight: number;
  groups: IndicatorGroupRule[];
  /** Highest band first. */
  gradeBands: GradeBand[];
  executionScore: ExecutionScoreRule;
  /** Decimals kept in computed scores. */
  scoreDecimals: number;
  /** Two amounts are equal when they differ by less than this (万元). */
  amountTolerance: number;
  /**
   * A 附件1 amount (万元) at or above this is flagged as probably typed in 元
   * (10 亿元 is far beyond a county department's budget).
   */
  maxPlausibleWanYuan: number;
}

const GROUPS: IndicatorGroupRule[] = [
  { key: "output", name: "产出指标", weight: 50, secondLevelKeywords: ["数量", "质量", "时效", "成本"] },
  { key: "effect", name: "效益指标", weight: 30, secondLevelKeywords: ["经济效益", "社会效益", "生态效益", "可持续"] },
  { key: "satisfaction", name: "满意度指标", weight: 10, secondLevelKeywords: ["满意度"] },
];

/** The seed form's 说明: 优秀 (90,100], 良好 [80,90], 较差 [60,80), 差 [0,60). */
export const SEED_PROFILE: Profile = {
  id: "seed",
  name: "自评表说明口径（默认）",
  executionWeight: 10,
  totalWeight: 100,
  groups: GROUPS,
  gradeBands: [
    { grade: "优秀", min: 90, minInclusive: false, aliases: ["优"] },
    { grade: "良好", min: 80, minInclusive: true, aliases: ["良"] },
    { grade: "较差", min: 60, minInclusive: true, aliases: ["中", "中等"] },
    { grade: "差", min: 0, minInclusive: true, aliases: [] },
  ],
  executionScore: { kind: "proportional", capAtFull: true },
  scoreDecimals: 2,
  amountTolerance: 0.005,
  maxPlausibleWanYuan: 100000,
};

/** 财预〔2020〕10号: 优 [90,100], 良 [80,90), 中 [60,80), 差 below 60. */
export const NATIONAL_PROFILE: Profile = {
  ...SEED_PROFILE,
  id: "national",
  name: "财预〔2020〕10号",
  gradeBands: [
    { grade: "优", min: 90, minInclusive: true, aliases: ["优秀"] },
    { grade: "良", min: 80, minInclusive: true, aliases: ["良好"] },
    { grade: "中", min: 60, minInclusive: true, aliases: ["中等", "较差"] },
    { grade: "差", min: 0, minInclusive: true, aliases: [] },
  ],
};

export const PROFILES: Record<string, Profile> = { seed: SEED_PROFILE, national: NATIONAL_PROFILE };
