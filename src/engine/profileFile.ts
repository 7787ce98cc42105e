import { PROFILES, SEED_PROFILE, type GradeBand, type Profile } from "./profile";

/** A profile file that does not fit, naming the field. */
export class ProfileError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
  ) {
    super(`profile field ${field}: ${zh}`);
    this.name = "ProfileError";
  }
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Build a profile from parsed JSON. Fields not given keep the default
 * profile's value (or that of `base`, a built-in profile id); every given
 * field is checked and a wrong one is named in the error.
 */
export function profileFromJson(json: unknown): Profile {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new ProfileError("(根)", "规则文件应为一个 JSON 对象");
  const o = json as Record<string, unknown>;
  let base = SEED_PROFILE;
  if (o.base !== undefined) {
    if (typeof o.base !== "string" || !PROFILES[o.base]) throw new ProfileError("base", `应为 ${Object.keys(PROFILES).join(" 或 ")}`);
    base = PROFILES[o.base];
  }
  const p: Profile = JSON.parse(JSON.stringify(base));
  if (o.id !== undefined) {
    if (typeof o.id !== "string" || !o.id) throw new ProfileError("id", "应为非空字符串");
    p.id = o.id;
  }
  if (o.name !== undefined) {
    if (typeof o.name !== "string" || !o.name) throw new ProfileError("name", "应为非空字符串");
    p.name = o.name;
  }
  for (const f of ["executionWeight", "totalWeight", "scoreDecimals", "amountTolerance", "maxPlausibleWanYuan"] as const) {
    if (o[f] === undefined) continue;
    if (!isNum(o[f]) || (o[f] as number) < 0) throw new ProfileError(f, "应为不小于 0 的数字");
    p[f] = o[f] as number;
  }
  if (o.groups !== undefined) {
    if (!Array.isArray(o.groups)) throw new ProfileError("groups", "应为数组");
    o.groups.forEach((g: unknown, i) => {
      const gg = g as Record<string, unknown>;
      const known = p.groups.find((x) => x.key === gg?.key);
      if (!known) throw new ProfileError(`groups[${i}].key`, "应为 output、effect 或 satisfaction");
      if (gg.weight !== undefined) {
        if (!isNum(gg.weight) || gg.weight < 0) throw new ProfileError(`groups[${i}].weight`, "应为不小于 0 的数字");
        known.weight = gg.weight;
      }
      if (gg.name !== undefined) {
        if (typeof gg.name !== "string" || !gg.name) throw new ProfileError(`groups[${i}].name`, "应为非空字符串");
        known.name = gg.name;
      }
    });
  }
  if (o.gradeBands !== undefined) {
    if (!Array.isArray(o.gradeBands) || o.gradeBands.length < 2) throw new ProfileError("gradeBands", "应为至少两个等级的数组（从高到低）");
    p.gradeBands = o.gradeBands.map((b: unknown, i): GradeBand => {
      const bb = b as Record<string, unknown>;
      if (!bb || typeof bb !== "object") throw new ProfileError(`gradeBands[${i}]`, "应为对象");
      if (typeof bb.grade !== "string" || !bb.grade) throw new ProfileError(`gradeBands[${i}].grade`, "应为非空字符串");
      if (!isNum(bb.min)) throw new ProfileError(`gradeBands[${i}].min`, "应为数字");
      if (typeof bb.minInclusive !== "boolean") throw new ProfileError(`gradeBands[${i}].minInclusive`, "应为 true 或 false");
      if (bb.aliases !== undefined && (!Array.isArray(bb.aliases) || bb.aliases.some((a) => typeof a !== "string"))) {
        throw new ProfileError(`gradeBands[${i}].aliases`, "应为字符串数组");
      }
      return { grade: bb.grade, min: bb.min, minInclusive: bb.minInclusive, aliases: (bb.aliases as string[]) ?? [] };
    });
    for (let i = 1; i < p.gradeBands.length; i++) {
      if (p.gradeBands[i].min > p.gradeBands[i - 1].min) throw new ProfileError(`gradeBands[${i}].min`, "等级应按分数从高到低排列");
    }
  }
  if (o.executionScore !== undefined) {
    const e = o.executionScore as Record<string, unknown>;
    if (!e || typeof e !== "object") throw new ProfileError("executionScore", "应为对象");
    if (e.kind !== undefined && e.kind !== "proportional") throw new ProfileError("executionScore.kind", "目前只支持 proportional（分值 × 执行率）");
    if (e.capAtFull !== undefined && typeof e.capAtFull !== "boolean") throw new ProfileError("executionScore.capAtFull", "应为 true 或 false");
    if (typeof e.capAtFull === "boolean") p.executionScore.capAtFull = e.capAtFull;
  }
  const known = new Set(["base", "id", "name", "executionWeight", "totalWeight", "scoreDecimals", "amountTolerance", "maxPlausibleWanYuan", "groups", "gradeBands", "executionScore", "$schema", "description"]);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new ProfileError(k, "不是可识别的规则字段");
  return p;
}
