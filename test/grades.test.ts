import { bandWords } from "../src/engine/bandWords";
import { canonicalGrade, gradeFor } from "../src/engine/grade";
import { NATIONAL_PROFILE, SEED_PROFILE } from "../src/engine/profile";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { check, cli, fixture, loadBook } from "./helpers";

describe("grade bands", () => {
  it.each([
    ["grade-91", 91, "优秀"],
    ["grade-90", 90, "良好"],
    ["grade-80", 80, "良好"],
    ["grade-60", 60, "较差"],
    ["grade-59", 59, "差"],
  ])("%s: total %d is %s on the seed's form", async (name, total, grade) => {
    const r = await check(name);
    expect(r.computed.totalScore).toBe(total);
    expect(r.computed.grade).toBe(grade);
    expect(r.plan.writes.find((w) => w.cell === "J34")?.value).toBe(grade);
  });
  it("90 is 优 under 财预〔2020〕10号", async () => {
    const r = await check("grade-90", NATIONAL_PROFILE);
    expect(r.computed.grade).toBe("优");
    expect(r.plan.writes.find((w) => w.cell === "J34")?.formula).toBe('IF(H34>=90,"优",IF(H34>=80,"良",IF(H34>=60,"中","差")))');
  });
  it("keeps bands as data: boundaries, aliases and band text", () => {
    const b = SEED_PROFILE.gradeBands;
    expect([90.01, 90, 80, 79.99, 60, 59.99, 0].map((s) => gradeFor(s, b))).toEqual(["优秀", "良好", "良好", "较差", "较差", "差", "差"]);
    expect(canonicalGrade("良", b)).toBe("良好");
    expect(canonicalGrade("“良”", b)).toBe("良好");
    expect(canonicalGrade("很好", b)).toBeNull();
    expect(bandWords("优秀", SEED_PROFILE)).toBe("优秀：90 分以上（不含 90）");
    expect(bandWords("良好", SEED_PROFILE)).toBe("良好：80（含）–90（含）分");
    expect(bandWords("较差", SEED_PROFILE)).toBe("较差：60（含）–80（不含）分");
    expect(bandWords("差", SEED_PROFILE)).toBe("差：60 分以下（不含 60）");
    expect(bandWords("良", NATIONAL_PROFILE)).toBe("良：80（含）–90（不含）分");
  });
});

describe("grade bands read in words wherever people read them (as the pane says them)", () => {
  const words = "良好：80（含）–90（含）分";
  it("「核查结果」, the command line's report, a grade-mismatch finding and the summary's 核查信息", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bands-"));
    const copy = path.join(dir, "seed-complete.checked.xlsx");
    const run = cli([fixture("seed-complete"), "--out", copy]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`评价等级       ${words} · 自评表说明口径（默认）`);
    const results = (await loadBook(copy)).getWorksheet("核查结果")!;
    const gradeRow = results.getColumn(1).values.findIndex((v) => v === "评价等级");
    expect(results.getRow(gradeRow).getCell(2).value).toBe(words);
    // A grade typed in the grade cell.
    const mismatch = (await check("grade-stated-wrong")).findings.find((f) => f.rule === "grade-mismatch")!;
    expect(mismatch.message).toContain("核算应为 良好（总分 附件2!H34 属于 80（含）–90（含）分，自评表说明口径（默认））");
    const folder = path.join(dir, "in");
    await fs.mkdir(folder);
    await fs.copyFile(fixture("seed-complete"), path.join(folder, "a.xlsx"));
    const summary = path.join(dir, "汇总.xlsx");
    expect(cli([folder, "--summary", summary, "--profile", "national"]).code).toBe(0);
    const info = (await loadBook(summary)).getWorksheet("核查信息")!;
    const row = info.getColumn(1).values.findIndex((v) => v === "等级划分");
    expect(info.getRow(row).getCell(2).value).toBe("优：90 分以上（含 90）；良：80（含）–90（不含）分；中：60（含）–80（不含）分；差：60 分以下（不含 60）");
    // No interval notation anywhere a person reads.
    expect(run.stdout).not.toMatch(/[[(]\d+, \d+[\])]/);
    expect(mismatch.message).not.toMatch(/[[(]\d+, \d+[\])]/);
  });
});
