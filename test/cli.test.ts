import { SEED_PROFILE } from "../src/engine/profile";
import { spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { RULES } from "../src/engine/findings";
import { cli, fixture, loadBook } from "./helpers";

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), "cli-"));

describe("command line", () => {
  it("--json prints one object with the contract's shape; exit 1 on an error finding", async () => {
    const { code, stdout } = cli([fixture("seed"), "--json"]);
    expect(code).toBe(1);
    const d = JSON.parse(stdout);
    expect(Object.keys(d).sort()).toEqual(["changes", "computed", "file", "findings", "forms", "tables", "unit"]);
    // One form: the 部门整体 form on 附件2, described like the top level.
    expect(d.forms).toEqual([
      {
        kind: "department",
        title: "部门整体支出绩效自评表",
        sheet: "附件2",
        range: d.tables.selfEvaluation.range,
        unit: d.unit,
        budget: { initial: 269.97, annual: null, executed: 407.3, moneyUnit: "万元" },
        computed: { executionRate: null, executionScore: null, totalScore: null, grade: null },
        profile: { name: SEED_PROFILE.name, gradeBands: SEED_PROFILE.gradeBands },
        reading: {
          layout: "national",
          blocks: [
            { role: "money", range: "A4:H10", columns: { initial: "C4", annual: "D4", executed: "E4", weight: "F4", rate: "G4", score: "H4" } },
            { role: "indicators", range: "B13:I32", columns: { l1: "B13", l2: "C13", l3: "D13", target: "E13", actual: "F13", weight: "G13", score: "H13", reason: "I13" } },
            { role: "total", range: "A34:H34", columns: { weight: "G34", score: "H34" } },
          ],
          unread: [],
          // The seed form's own 说明 prints the seed profile's bands and weights: read from A36 and A35.
          ruleSources: [
            { rule: "grade-bands", from: "form-note", cell: "A36" },
            { rule: "execution-weight", from: "column", cell: "F5" },
            { rule: "group-weights", from: "column", cell: null },
            { rule: "indicator-weights", from: "header-label", cell: "A13" },
          ],
        },
      },
    ]);
    expect(d.tables.basicData).toEqual({ sheet: "附件1", range: "A2:G26" });
    expect(Object.keys(d.computed).sort()).toEqual(["buildings", "executionRate", "executionScore", "grade", "staffControlRate", "totalScore"]);
    expect(d.computed.executionRate).toBeNull();
    for (const f of d.findings) {
      expect(Object.keys(f).sort()).toEqual(["cell", "form", "message", "rule", "severity", "sheet"]);
      expect(f.form).toBe(0);
      expect(Object.keys(RULES)).toContain(f.rule);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
    }
    expect(d.changes.find((c: { cell: string }) => c.cell === "I15")).toEqual({ sheet: "附件2", cell: "I15", before: null, after: "【待说明】", formula: null });
  });

  it("exit 0 and a Chinese report without --json when there is no error", () => {
    const { code, stdout } = cli([fixture("seed-complete")]);
    expect(code).toBe(0);
    expect(stdout).toContain("单位：绥宁县信访局");
    expect(stdout).toContain("总分           88 分");
    expect(stdout).toContain("评价等级       良好");
    expect(stdout).toContain("【警告】");
    expect(stdout).toContain("附件2!E6");
  });

  it("several files or a folder give an array, in a stable order", async () => {
    const dir = await tmp();
    for (const n of ["seed", "seed-complete"]) await fs.copyFile(fixture(n), path.join(dir, `${n}.xlsx`));
    const { code, stdout } = cli([dir, "--json"]);
    expect(code).toBe(1);
    const d = JSON.parse(stdout);
    expect(d.map((x: { file: string }) => path.basename(x.file))).toEqual(["seed-complete.xlsx", "seed.xlsx"]);
  });

  it("output larger than a pipe holds reaches a slow reader whole (process.exit waits for stdout)", async () => {
    // A pipe takes 64 KB at once; the rest of a write waits for the reader. Exiting without waiting
    // cut `--json | jq` (and a folder's --full report) short. Here the reader only starts after a second.
    const dir = await tmp();
    const input = path.join(dir, "in");
    await fs.mkdir(input);
    for (let i = 0; i < 12; i++) await fs.copyFile(fixture("seed"), path.join(input, `${String(i).padStart(2, "0")}.xlsx`));
    const out = path.join(dir, "out.txt");
    const main = path.join(__dirname, "..", "dist-cli", "main.js");
    /** The CLI's stdout as a reader that starts a second late receives it. */
    const slowlyRead = async (flag: string) => {
      const res = spawnSync("sh", ["-c", `"${process.execPath}" "${main}" "${input}" ${flag} | (sleep 1; cat > "${out}")`], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(res.status).toBe(0);
      return fs.readFile(out, "utf8");
    };
    const json = await slowlyRead("--json");
    expect(json.length).toBeGreaterThan(65536);
    expect(JSON.parse(json)).toHaveLength(12);
    const report = await slowlyRead("--full");
    // Every file's report is there, to the last one's final line.
    expect(report.split("评价等级").length - 1).toBe(12);
    expect(report.endsWith("\n")).toBe(true);
  });

  it("worker threads give the same results, in the input's order", async () => {
    const dir = await tmp();
    const input = path.join(dir, "in");
    await fs.mkdir(input);
    const names = ["seed", "grade-80", "seed-complete", "buildings", "broken-truncated.xlsx", "sum-mismatch"];
    for (const [i, n] of names.entries()) await fs.copyFile(fixture(n), path.join(input, `${i}-${n.replace(/\.xlsx$/, "")}.xlsx`));
    const one = cli([input, "--json", "--out", path.join(dir, "out1")], { env: { JIXIAO_WORKERS: "1" } });
    const two = cli([input, "--json", "--out", path.join(dir, "out2")], { env: { JIXIAO_WORKERS: "2" } });
    expect(two.code).toBe(2);
    expect(one.code).toBe(2);
    const strip = (s: string) => (JSON.parse(s) as { file: string }[]).map((x) => ({ ...x, file: path.basename(x.file) }));
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(strip(two.stdout).map((x) => x.file)).toEqual(names.map((n, i) => `${i}-${n.replace(/\.xlsx$/, "")}.xlsx`));
    expect((await fs.readdir(path.join(dir, "out2"))).sort()).toEqual((await fs.readdir(path.join(dir, "out1"))).sort());
  });

  it("--out writes the checked copy and never touches the input", async () => {
    const dir = await tmp();
    const input = path.join(dir, "in.xlsx");
    await fs.copyFile(fixture("seed-complete-no-total"), input);
    const before = await fs.readFile(input);
    const out = path.join(dir, "out.xlsx");
    const { code } = cli([input, "--out", out]);
    expect(code).toBe(0);
    expect((await fs.readFile(input)).equals(before)).toBe(true);
    const wb = await loadBook(out);
    expect(wb.getWorksheet("附件2")!.getCell("H34").value).toEqual({ formula: "ROUND(H5+SUM(H14:H32),2)", result: 88 });
    expect(wb.getWorksheet("核查结果")).toBeDefined();
  });

  it("--out makes the copy's folder; a copy that cannot be written is one clear line naming the path, exit 2", async () => {
    const dir = await tmp();
    const fresh = path.join(dir, "已核查", "out.xlsx");
    expect(cli([fixture("seed"), "--out", fresh]).code).toBe(1);
    expect((await fs.stat(fresh)).size).toBeGreaterThan(0);
    // A file stands where a folder should be: not an internal error.
    await fs.writeFile(path.join(dir, "是文件"), "");
    const out = path.join(dir, "是文件", "out.xlsx");
    const r = cli([fixture("seed"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`无法写入 ${out}：路径中有一个同名的文件，不是文件夹`);
    const json = cli([fixture("seed"), "--out", out, "--json"]);
    expect(JSON.parse(json.stdout).error).toBe(`无法写入 ${out}：路径中有一个同名的文件，不是文件夹`);
  });

  it("--in-place changes the file, --undo --in-place restores it", async () => {
    const dir = await tmp();
    const input = path.join(dir, "in.xlsx");
    await fs.copyFile(fixture("seed"), input);
    await fs.chmod(input, 0o640);
    const inode = (await fs.stat(input)).ino;
    expect(cli([input, "--in-place"]).code).toBe(1);
    // Replaced whole (a new file renamed over it), with its permissions kept and nothing left beside it.
    const after = await fs.stat(input);
    expect(after.ino).not.toBe(inode);
    expect(after.mode & 0o777).toBe(0o640);
    expect(await fs.readdir(dir)).toEqual(["in.xlsx"]);
    let wb = await loadBook(input);
    expect(wb.getWorksheet("附件2")!.getCell("I15").value).toBe("【待说明】");
    const undo = cli([input, "--undo", "--in-place"]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain("已撤销");
    wb = await loadBook(input);
    expect(wb.getWorksheet("附件2")!.getCell("I15").value).toBeNull();
    expect(wb.getWorksheet("核查结果")).toBeUndefined();
  });

  it("--undo over a folder: a line a file and the totals; an unreadable file is said once", async () => {
    const dir = await tmp();
    await fs.mkdir(path.join(dir, "县直"));
    await fs.copyFile(fixture("seed"), path.join(dir, "县直", "信访局.xlsx"));
    await fs.copyFile(fixture("grade-80"), path.join(dir, "水利局.xlsx"));
    expect(cli([dir, "--in-place"]).code).toBe(1);
    await fs.copyFile(fixture("seed-complete"), path.join(dir, "未核查.xlsx"));
    await fs.copyFile(fixture("broken-not-xlsx.xlsx"), path.join(dir, "坏文件.xlsx"));
    const { code, stdout, stderr } = cli([dir, "--undo", "--in-place"]);
    expect(code).toBe(2);
    expect(stderr).toBe("");
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, 4).map((l) => l.split("　")[0])).toEqual(["⊘ 坏文件.xlsx", "✓ 水利局.xlsx", "· 未核查.xlsx", "✓ 县直/信访局.xlsx"]);
    expect(lines[0]).toContain("不是 Excel 工作簿");
    expect(lines[2]).toContain("没有可撤销的核查记录");
    expect(lines[4]).toBe("共 4 个文件：✓ 已撤销 2 个，· 没有可撤销的核查记录 1 个，⊘ 无法读取 1 个。");
    // Both files hold every part as it was before the check.
    const parts = async (f: string) => unzipSync(new Uint8Array(await fs.readFile(f)));
    expect(await parts(path.join(dir, "水利局.xlsx"))).toEqual(await parts(fixture("grade-80")));
    expect(await parts(path.join(dir, "县直", "信访局.xlsx"))).toEqual(await parts(fixture("seed")));
  });

  it.each([
    ["broken-not-xlsx.xlsx", "不是 Excel 工作簿"],
    ["broken-truncated.xlsx", "已损坏或不完整"],
    ["broken-encrypted.xlsx", "已加密"],
    ["broken-legacy.xls", ".xls"],
    ["broken-empty.xlsx", "不是 Excel 工作簿"],
    ["neither-table.xlsx", "没有找到"],
    ["does-not-exist.xlsx", "找不到文件"],
  ])("exit 2 with one Chinese line and no stack trace: %s", (name, text) => {
    const { code, stdout, stderr } = cli([fixture(name)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.split("\n").filter((l) => l.trim() && !/npm warn/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(text);
    expect(lines[0]).toContain(name);
    expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it("a bad file in a folder does not stop the others", async () => {
    const dir = await tmp();
    await fs.copyFile(fixture("seed-complete"), path.join(dir, "a.xlsx"));
    await fs.copyFile(fixture("broken-truncated.xlsx"), path.join(dir, "b.xlsx"));
    const { code, stdout, stderr } = cli([dir, "--json"]);
    expect(code).toBe(2);
    const d = JSON.parse(stdout);
    expect(d[0].computed.totalScore).toBe(88);
    expect(d[1].error).toContain("已损坏");
    expect(stderr).toContain("b.xlsx");
  });

  it("usage errors are explained in Chinese", () => {
    const r = cli(["--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知选项");
  });
});

describe("a folder run's lines, for a reviewer with forty files", () => {
  it("marks errors, warnings only, clean and unreadable each with its own symbol, explained once in the totals", async () => {
    const dir = await tmp();
    await fs.copyFile(fixture("seed"), path.join(dir, "有错误.xlsx"));
    await fs.copyFile(fixture("seed-complete"), path.join(dir, "有警告.xlsx"));
    await fs.copyFile(fixture("project-national"), path.join(dir, "无问题.xlsx"));
    await fs.copyFile(fixture("broken-truncated"), path.join(dir, "坏文件.xlsx"));
    const { stdout } = cli([dir]);
    const lines = stdout.trim().split("\n");
    const mark = (name: string) => lines.find((l) => l.includes(` ${name}　`))!.split(" ")[0];
    expect([mark("有错误.xlsx"), mark("有警告.xlsx"), mark("无问题.xlsx"), mark("坏文件.xlsx")]).toEqual(["✗", "△", "✓", "⊘"]);
    expect(lines.at(-1)).toBe("共 4 个文件：✗ 有错误 1 个，△ 仅有警告 1 个，✓ 无错误和警告 1 个，⊘ 无法核查 1 个。");
    // No "!" mark any more: it read as "warning".
    expect(lines.filter((l) => l.startsWith("!"))).toEqual([]);
  });

  it("sorts names naturally: 单位2 before 单位10, 单位17 after 单位9 and before 单位169", async () => {
    const dir = await tmp();
    for (const n of ["单位170", "单位10", "单位169", "单位2", "单位17", "单位9"]) await fs.copyFile(fixture("seed-complete"), path.join(dir, `${n}.xlsx`));
    const { stdout } = cli([dir]);
    const names = stdout.trim().split("\n").slice(0, 6).map((l) => l.split(" ")[1].split("　")[0]);
    expect(names).toEqual(["单位2.xlsx", "单位9.xlsx", "单位10.xlsx", "单位17.xlsx", "单位169.xlsx", "单位170.xlsx"]);
  });

  it("a copy checked before, given again, is written under its own name, not X.checked.checked.xlsx", async () => {
    const dir = await tmp();
    const input = path.join(dir, "收到");
    await fs.mkdir(input);
    await fs.copyFile(fixture("seed-complete"), path.join(input, "教育局.checked.xlsx"));
    await fs.copyFile(fixture("seed-complete"), path.join(input, "信访局.xlsx"));
    const out = path.join(dir, "已核查");
    expect(cli([input, "--out", out]).code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(["信访局.checked.xlsx", "教育局.checked.xlsx"].sort());
    // Beside the original it was made from, both are written: neither run is refused, no copy lost.
    await fs.copyFile(fixture("seed"), path.join(input, "教育局.xlsx"));
    const both = path.join(dir, "两份");
    expect(cli([input, "--out", both]).code).toBe(1);
    expect((await fs.readdir(both)).sort()).toEqual(["信访局.checked.xlsx", "教育局.checked.xlsx", "教育局（2）.checked.xlsx"].sort());
    await fs.rm(path.join(input, "教育局.xlsx"));
    // One file, --out a folder.
    const single = path.join(dir, "单个");
    await fs.mkdir(single);
    expect(cli([path.join(input, "教育局.checked.xlsx"), "--out", single]).code).toBe(0);
    expect(await fs.readdir(single)).toEqual(["教育局.checked.xlsx"]);
    // --out its own folder would write over the file given: refused, nothing written.
    const before = await fs.readFile(path.join(input, "教育局.checked.xlsx"));
    const r = cli([path.join(input, "教育局.checked.xlsx"), "--out", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("就是要核查的文件");
    expect(await fs.readFile(path.join(input, "教育局.checked.xlsx"))).toEqual(before);
  });
});
