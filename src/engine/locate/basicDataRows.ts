/**
 * The rows of 附件1 经费控制情况, as data. Rows are matched in order within
 * the section the previous rows opened, so "运行维护" under 三公经费 (公车运行维护)
 * and under 项目支出 (运行维护经费) are told apart.
 */

export type Section = "threePublic" | "project" | "publicFunds" | "other";

export type BasicRowKey =
  | "threePublic"
  | "vehicle"
  | "vehiclePurchase"
  | "vehicleRunning"
  | "overseas"
  | "reception"
  | "project"
  | "business"
  | "operation"
  | "special"
  | "specialItem"
  | "publicFunds"
  | "office"
  | "utilitiesTravel"
  | "meetingsTraining"
  | "procurement"
  | "basicAdjust";

export interface BasicRowSpec {
  key: BasicRowKey;
  /** Name as the form prints it, for messages. */
  name: string;
  /** Tested against the canonical label key. */
  match: RegExp;
  /** Section the row may appear in ("any" for section heads). */
  within: Section | "any";
  /** Section the row opens. */
  opens?: Section;
  /** Several rows may carry this key (其中：××专项资金 …). */
  repeated?: boolean;
}

export const BASIC_ROWS: BasicRowSpec[] = [
  { key: "threePublic", name: "三公经费", match: /^三公经费/, within: "any", opens: "threePublic" },
  { key: "vehicle", name: "公务用车购置和维护经费", match: /^公务用车/, within: "threePublic" },
  { key: "vehiclePurchase", name: "公车购置", match: /(公车|车辆)购置/, within: "threePublic" },
  { key: "vehicleRunning", name: "公车运行维护", match: /(公车|车辆)运行/, within: "threePublic" },
  { key: "overseas", name: "出国经费", match: /出国/, within: "threePublic" },
  { key: "reception", name: "公务接待", match: /接待/, within: "threePublic" },
  { key: "project", name: "项目支出", match: /^项目支出/, within: "any", opens: "project" },
  { key: "business", name: "业务工作经费", match: /^业务工作/, within: "project" },
  { key: "operation", name: "运行维护经费", match: /^运行维护/, within: "project" },
  { key: "special", name: "上级专项资金", match: /^上级专项/, within: "project" },
  { key: "specialItem", name: "专项资金（其中）", match: /专项/, within: "project", repeated: true },
  { key: "publicFunds", name: "公用经费", match: /^公用经费/, within: "any", opens: "publicFunds" },
  { key: "office", name: "办公经费", match: /^办公/, within: "publicFunds" },
  { key: "utilitiesTravel", name: "水费、电费、差旅费", match: /水费|电费|差旅/, within: "publicFunds" },
  { key: "meetingsTraining", name: "会议费、培训费", match: /会议|培训/, within: "publicFunds" },
  { key: "procurement", name: "政府采购金额", match: /^政府采购/, within: "any", opens: "other" },
  { key: "basicAdjust", name: "部门基本支出预算调整", match: /基本支出/, within: "any", opens: "other" },
];

/** The figure columns of 经费控制情况. */
export type AmountColumn = "prevActual" | "budget" | "actual";

export const AMOUNT_COLUMN_NAMES: Record<AmountColumn, string> = {
  prevActual: "上年决算数",
  budget: "本年预算数",
  actual: "本年决算数",
};

/**
 * Identities that must hold in each amount column (forms.md). `sum`: total =
 * Σ parts. `subset`: Σ parts ≤ total. `whenPartsFilled`: only checked when
 * at least one part is filled (上级专项资金's 其中 rows).
 */
export interface BasicIdentity {
  kind: "sum" | "subset";
  total: BasicRowKey;
  parts: BasicRowKey[];
  whenPartsFilled?: boolean;
}

export const BASIC_IDENTITIES: BasicIdentity[] = [
  { kind: "sum", total: "threePublic", parts: ["vehicle", "overseas", "reception"] },
  { kind: "sum", total: "vehicle", parts: ["vehiclePurchase", "vehicleRunning"] },
  { kind: "sum", total: "project", parts: ["business", "operation", "special"] },
  { kind: "sum", total: "special", parts: ["specialItem"], whenPartsFilled: true },
  { kind: "subset", total: "publicFunds", parts: ["office", "utilitiesTravel", "meetingsTraining"] },
];
