import { parseA1, parseRangeA1 } from "../../engine/address";

/**
 * A small formula evaluator for the in-memory host: the operators and
 * functions the add-in writes (arithmetic, comparisons, SUM, ROUND, MIN, IF,
 * TRIM, SUBSTITUTE, HYPERLINK) with Excel's text-to-number coercion and
 * error values. Real Excel computes formulas itself; the host must too, or a
 * second recalculation could not read back what the first one wrote.
 */
export type FValue = number | string | boolean | null | { error: string };

export interface FormulaEnv {
  /** Value of a cell on the formula's own sheet (evaluated when it holds a formula). */
  cell(row: number, col: number): FValue;
}

const err = (e: string): FValue => ({ error: e });
const isErr = (v: FValue): v is { error: string } => typeof v === "object" && v !== null;

function toNumber(v: FValue): number | { error: string } {
  if (isErr(v)) return v;
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const s = v.trim();
  const pct = s.endsWith("%");
  const body = pct ? s.slice(0, -1) : s;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return pct ? Number(body) / 100 : Number(body);
  return { error: "#VALUE!" };
}

const toText = (v: FValue): string => (v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));

type Tok = { t: "num"; v: number } | { t: "str"; v: string } | { t: "ref"; v: string } | { t: "id"; v: string } | { t: "op"; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " ") {
      i++;
      continue;
    }
    if (c === '"') {
      let s = "";
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') (s += '"'), (i += 2);
        else if (src[i] === '"') break;
        else s += src[i++];
      }
      i++;
      out.push({ t: "str", v: s });
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ref = /^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?(?![A-Z0-9_(])/.exec(src.slice(i));
    if (ref) {
      out.push({ t: "ref", v: ref[0].replace(/\$/g, "") });
      i += ref[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0].toUpperCase() });
      i += id[0].length;
      continue;
    }
    const op = /^(>=|<=|<>|[-+*/^&=<>(),:])/.exec(src.slice(i));
    if (!op) throw new Error(`unexpected "${c}" in formula`);
    out.push({ t: "op", v: op[0] });
    i += op[0].length;
  }
  return out;
}

type Node =
  | { k: "lit"; v: FValue }
  | { k: "ref"; v: string }
  | { k: "neg"; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "call"; name: string; args: Node[] };

function parse(tokens: Tok[]): Node {
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek()?.t === "op" && peek()!.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected ${v}`);
    p++;
  };
  const levels: string[][] = [["=", "<>", "<", ">", "<=", ">="], ["&"], ["+", "-"], ["*", "/"], ["^"]];
  const binary = (level: number): Node => {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    while (peek()?.t === "op" && levels[level].includes(String(peek()!.v))) {
      const op = String(tokens[p++].v);
      left = { k: "bin", op, a: left, b: binary(level + 1) };
    }
    return left;
  };
  const unary = (): Node => {
    if (isOp("-")) {
      p++;
      return { k: "neg", a: unary() };
    }
    if (isOp("+")) {
      p++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const t = tokens[p++];
    if (!t) throw new Error("unexpected end of formula");
    if (t.t === "num") return { k: "lit", v: t.v };
    if (t.t === "str") return { k: "lit", v: t.v };
    if (t.t === "ref") return { k: "ref", v: t.v };
    if (t.t === "id") {
      if (t.v === "TRUE" || t.v === "FALSE") return { k: "lit", v: t.v === "TRUE" };
      expect("(");
      const args: Node[] = [];
      if (!isOp(")")) {
        args.push(binary(0));
        while (isOp(",")) {
          p++;
          args.push(binary(0));
        }
      }
      expect(")");
      return { k: "call", name: t.v.replace(/^_XLFN\./, ""), args };
    }
    if (t.v === "(") {
      const e = binary(0);
      expect(")");
      return e;
    }
    throw new Error(`unexpected ${t.v}`);
  };
  const node = binary(0);
  if (p !== tokens.length) throw new Error("trailing tokens in formula");
  return node;
}

function rangeValues(ref: string, env: FormulaEnv): FValue[] {
  const r = parseRangeA1(ref)!;
  const out: FValue[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(env.cell(row, col));
  return out;
}

function evalNode(n: Node, env: FormulaEnv): FValue {
  switch (n.k) {
    case "lit":
      return n.v;
    case "ref": {
      if (n.v.includes(":")) return err("#VALUE!");
      const p = parseA1(n.v)!;
      return env.cell(p.row, p.col);
    }
    case "neg": {
      const v = toNumber(evalNode(n.a, env));
      return isErr(v) ? v : -v;
    }
    case "bin": {
      const a = evalNode(n.a, env);
      const b = evalNode(n.b, env);
      if (isErr(a)) return a;
      if (isErr(b)) return b;
      if (n.op === "&") return toText(a) + toText(b);
      if (["=", "<>", "<", ">", "<=", ">="].includes(n.op)) {
        const x = typeof a === "number" || typeof b === "number" ? toNumber(a) : toText(a);
        const y = typeof a === "number" || typeof b === "number" ? toNumber(b) : toText(b);
        if (isErr(x as FValue) || isErr(y as FValue)) return err("#VALUE!");
        switch (n.op) {
          case "=": return x === y;
          case "<>": return x !== y;
          case "<": return x < y;
          case ">": return x > y;
          case "<=": return x <= y;
          default: return x >= y;
        }
      }
      const x = toNumber(a);
      const y = toNumber(b);
      if (isErr(x)) return x;
      if (isErr(y)) return y;
      switch (n.op) {
        case "+": return x + y;
        case "-": return x - y;
        case "*": return x * y;
        case "/": return y === 0 ? err("#DIV/0!") : x / y;
        default: return x ** y;
      }
    }
    case "call":
      return callFn(n.name, n.args, env);
  }
}

function callFn(name: string, args: Node[], env: FormulaEnv): FValue {
  const flat = (): FValue[] => args.flatMap((a) => (a.k === "ref" && a.v.includes(":") ? rangeValues(a.v, env) : [evalNode(a, env)]));
  switch (name) {
    case "SUM": {
      let s = 0;
      for (const [i, a] of args.entries()) {
        const vals = a.k === "ref" && a.v.includes(":") ? rangeValues(a.v, env).filter((v) => typeof v === "number" || isErr(v)) : [evalNode(args[i], env)];
        for (const v of vals) {
          const n = toNumber(v);
          if (isErr(n)) return n;
          s += n;
        }
      }
      return s;
    }
    case "MIN": {
      const nums = flat().map(toNumber);
      const e = nums.find(isErr);
      if (e) return e as FValue;
      return nums.length ? Math.min(...(nums as number[])) : 0;
    }
    case "ROUND": {
      const v = toNumber(evalNode(args[0], env));
      const d = toNumber(evalNode(args[1], env));
      if (isErr(v)) return v;
      if (isErr(d)) return d;
      const f = 10 ** d;
      return (Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9)) / f;
    }
    case "IF": {
      const c = evalNode(args[0], env);
      if (isErr(c)) return c;
      const truthy = typeof c === "boolean" ? c : toNumber(c) !== 0;
      return evalNode(args[truthy ? 1 : 2] ?? { k: "lit", v: false }, env);
    }
    case "TRIM":
      return toText(evalNode(args[0], env)).replace(/ +/g, " ").trim();
    case "SUBSTITUTE": {
      const [t, from, to] = args.map((a) => toText(evalNode(a, env)));
      return from ? t.split(from).join(to) : t;
    }
    case "HYPERLINK":
      return evalNode(args[1] ?? args[0], env);
    default:
      return err("#NAME?");
  }
}

/** Evaluate a formula ("=..." or without "="); a formula it cannot parse gives #NAME?. */
export function evaluateFormula(formula: string, env: FormulaEnv): FValue {
  try {
    return evalNode(parse(tokenize(formula.replace(/^=/, ""))), env);
  } catch {
    return err("#NAME?");
  }
}
