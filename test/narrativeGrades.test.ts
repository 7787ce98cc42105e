import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { readReportFile } from "../src/adapters/docx/readDocx";
import { checkXlsx } from "../src/adapters/xlsx";
import { readWorkbookBytes } from "../src/adapters/xlsx/node";
import type { CheckOptions } from "../src/engine/check";
import { extractNarrative } from "../src/engine/narrative/extract";
import { NATIONAL_PROFILE, SEED_PROFILE, type Profile } from "../src/engine/profile";
import type { CheckReport } from "../src/engine/report";
import { makeDocx } from "../fixtures/build/docx";

const checkFile = async (file: string, profile?: Profile, options?: CheckOptions) => checkXlsx(await readWorkbookBytes(file), file, profile, options);
import { fixture } from "./helpers";

/** Every way the reports we have seen state their grade; W is the grade word. */
const PHRASINGS = [
  "经自评，部门整体支出评价等级为“W”。",
  "经自评，部门整体支出评价等级为W。",
  "自评得分见附件2，等级为W。",
  "评价等级：W",
  "本部门自评等级为W，较上年有所提高。",
  "综合评价等级为W等次。",
  "自评结果为W。",
  "部门整体支出绩效评价结果为W等级。",
  "部门整体支出绩效为「W」。",
  "自评等级为'W'。",
  '自评等级为"W"。',
  "评价等级为W等。",
];

/** Words near a grade's subject that are no grade: 偏差/差异/差距, 其中/中央, 优化/优先, 良好率, a 满意度. */
const NOT_GRADES = [
  "绩效评价结果与预期目标存在偏差，差异主要在于项目推进时间。",
  "评价结果为差异化管理提供依据。",
  "评价等级为中央和省市考核的重要参考。",
  "绩效评价结果中，产出指标得分较高。",
  "评价为优化营商环境提供了支撑。",
  "自评结果为优先保障项目提供依据。",
  "服务评价为良好率98%以上。",
  "群众满意度评价为良好。",
  "与年度目标的差距进一步缩小，其中人员经费160.08万元。",
  "部门整体绩效良好，运行平稳。",
];

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "grades-"));

async function withDocx(book: string, paragraphs: string[], profile: Profile = SEED_PROFILE): Promise<CheckReport> {
  const file = path.join(await tmp(), "报告.docx");
  await fs.writeFile(file, makeDocx(paragraphs));
  return (await checkFile(fixture(book), profile, { narrative: await readReportFile(file) })).report;
}

const gradeFindings = (r: CheckReport) => r.findings.filter((f) => f.rule === "narrative-mismatch" && f.message.startsWith("报告写等级"));

describe("the report's grade, however it is phrased", () => {
  it("reads every phrasing, quoted or not, with 等/等次/等级 after the word", () => {
    for (const p of PHRASINGS) expect([p, extractNarrative(p.replace("W", "优秀")).grades.map((g) => g.grade)]).toEqual([p, ["优秀"]]);
    for (const w of ["优", "良", "中", "差", "良好", "较差"]) expect(extractNarrative(PHRASINGS[0].replace("W", w)).grades.map((g) => g.grade)).toEqual([w]);
  });

  it("an agreeing report (.docx) is never flagged, whatever the phrasing or the word (优秀 / 优)", async () => {
    const r = await withDocx("grade-91", [...PHRASINGS.map((p) => p.replace("W", "优秀")), ...PHRASINGS.map((p) => p.replace("W", "优"))]);
    expect(r.computed.grade).toBe("优秀");
    expect(gradeFindings(r)).toEqual([]);
  });

  it("a disagreeing report (.docx) is flagged once per sentence at the total, quoting it", async () => {
    const sentences = PHRASINGS.map((p) => p.replace("W", "良好"));
    const r = await withDocx("grade-91", sentences);
    const found = gradeFindings(r);
    expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual(sentences.map(() => "附件2!H34"));
    for (const s of sentences) expect(found.some((f) => f.message.includes(`原句：“${s}”`) && f.message.includes("对应“优秀”"))).toBe(true);
  });

  it("maps the report's words to the profile's bands through their aliases (.txt report)", async () => {
    const dir = await tmp();
    const txt = path.join(dir, "报告.txt");
    // grade-60: 60 points — 较差 in the seed profile, 中 in the national one.
    await fs.writeFile(txt, ["综合评价等级为中等次。", "自评结果为较差。", "评价等级为中等。"].join("\n"));
    const text = await readReportFile(txt);
    const seed = (await checkFile(fixture("grade-60"), SEED_PROFILE, { narrative: text })).report;
    expect(seed.computed.grade).toBe("较差");
    expect(gradeFindings(seed)).toEqual([]);
    const national = (await checkFile(fixture("grade-60"), NATIONAL_PROFILE, { narrative: text })).report;
    expect(national.computed.grade).toBe("中");
    expect(gradeFindings(national)).toEqual([]);
    await fs.writeFile(txt, "绩效评价结果为差等级。");
    const wrong = (await checkFile(fixture("grade-60"), NATIONAL_PROFILE, { narrative: await readReportFile(txt) })).report;
    expect(gradeFindings(wrong).map((f) => f.message)).toEqual([expect.stringContaining("报告写等级为“差”，而总分 60")]);
  });

  it("never reads 偏差, 差异, 差距, 其中, 中央, 优化, 优先, 良好率 or a 满意度评价 as a grade", async () => {
    for (const s of NOT_GRADES) expect([s, extractNarrative(s).grades]).toEqual([s, []]);
    // 91 points is 优秀: any of these read as 差/中/良好 would be a false error.
    const r = await withDocx("grade-91", NOT_GRADES);
    expect(gradeFindings(r)).toEqual([]);
  });
});
