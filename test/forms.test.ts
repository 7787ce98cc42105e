import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES } from "../fixtures/build/catalog";
import { NATIONAL_PROFILE, SEED_PROFILE } from "../src/engine/profile";
import type { CheckReport } from "../src/engine/report";
import { at, check, cli, fixture, loadBook } from "./helpers";

/**
 * Issue 9: the 项目支出绩效自评表 family, found wherever it stands, beside the
 * 部门整体 tables, one per sheet or stacked, and checked like 附件2. Every
 * figure below is worked out by hand from the fixture's cells
 * (fixtures/build/projectForms.ts).
 */
const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "forms-"));
const rules = (r: CheckReport, form?: number | null) =>
  [...new Set(r.findings.filter((f) => form === undefined || f.form === form).map((f) => f.rule))].sort();
const place = (r: CheckReport) => r.forms.map(({ kind, title, sheet, range, unit }) => ({ kind, title, sheet, range, unit }));

describe("every form is found, with its kind, place and unit", () => {
  it("the national form: title from 项目名称, unit from 实施单位 with its code kept", async () => {
    const r = await check("project-national");
    expect(place(r)).toEqual([{ kind: "project", title: "农村饮水安全巩固提升工程", sheet: "项目自评表", range: "A2:I24", unit: "219001-某县农村供水管理站" }]);
    // With no 部门整体 form, the top level describes the first project form.
    expect(r.unit).toBe("219001-某县农村供水管理站");
    expect(r.tables).toEqual({ basicData: null, selfEvaluation: { sheet: "项目自评表", range: "A2:I24" } });
  });

  it("without a 实施单位 the unit is the 主管部门", async () => {
    expect((await check("project-no-implementer")).forms[0].unit).toBe("某县水利局");
  });

  it("the Sichuan form: 预算执行情况(10分), 权重, 实施单位（盖章）", async () => {
    const r = await check("project-sichuan");
    expect(place(r)).toEqual([{ kind: "project", title: "乡村道路养护项目", sheet: "Sheet1", range: "A1:K21", unit: "某县公路养护中心" }]);
  });

  it("a department's workbook: 部门整体 first, then the project sheets in order", async () => {
    const r = await check("dept-plus-projects");
    expect(place(r)).toEqual([
      { kind: "department", title: "部门整体支出绩效自评表", sheet: "附件2", range: "A2:I34", unit: "绥宁县信访局" },
      { kind: "project", title: "农村饮水安全巩固提升工程", sheet: "项目1", range: "A2:I24", unit: "219001-某县农村供水管理站" },
      { kind: "project", title: "村级污水处理设施建设", sheet: "项目2", range: "A2:I24", unit: "219002-某县水利工程建设中心" },
    ]);
    expect(r.unit).toBe("绥宁县信访局");
    expect(r.tables.selfEvaluation).toEqual({ sheet: "附件2", range: "A2:I34" });
    expect(r.tables.basicData).toEqual({ sheet: "附件1", range: "A2:G26" });
  });

  it("two project forms stacked on one sheet are read apart", async () => {
    const r = await check("projects-stacked");
    // The second form starts 3 blank rows below the first one's 25 rows: its 附件 line is row 29, its title row 30.
    expect(place(r).map((f) => [f.title, f.range])).toEqual([
      ["农村饮水安全巩固提升工程", "A2:I24"],
      ["村级污水处理设施建设", "A30:I52"],
    ]);
  });
});

it("findings about the workbook as a whole belong to no form", async () => {
  const alone = await check("only-self-evaluation");
  expect(alone.findings.filter((f) => f.rule === "table-missing").map((f) => f.form)).toEqual([null]);
  expect(alone.findings.filter((f) => f.rule !== "table-missing").every((f) => f.form === 0)).toBe(true);
  const locked = await check("protected-sheet");
  expect(locked.findings.filter((f) => f.rule === "sheet-protected").map((f) => f.form)).toEqual([null]);
});

describe("figures and grades equal a hand computation", () => {
  it("national: 198/220, 10 × 0.9, 9 + 88 = 97 → 优秀", async () => {
    const r = await check("project-national");
    // 执行率 = 全年执行数 198 / 全年预算数 220 = 0.9; 得分 = 分值 10 × 0.9 = 9
    // indicators: 产出 15 + 15 + 8 + 10 = 48, 效益 20 + 10 = 30, 满意度 10 → 88; 总分 9 + 88 = 97 > 90 → 优秀
    expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 97, grade: "优秀" });
  });

  it("Sichuan: 108/120, 权重 10 × 0.9, 9 + 81 = 90 → 良好 (90 is in [80, 90] on the seed's form)", async () => {
    const r = await check("project-sichuan");
    // 产出 20 + 15 + 10 + 5 = 50, 效益 15 + 6 = 21, 满意度 10 → 81
    expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 90, grade: "良好" });
  });

  it("each stacked form has its own figures; the profile applies to every form", async () => {
    const r = await check("projects-stacked");
    // second: 45/60 = 0.75; 10 × 0.75 = 7.5; 产出 15 + 15 + 2 + 10 = 42, 效益 30, 满意度 10 → 82; 7.5 + 82 = 89.5 → 良好
    expect(r.forms.map((f) => f.computed)).toEqual([
      { executionRate: 0.9, executionScore: 9, totalScore: 97, grade: "优秀" },
      { executionRate: 0.75, executionScore: 7.5, totalScore: 89.5, grade: "良好" },
    ]);
    const n = await check("projects-stacked", NATIONAL_PROFILE);
    // 财预〔2020〕10号: 优 [90, 100], 良 [80, 90)
    expect(n.forms.map((f) => f.computed.grade)).toEqual(["优", "良"]);
  });

  it("writes back per form: 执行率, 得分 and the grade right of each 总分", async () => {
    const r = await check("projects-stacked");
    const w = (cell: string) => r.plan.writes.find((x) => x.sheet === "项目支出自评" && x.cell === cell);
    expect([w("G7")?.formula, w("H7")?.formula, w("J23")?.value]).toEqual(["E7/D7", "ROUND(F7*MIN(G7,1),2)", "优秀"]);
    expect([w("G35")?.formula, w("H35")?.formula, w("J51")?.value]).toEqual(["E35/D35", "ROUND(F35*MIN(G35,1),2)", "良好"]);
    expect(w("J51")?.formula).toBe('IF(H51>90,"优秀",IF(H51>=80,"良好",IF(H51>=60,"较差","差")))');
  });

  it("the department's tables keep their own figures beside two projects", async () => {
    const [alone, r] = await Promise.all([check("seed-complete"), check("dept-plus-projects")]);
    expect(r.computed).toEqual(alone.computed);
    expect(r.forms[0].computed).toEqual({ executionRate: 1, executionScore: 10, totalScore: 88, grade: "良好" });
  });
});

describe("no false finding on a clean form", () => {
  it.each(["project-national", "project-sichuan", "projects-stacked"])("%s: no finding at all", async (name) => {
    const r = await check(name);
    expect(r.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
  });

  it("beside the department's tables, the projects add nothing and the department's findings stay", async () => {
    const [alone, r] = await Promise.all([check("seed-complete"), check("dept-plus-projects")]);
    expect(rules(r, 1)).toEqual([]);
    expect(rules(r, 2)).toEqual([]);
    expect(rules(r, null)).toEqual([]);
    expect(r.findings.filter((f) => f.form === 0).map((f) => `${f.rule} ${f.cell}`)).toEqual(alone.findings.map((f) => `${f.rule} ${f.cell}`));
  });
});

describe("labels as published", () => {
  it("targets carry their comparison and unit: 48个 misses ≥50个, 950000元 exceeds ≤90万元", async () => {
    const r = await check("project-targets");
    expect(rules(r)).toEqual(["indicator-below-target"]);
    expect(at(r, "indicator-below-target")).toEqual(["项目自评表!I14", "项目自评表!I18"]);
    expect(r.findings[1].message).toContain("950000元（项目自评表!F18）高于年度指标值 ≤90万元");
  });

  it("指标性质 and 度量单位 columns: ≥ 120 公里 missed, ≤ 12 月 exceeded", async () => {
    const r = await check("project-sichuan-below-target");
    expect(at(r, "indicator-below-target")).toEqual(["Sheet1!K13", "Sheet1!K15"]);
    expect(r.findings.map((f) => f.message)).toEqual([
      "“养护里程”实际完成值 110公里（Sheet1!H13）未达到年度指标值 ≥120公里（Sheet1!F13），请填写偏差原因。",
      "“完成时间”实际完成值 13月（Sheet1!H15）高于年度指标值 ≤12月（Sheet1!F15），请填写偏差原因。",
    ]);
  });

  it("Sichuan's money row: points lost on 预算执行 with its 原因 blank are flagged there, and 【待说明】 is written in the copy", async () => {
    const r = await check("project-sichuan-no-reason");
    expect(rules(r)).toEqual(["deviation-unexplained"]);
    expect(at(r, "deviation-unexplained")).toEqual(["Sheet1!I5"]);
    expect(r.findings[0].message).toBe("预算执行率 90%，扣 1 分（分值 10 Sheet1!G5，得分 9），请在“原因”栏（Sheet1!I5）说明预算未执行完的原因。");
    expect(r.plan.writes.filter((w) => w.kind === "marker").map((w) => [w.cell, w.value])).toEqual([["I5", "【待说明】"]]);
    const out = path.join(await tmp(), "no-reason.xlsx");
    expect(cli([fixture("project-sichuan-no-reason"), "--out", out]).code).toBe(0);
    expect((await loadBook(out)).getWorksheet("Sheet1")!.getCell("I5").value).toBe("【待说明】");
    // With the reason written (the clean form), nothing is owed.
    expect(rules(await check("project-sichuan"))).toEqual([]);
  });

  it("amounts typed with their unit are read in it; only 元 under a 万元 header is converted, and said so", async () => {
    const r = await check("project-unit-amounts");
    // 年初预算数 "1,500,000元" = 150 万元 (= 其中 "150万元"); 执行率 125.25 / 150 = 0.835, typed "83.5%": agrees
    // 得分 10 × 0.835 = 8.35; 总分 8.35 + 88 = 96.35 → 优秀
    expect(r.forms[0].computed).toEqual({ executionRate: 0.835, executionScore: 8.35, totalScore: 96.35, grade: "优秀" });
    expect(rules(r)).toEqual(["unit-converted"]);
    expect(at(r, "unit-converted")).toEqual(["项目自评表!C7"]);
    expect(r.findings[0].message).toBe("项目自评表!C7 填写为“1,500,000元”，按所写单位读作 1500000 元，换算为 150 万元（表头单位为万元）。");
    expect(r.findings[0].severity).toBe("info");
    // The typed "83.5%" stays; the score's formula reads it as a spreadsheet reads text, not as MIN() would skip it.
    expect(r.plan.writes.find((w) => w.cell === "G7")).toBeUndefined();
    expect(r.plan.writes.find((w) => w.cell === "H7")?.formula).toBe('ROUND(F7*MIN((--TRIM(SUBSTITUTE(G7,"\u3000"," "))),1),2)');
  });
});

describe("findings the real forms need", () => {
  it("年度资金总额 0/0/0 over a filled 其中 row, 分值 100 on the money row, a lost point unexplained", async () => {
    const r = await check("project-fund-mistakes");
    expect(rules(r)).toEqual(["deviation-unexplained", "execution-weight-mismatch", "indicator-below-target", "sum-mismatch", "value-missing"]);
    expect(at(r, "sum-mismatch")).toEqual(["项目自评表!C7", "项目自评表!D7", "项目自评表!E7"]);
    expect(r.findings.find((f) => f.cell === "D7")!.message).toBe(
      "年度资金总额（全年预算数）为 0（项目自评表!D7），其中各项之和为 150：当年财政拨款 项目自评表!D8=150。请改正合计，执行率才能计算。",
    );
    const w = r.findings.find((f) => f.rule === "execution-weight-mismatch")!;
    expect([w.severity, w.cell]).toEqual(["error", "F7"]);
    expect(w.message).toContain(`执行率分值填写为 100（项目自评表!F7），“${SEED_PROFILE.name}”规定为 10 分；加绩效指标分值合计 90 共 190 分`);
    expect(at(r, "deviation-unexplained")).toEqual(["项目自评表!I17"]);
    // The stated 98 cannot be verified; nothing is computed from a wrong total or weight.
    expect(r.findings.find((f) => f.rule === "value-missing")).toMatchObject({ severity: "info", cell: "H23" });
    expect(r.forms[0].computed).toEqual({ executionRate: null, executionScore: null, totalScore: null, grade: null });
  });

  it("a 年度资金总额 left blank over filled 其中 rows: one finding per column, no second one for the blank", async () => {
    const r = await check("project-fund-total-blank");
    // 其中: 全年预算数 200 + 20 = 220, 全年执行数 180 + 18 = 198 (the clean form's totals, erased)
    expect(rules(r)).toEqual(["sum-mismatch", "value-missing"]);
    expect(at(r, "sum-mismatch")).toEqual(["项目自评表!C7", "项目自评表!D7", "项目自评表!E7"]);
    expect(r.findings[1].message).toBe(
      "年度资金总额（全年预算数）未填写（项目自评表!D7），其中各项之和为 220：当年财政拨款 项目自评表!D8=200 + 上年结转资金 项目自评表!D9=20。请改正合计，执行率才能计算。",
    );
    expect(r.findings.find((f) => f.rule === "value-missing")).toMatchObject({ severity: "info", cell: "H23" });
  });

  it("an unscored form: each blank 得分 is its own finding and the total is not computed, never 0", async () => {
    const r = await check("project-unscored");
    expect(rules(r)).toEqual(["score-missing"]);
    expect(at(r, "score-missing")).toEqual(["H14", "H16", "H17", "H18", "H20", "H21", "H22"].map((c) => `项目自评表!${c}`));
    expect(r.findings.every((f) => f.severity === "error")).toBe(true);
    expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: null, grade: null });
    expect(r.plan.writes.map((x) => x.cell)).toEqual(["G7", "H7"]);
  });

  it("no message or note holds an empty or half cell reference, on any fixture", async () => {
    const bad = [/（\s/, /\s）/, /（）/, /(?<!#[A-Z0-9/]+)!(?![A-Z]{1,3}[0-9])/, /\b(undefined|NaN|null)\b/, /–\s*[（，。]/, /^\s*起/];
    const found: string[] = [];
    for (const name of Object.keys(FIXTURES)) {
      const r = await check(name);
      const texts = [...r.findings.map((f) => `${f.rule}: ${f.message}`), ...r.plan.marks.map((m) => `note ${m.cell}: ${m.note}`)];
      for (const t of texts) for (const re of bad) if (re.test(t.replace(/^[^:]+: /, ""))) found.push(`${name} ${t}`);
    }
    expect(found).toEqual([]);
  });
});

describe("a disputed total gets no definitive grade", () => {
  const GRADE_WORDS = new Set(["优秀", "良好", "较差", "差", "优", "良", "中"]);
  /** Every cell of the checked copy whose whole text is a grade word. */
  const gradeCells = (wb: ExcelJS.Workbook) => {
    const out: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.isMerged && c.master.address !== c.address) return; // a merged area's other cells echo its first
          const v = c.value && typeof c.value === "object" && "result" in c.value ? c.value.result : c.value;
          if (typeof v === "string" && GRADE_WORDS.has(v.trim())) out.push(`${ws.name}!${c.address}`);
        }),
      ),
    );
    return out;
  };
  const checked = async (name: string) => {
    const out = path.join(await tmp(), `${name}.xlsx`);
    const res = cli([fixture(name), "--out", out]);
    expect(res.code).toBe(1);
    return loadBook(out);
  };

  it.each([
    // 差旅费 得分 12 of 10: the scores add to 10 + 85 = 95, 88 typed. Before: 优秀 beside 88.
    ["disputed-out-of-range", "有得分超出分值范围（附件2!H17）"],
    // 总分 typed 95 over scores adding to 10 + 78 = 88. Before: 良好 beside 95.
    ["disputed-total-95", "总分填写为 95，核算应为 88"],
  ])("%s: 【待定】 beside the total, 待定 in 核查结果, no grade word anywhere; one finding at the total", async (name, why) => {
    const r = await check(name);
    expect(r.computed.grade).toBeNull();
    expect(r.forms[0].computed.grade).toBeNull();
    // The stated total disagrees: one error at its cell says so and that the grade is pending (not
    // an error and a warning saying the same).
    const atTotal = r.findings.filter((f) => f.sheet === "附件2" && f.cell === "H34");
    expect(atTotal.map((f) => [f.severity, f.rule, f.form])).toEqual([["error", "total-score-mismatch", 0]]);
    expect(atTotal[0].message).toContain(why);
    expect(atTotal[0].message).toContain("评价等级暂定为“待定”");
    expect(atTotal[0].message.match(/总分填写为/g)).toHaveLength(1);
    const wb = await checked(name);
    expect(wb.getWorksheet("附件2")!.getCell("J34").value).toBe("【待定】");
    expect(wb.getWorksheet("附件2")!.getCell("J33").value).toBe("评价等级");
    expect(gradeCells(wb)).toEqual([]);
    const results = wb.getWorksheet("核查结果")!;
    const gradeRow = results.getColumn(1).values.findIndex((v) => v === "评价等级");
    expect(results.getRow(gradeRow).getCell(2).value).toBe("待定");
  });

  it("a project form's disputed total: 【待定】 beside it, its 自评等级 kept and flagged", async () => {
    const r = await check("project-disputed");
    // scores add to 9 + 88 = 97; 90 typed
    expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 97, grade: null });
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([
      ["total-score-mismatch", "H23"],
      ["grade-pending", "B24"],
    ]);
    const wb = await checked("project-disputed");
    const ws = wb.getWorksheet("项目自评表")!;
    expect([ws.getCell("J22").value, ws.getCell("J23").value, ws.getCell("B24").value]).toEqual(["评价等级", "【待定】", "优"]);
    // The person's 自评等级 "优" stays; nothing this tool wrote is a grade word.
    expect(gradeCells(wb)).toEqual(["项目自评表!B24"]);
  });

  it("a grade a person typed beside a disputed total is kept and flagged", async () => {
    const r = await check("disputed-grade-typed");
    expect(r.findings.filter((f) => f.rule === "grade-pending").map((f) => f.cell)).toEqual(["J34"]);
    expect(r.findings.filter((f) => f.cell === "H34").map((f) => f.rule)).toEqual(["total-score-mismatch"]);
    expect(r.plan.writes.find((w) => w.cell === "J34")).toBeUndefined();
    const wb = await checked("disputed-grade-typed");
    expect(wb.getWorksheet("附件2")!.getCell("J34").value).toBe("优秀");
  });

  it("replaces the grade this tool wrote on an earlier check", async () => {
    const dir = await tmp();
    const first = path.join(dir, "first.xlsx");
    expect(cli([fixture("seed-complete-no-total"), "--out", first]).code).toBe(0);
    const wb = await loadBook(first);
    expect((wb.getWorksheet("附件2")!.getCell("J34").value as ExcelJS.CellFormulaValue).result).toBe("良好");
    // A person then types 差旅费 得分 12 (分值 10); our 总分 formula now gives 95.
    wb.getWorksheet("附件2")!.getCell("H17").value = 12;
    const edited = path.join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(edited);
    const second = path.join(dir, "second.xlsx");
    expect(cli([edited, "--out", second]).code).toBe(1);
    const again = await loadBook(second);
    expect(again.getWorksheet("附件2")!.getCell("J34").value).toBe("【待定】");
    expect(gradeCells(again)).toEqual([]);
  });

  it("the reviewers' summary shows 待定", async () => {
    const dir = await tmp();
    const input = path.join(dir, "in");
    await fs.mkdir(input);
    await fs.copyFile(fixture("disputed-total-95"), path.join(input, "a.xlsx"));
    const sum = path.join(dir, "汇总.xlsx");
    cli([input, "--summary", sum]);
    const ws = (await loadBook(sum)).getWorksheet("汇总")!;
    const col = (name: string) => (ws.getRow(1).values as unknown[]).indexOf(name);
    expect([ws.getRow(2).getCell(col("总分")).value, ws.getRow(2).getCell(col("等级")).value]).toEqual([88, "待定"]);
  });
});

describe("command line", () => {
  it("--json: one entry per form, and every finding says which form", () => {
    const { code, stdout } = cli([fixture("dept-plus-projects"), "--json"]);
    expect(code).toBe(0);
    const d = JSON.parse(stdout);
    expect(d.forms).toHaveLength(3);
    for (const f of d.forms) expect(Object.keys(f).sort()).toEqual(["budget", "computed", "kind", "profile", "range", "reading", "sheet", "title", "unit"]);
    expect(d.forms[2]).toMatchObject({
      kind: "project",
      title: "村级污水处理设施建设",
      sheet: "项目2",
      range: "A2:I24",
      unit: "219002-某县水利工程建设中心",
      computed: { executionRate: 0.75, executionScore: 7.5, totalScore: 89.5, grade: "良好" },
    });
    // What was read, where: the money block's columns and the indicator table's, at their header cells.
    expect(d.forms[2].reading.layout).toBe("national");
    expect(d.forms[2].reading.blocks.map((b: { role: string }) => b.role)).toEqual(["money", "indicators", "total"]);
    expect(d.unit).toBe("绥宁县信访局");
    expect(d.findings.length).toBeGreaterThan(0);
    for (const f of d.findings) expect(f.form).toBe(0);
  });

  it("a workbook of project forms only is checked; one holding no form of any kind exits 2", () => {
    expect(cli([fixture("project-national")]).code).toBe(0);
    const none = cli([fixture("neither-table")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("没有找到任何绩效自评表（部门整体或项目支出）");
  });

  it("the text report and 核查结果 list every form's figures", async () => {
    const { stdout } = cli([fixture("dept-plus-projects")]);
    expect(stdout).toContain("本工作簿共 3 张绩效自评表");
    expect(stdout).toContain("2. 项目支出｜农村饮水安全巩固提升工程｜219001-某县农村供水管理站｜项目1!A2:I24｜执行率 90%｜总分 97 分｜优秀");
    const r = await check("dept-plus-projects");
    const texts = r.plan.results.cells.filter((c) => c.col === 4).map((c) => c.value);
    expect(texts).toEqual(expect.arrayContaining(["良好", "优秀"]));
    expect(r.plan.results.cells.some((c) => c.value === "本工作簿共 3 张绩效自评表")).toBe(true);
  });
});
