import fc from "fast-check";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { compactRange, groupFindings, messageShape } from "../src/engine/findingGroups";
import { finding, RULES } from "../src/engine/findings";
import { RULE_NAMES_ZH, ruleNameZh } from "../src/engine/ruleNames";
import { check, cli, fixture, FIXTURES, loadBook } from "./helpers";
import { python } from "./xlsxParts";

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "groups-"));

describe("Chinese rule names", () => {
  it("every rule id has a distinct Chinese name; an unknown id is shown as itself", () => {
    const names = Object.keys(RULES).map((id) => RULE_NAMES_ZH[id as keyof typeof RULES]);
    expect(names.every((n) => /^[\u4e00-\u9fff0-9%，]+$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(ruleNameZh("unit-suspect")).toBe("金额单位存疑");
    expect(ruleNameZh("no-such-rule")).toBe("no-such-rule");
  });
});

describe("compact ranges", () => {
  it("runs down a column, scattered cells and rectangles", () => {
    expect(compactRange(["E14"])).toBe("E14");
    expect(compactRange(["E16", "E14", "E15"])).toBe("E14:E16");
    expect(compactRange(["I15", "I16", "I17", "I19", "I21"])).toBe("I15:I17,I19,I21");
    expect(compactRange(["B2", "C2", "B3", "C3"])).toBe("B2:C3");
    expect(compactRange(["B2", "C2", "B3"])).toBe("B2:B3,C2");
  });
});

/** The shape as one regular expression: correct, but quadratic over Chinese text before a "!". */
const SLOT = /“[^”]*”|(?:[^\s!“”（）()，,。：:；;、]+!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|[+-]?\d+(?:\.\d+)?%?/g;
const shapeByRegex = (m: string) => m.replace(SLOT, "\u0001");

describe("message shapes", () => {
  it("the linear scan gives the single expression's shape, on every message the seed raises and on random text", async () => {
    const r = await check("seed");
    expect(r.findings.length).toBeGreaterThan(10);
    for (const f of r.findings) expect(messageShape(f.message)).toBe(shapeByRegex(f.message));
    // Pieces of real messages and single characters, so sheet names, references and quotes meet in every order.
    const pieces = ["附件2!", "表1!", "D14", "$E$5:$E$9", "B2", "–", "“差旅费”", "“", "”", "12.5%", "-3", "分", ":", "："];
    const alphabet = fc.constantFrom(...pieces, ..."附件2!$AZGE190.%+“”（）() ，,。：:；;、差 \t");
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
      const m = chars.join("");
      expect(messageShape(m)).toBe(shapeByRegex(m));
    }), { numRuns: 3000 });
    expect(messageShape("（见附件2!$E$5:$E$9，与表1!B2–表1!B3）")).toBe("（\u0001，\u0001\u0001）");
  });
});

describe("the same problem down a column is one group", () => {
  it("the seed's ten 元-vs-万元 targets: one group over 附件2!E14:E23 naming each cell and value", async () => {
    const r = await check("seed");
    const groups = groupFindings(r.findings);
    const unit = groups.filter((g) => g.rule === "unit-suspect");
    expect(unit).toHaveLength(1);
    expect(unit[0]).toMatchObject({ severity: "warning", sheet: "附件2", range: "E14:E23" });
    expect(unit[0].findings).toHaveLength(10);
    expect(unit[0].message).toMatch(/^10 项指标的年度指标值大于全年预算 407\.3 万元（附件2!E5），应是以元计：E14 上缴市驻长办维稳经费 30000、E15 上缴市驻京办维稳工作经费 450000、/);
    expect(unit[0].message).toContain("E23 会议费 50000。请在指标值后注明单位");
    const dev = groups.find((g) => g.rule === "deviation-unexplained")!;
    expect(dev.range).toBe("I15:I17,I19,I21");
    expect(dev.message).toContain("I17 差旅费 扣 5 分");
    // Two 数据未填写 with different wording stay apart; nothing is lost.
    expect(groups.filter((g) => g.rule === "value-missing").map((g) => g.range)).toEqual(["D5", "H34"]);
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(r.findings.length);
  });

  it("a rule without its own phrasing keeps the first message and says where the others are", () => {
    const at = (row: number) => finding("error", "value-unreadable", { sheet: "附件1", row, col: 1 }, `分值无法读取：“十${row}”不是数字（附件1!B${row + 1}）。请填写数字。`, "x");
    const g = groupFindings([at(3), at(4), at(6)]);
    expect(g).toHaveLength(1);
    expect(g[0].message).toBe("分值无法读取：“十3”不是数字（附件1!B4）。请填写数字。（同类问题共 3 处：B4:B5,B7）");
    expect(messageShape("“差旅费”扣 5 分（附件2!G17）")).toBe(messageShape("“印刷费”扣 2 分（附件2!G19）"));
  });

  it("CLI text: one line over the range; --json keeps one finding per cell with its own address", async () => {
    const text = cli([fixture("seed")]).stdout;
    const lines = text.split("\n");
    expect(lines.filter((l) => l.includes("unit-suspect"))).toHaveLength(1);
    expect(lines.find((l) => l.includes("unit-suspect"))).toMatch(/^    附件2!E14:E23  10 项指标的年度指标值.*\[金额单位存疑 unit-suspect\]$/);
    expect(lines.some((l) => l.startsWith("    附件2!E15 "))).toBe(false);
    expect(text).toContain("发现的问题：错误 1 项，警告 16 项，提示 12 项（同一问题在多处出现的，合并为一行）");
    const json = JSON.parse(cli([fixture("seed"), "--json"]).stdout);
    const cells = json.findings.filter((f: { rule: string }) => f.rule === "unit-suspect").map((f: { cell: string }) => f.cell);
    expect(cells).toEqual(["E14", "E15", "E16", "E17", "E18", "E19", "E20", "E21", "E22", "E23"]);
  });

  it("in the checked copy each cell's note keeps its own message and points to the rest of the column; 「核查结果」 has one row", async () => {
    const out = path.join(await tmp(), "seed.checked.xlsx");
    cli([fixture("seed"), "--out", out]);
    const wb = await loadBook(out);
    // Notes as Excel reads them, through openpyxl (an independent reader).
    const notes = JSON.parse(python(`import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])["附件2"]\nprint(json.dumps({a: ws[a].comment.text if ws[a].comment else "" for a in ["E15","I19","D5"]}))`, [out]));
    expect(notes.E15).toContain("“上缴市驻京办维稳工作经费”的年度指标值 450000（附件2!E15）");
    expect(notes.E15).toContain("（本列 E14:E23 共 10 处同类问题）");
    expect(notes.I19).toContain("（本列 I15:I17,I19,I21 共 5 处同类问题）");
    expect(notes.D5).toContain("全年预算数(A)未填写");
    expect(notes.D5).not.toContain("同类问题");
    const ws = wb.getWorksheet("核查结果")!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === "序号");
    expect(rows[header]).toEqual(["序号", "级别", "位置", "问题类型", "问题说明"]);
    const unitRows = rows.filter((r) => r[3] === "金额单位存疑");
    expect(unitRows).toHaveLength(1);
    expect(unitRows[0][2]).toEqual({ formula: `HYPERLINK("#'附件2'!E14:E23","附件2!E14:E23")`, result: "附件2!E14:E23" });
  });
});

describe("messages a clerk can read", () => {
  it("no message on any fixture uses 运算数 or operand", async () => {
    const names = (await fs.readdir(FIXTURES)).filter((f) => f.endsWith(".xlsx") && !f.startsWith("broken-"));
    for (const name of names) {
      const r = await check(name);
      for (const f of r.findings) expect(`${name}: ${f.message}`).not.toMatch(/运算数|operand/i);
    }
  });

  it("a figure written as a value names the cell that stopped the formula and what it holds", async () => {
    const r = await check("messy-values");
    const g5 = r.findings.find((f) => f.rule === "formula-written-as-value" && f.cell === "G5")!;
    expect(g5.message).toContain("附件2!D5 填的是“４０７.３”（用了全角数字），请改为 407.3");
    const h5 = r.findings.find((f) => f.rule === "formula-written-as-value" && f.cell === "H5")!;
    expect(h5.message).toContain("附件2!F5 填的是“10分”（数字后带了单位或文字），请改为 10");
  });
});
