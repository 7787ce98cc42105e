/**
 * A value as the 诊断 page writes it down: its JavaScript shape first (what the
 * adapter branches on: scalar, 1-D or 2-D array, null, undefined, ""), then the
 * value itself, short. Plain text, so that a clerk can paste it into an email.
 */

/** COM error integers (CVErr: 0x800A0000 + xlErr), named when WPS passes errors as numbers. */
const COM_ERRORS: Record<number, string> = {
  [-2146826288]: "#NULL!",
  [-2146826281]: "#DIV/0!",
  [-2146826273]: "#VALUE!",
  [-2146826265]: "#REF!",
  [-2146826259]: "#NAME?",
  [-2146826252]: "#NUM!",
  [-2146826246]: "#N/A",
};

const MAX_TEXT = 120;

function short(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** JSON of a value, undefined kept visible (JSON would drop it or write null). */
function literal(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(literal).join(",")}]`;
  if (typeof v === "function") return "ƒ";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function describeValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (v === "") return '空字符串 ""';
  switch (typeof v) {
    case "string":
      return `文本 ${short(JSON.stringify(v))}`;
    case "number":
      return COM_ERRORS[v] ? `数字 ${v}（COM 错误码，即 ${COM_ERRORS[v]}）` : `数字 ${v}`;
    case "boolean":
      return `布尔值 ${v}`;
    case "function":
      return "函数";
  }
  if (Array.isArray(v)) {
    if (v.length && v.every((r) => Array.isArray(r))) {
      const cols = new Set(v.map((r: unknown[]) => r.length));
      return `二维数组 ${v.length}×${cols.size === 1 ? [...cols][0] : "?"}：${short(literal(v))}`;
    }
    return `一维数组（${v.length} 项）：${short(literal(v))}`;
  }
  return "对象";
}

/** How a member is offered: a method (a function to call), a property (a value), or absent. */
export function describeMember(v: unknown): string {
  if (typeof v === "function") return "方法（函数）";
  if (v === undefined) return "没有（undefined）";
  if (v === null) return "null";
  return `属性（${typeof v === "object" ? "对象" : describeValue(v)}）`;
}
