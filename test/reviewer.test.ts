import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { docxText, readReportFile } from "../src/adapters/docx/readDocx";
import { extractNarrative } from "../src/engine/narrative/extract";
import { NATIONAL_PROFILE } from "../src/engine/profile";
import { profileFromJson, ProfileError } from "../src/engine/profileFile";
import { progressLine } from "../src/cli/progress";
import { SEED_REPORT_PARAGRAPHS } from "../fixtures/build/seedReport";
import { at, check, cli, fixture, loadBook } from "./helpers";

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "reviewer-"));
const withReport = async (book: string, report: string) => await check(book, undefined, { narrative: await readReportFile(fixture(report)) });

describe("narrative report ↔ tables", () => {
  it("reads the paragraphs of a .docx written by the fixtures", async () => {
    const text = docxText(await fs.readFile(fixture("seed-report.docx")));
    expect(text.split("\n")).toEqual(SEED_REPORT_PARAGRAPHS);
  });

  it("finds the stated figures with their units, and nothing from bare numbers", () => {
    const n = extractNarrative(SEED_REPORT_PARAGRAPHS.join("\n"));
    const f = n.figures.map((x) => `${x.what}=${x.value}`);
    expect(f).toEqual(expect.arrayContaining(["staffQuota=11", "staffActual=10", "basic=331.83", "personnel=160.08", "publicFunds=171.75", "project=75.48", "business=75.48", "totalScore=88"]));
    expect(f.some((x) => x.endsWith("=86.36"))).toBe(false);
    expect(n.totals.map((t) => `${t.what}=${t.total}:${t.parts.map((p) => p.value).join("+")}`)).toEqual(["basic=331.83:160.08+171.75", "project=75.48:75.48+0+0"]);
    expect(n.grades.map((g) => g.grade)).toEqual(["良"]);
  });

  it("flags 项目支出共计75.48万元 against 75.47 in both tables, quoting the sentence", async () => {
    const r = await withReport("seed-complete", "seed-report.docx");
    expect(at(r, "narrative-mismatch")).toEqual(["附件1!D12", "附件1!D13", "附件2!E8"]);
    const f = r.findings.find((x) => x.rule === "narrative-mismatch" && x.cell === "E8")!;
    expect(f.message).toContain("2023年项目支出共计75.48万元，其中业务工作经费75.48万元");
    expect(f.message).toContain("75.47");
    // 331.83 = 160.08 + 171.75 holds; 得分88分 and “良” agree with the tables.
    expect(at(r, "narrative-inconsistent")).toEqual([]);
  });

  it("a report that agrees with its tables gives no narrative finding, even while 执行率 is missing", async () => {
    const r = await withReport("seed", "seed-report-consistent.docx");
    expect(r.findings.filter((f) => f.rule.startsWith("narrative"))).toEqual([]);
  });

  it("flags a total that its own parts contradict, and a grade from the wrong band", async () => {
    const dir = await tmp();
    const txt = path.join(dir, "r.txt");
    await fs.writeFile(txt, "2023年基本支出共计331.83万元，其中人员经费160.08万元，公用经费171.70万元。\n得分60分，部门整体支出绩效为“良”。");
    const r = await check("grade-60", undefined, { narrative: await readReportFile(txt) });
    expect(at(r, "narrative-inconsistent")).toEqual(["附件1!D23"]);
    expect(r.findings.find((f) => f.rule === "narrative-inconsistent")!.message).toContain("331.78");
    const g = r.findings.filter((f) => f.rule === "narrative-mismatch" && f.message.includes("等级"));
    expect(g.map((f) => `${f.sheet}!${f.cell}`)).toEqual(["附件2!H34"]);
    expect(g[0].message).toContain("较差");
  });

  it("a workbook of several forms: a score or grade is held against the project the sentence names, never another", async () => {
    // projects-stacked: 农村饮水安全巩固提升工程 97 优秀, 村级污水处理设施建设 89.5 良好 (two forms on one sheet).
    const agreeing = "农村饮水安全巩固提升工程自评得分97分，绩效等级为“优秀”。村级污水处理设施建设自评得分89.5分，绩效等级为“良好”。";
    const narrative = (r: Awaited<ReturnType<typeof check>>) => r.findings.filter((f) => f.rule.startsWith("narrative")).map((f) => `${f.form} ${f.sheet}!${f.cell}`);
    expect(narrative(await check("projects-stacked", undefined, { narrative: agreeing }))).toEqual([]);
    const wrong = await check("projects-stacked", undefined, { narrative: "村级污水处理设施建设自评得分92分，绩效等级为“优秀”。" });
    expect(narrative(wrong)).toEqual(["1 项目支出自评!H51", "1 项目支出自评!H51"]);
    expect(wrong.findings.find((f) => f.rule === "narrative-mismatch")!.message).toContain("项目“村级污水处理设施建设”核算总分为 89.5");
    // Naming no project, or both: nothing to hold it against between two projects.
    const unclear = "项目自评得分92分。农村饮水安全巩固提升工程、村级污水处理设施建设自评得分92分，绩效等级为“中”。";
    expect(extractNarrative(unclear, undefined, ["农村饮水安全巩固提升工程", "村级污水处理设施建设"]).grades.map((g) => `${g.grade} ${g.form}`)).toEqual(["中 several"]);
    expect(narrative(await check("projects-stacked", undefined, { narrative: unclear }))).toEqual([]);
    // With a 部门整体 form, a sentence naming no project speaks of the department (total 88).
    const dept = await check("dept-plus-projects", undefined, { narrative: agreeing + "部门整体支出绩效自评得分90分。" });
    expect(narrative(dept)).toEqual(["0 附件2!H34"]);
  });

  it("CLI --report: exit 1 on a mismatch; a missing or old-format report is a clear message", async () => {
    const r = cli([fixture("seed-complete"), "--report", fixture("seed-report.docx"), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === "narrative-mismatch")).toHaveLength(3);
    const missing = cli([fixture("seed-complete"), "--report", "nope.docx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("找不到报告文件");
    const old = cli([fixture("seed-complete"), "--report", fixture("broken-legacy.xls")]);
    expect(old.stderr).toContain(".doc");
  });
});

describe("folder review", () => {
  it("--summary writes one row per submission, worst first, failures listed, reports paired by name", async () => {
    const dir = await tmp();
    const folder = path.join(dir, "交来的材料");
    await fs.mkdir(folder);
    await fs.copyFile(fixture("seed-complete"), path.join(folder, "信访局.xlsx"));
    await fs.copyFile(fixture("seed-report.docx"), path.join(folder, "信访局.docx"));
    await fs.copyFile(fixture("grade-80"), path.join(folder, "甲单位.xlsx"));
    await fs.copyFile(fixture("sum-mismatch"), path.join(folder, "乙单位.xlsx"));
    await fs.copyFile(fixture("broken-truncated.xlsx"), path.join(folder, "丙单位.xlsx"));
    const summary = path.join(dir, "汇总.xlsx");
    const r = cli([folder, "--summary", summary]);
    expect(r.code).toBe(2);
    const ws = (await loadBook(summary)).getWorksheet("汇总")!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(["序号", "文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"]);
    // Paths relative to the folder given.
    const files = rows.slice(1).map((x) => String(x[1]));
    expect(files[0]).toBe("丙单位.xlsx");
    expect(String(rows[1][10])).toContain("无法核查");
    // 信访局 has 3 narrative errors (paired report), 乙单位 2 sum errors, 甲单位 none.
    expect(files.slice(1)).toEqual(["信访局.xlsx", "乙单位.xlsx", "甲单位.xlsx"]);
    expect(rows[2].slice(2, 10)).toEqual(["绥宁县信访局", "部门整体支出绩效自评表", 1, 10 / 11, 88, "良好", 3, expect.any(Number)]);
    expect(String(rows[2][10]).split("\n").length).toBeGreaterThanOrEqual(3);
    expect(rows[4][6]).toBe(80);
  });

  it("draws a progress bar", () => {
    expect(progressLine(45, 200, 20)).toBe("核查进度 [█████···············] 45/200");
    expect(progressLine(200, 200, 4)).toBe("核查进度 [████] 200/200");
  });
});

describe("rule profiles", () => {
  it("national (财预〔2020〕10号): 90 is 优", async () => {
    const r = JSON.parse(cli([fixture("grade-90"), "--profile", "national", "--json"]).stdout);
    expect(r.computed.grade).toBe("优");
    expect((await check("grade-80", NATIONAL_PROFILE)).computed.grade).toBe("良");
  });

  it("a JSON profile file replaces bands, weights and the execution-rate rule", async () => {
    const dir = await tmp();
    const file = path.join(dir, "profile.json");
    await fs.writeFile(
      file,
      JSON.stringify({
        base: "national",
        name: "某省口径",
        executionScore: { capAtFull: false },
        gradeBands: [
          { grade: "A", min: 85, minInclusive: true },
          { grade: "B", min: 70, minInclusive: true },
          { grade: "C", min: 0, minInclusive: true },
        ],
      }),
    );
    const r = JSON.parse(cli([fixture("execution-over-100"), "--profile", file, "--json"]).stdout);
    expect(r.computed.executionScore).toBeCloseTo(10.18, 2);
    expect(r.computed.grade).toBe("A");
    expect(r.changes.find((c: { cell: string }) => c.cell === "H5").formula).toBe("=ROUND(F5*G5,2)");
  });

  it("a wrong profile file gets a clear message naming the field", async () => {
    const dir = await tmp();
    const file = path.join(dir, "bad.json");
    await fs.writeFile(file, JSON.stringify({ gradeBands: [{ grade: "优", min: 90, minInclusive: true }, { grade: "良", min: "八十", minInclusive: true }] }));
    const r = cli([fixture("seed"), "--profile", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("gradeBands[1].min");
    expect(() => profileFromJson({ executionWeight: -1 })).toThrow(ProfileError);
    expect(() => profileFromJson({ colour: "red" })).toThrow(/colour/);
    const notJson = path.join(dir, "x.json");
    await fs.writeFile(notJson, "{ nope");
    expect(cli([fixture("seed"), "--profile", notJson]).stderr).toContain("不是有效的 JSON");
  });
});
