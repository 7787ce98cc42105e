import { bandText, canonicalGrade, gradeFor } from "../src/engine/grade";
import { NATIONAL_PROFILE, SEED_PROFILE } from "../src/engine/profile";
import { check } from "./helpers";

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
    expect(bandText("优秀", SEED_PROFILE)).toBe("(90, 100]");
    expect(bandText("良好", SEED_PROFILE)).toBe("[80, 90]");
    expect(bandText("较差", SEED_PROFILE)).toBe("[60, 80)");
    expect(bandText("良", NATIONAL_PROFILE)).toBe("[80, 90)");
  });
});
