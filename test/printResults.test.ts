import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { groupFindings } from "../src/engine/findingGroups";
import { RULES } from "../src/engine/findings";
import { RESULTS_TITLE } from "../src/engine/plan";
import { check, cli, fixture, loadBook } from "./helpers";
import { sofficePath } from "./libreoffice";
import { havePdfTools, pdfPages, printedInFull, squash } from "./printedText";

const havePdf = sofficePath() !== null && havePdfTools();
if (!havePdf && process.env.CI) throw new Error("CI must install libreoffice-calc and poppler-utils (see .ci/run)");

describe("a printed 问题说明 is found in full whatever font draws its quote marks", () => {
  const message = "按收入性质分的合计对应“年初预算数”（附件2!B6），按支出性质分的合计对应“全年执行数(B)”（附件2!E6），两者口径不一致。";
  it("accepts quote marks pdftotext returns out of order (a CJK font such as fonts-noto-cjk)", () => {
    // As pdftotext -raw gave it with fonts-noto-cjk: each mark drawn apart from its word.
    const printed = "附件2!E6 按收入性质分的合计对应”年初预算数“（附件2!B6），按支出性质分的合计对应全年执行数\n(B)“”（附件2!E6），两者口径不一致。";
    expect(printedInFull(printed, message)).toBe(true);
  });
  it("still refuses a message cut short, a character missing or a quote mark lost", () => {
    expect(printedInFull("按收入性质分的合计对应“年初预算数”（附件2!B6），按支出性质分的合计对应“全年执行数(B)”（附件2!E6），两者口径", message)).toBe(false);
    expect(printedInFull("按收入性质分的合计对应“年初预算”（附件2!B6），按支出性质分的合计对应“全年执行数(B)”（附件2!E6），两者口径不一致。", message)).toBe(false);
    expect(printedInFull("按收入性质分的合计对应“年初预算数（附件2!B6），按支出性质分的合计对应“全年执行数(B)”（附件2!E6），两者口径不一致。", message)).toBe(false);
  });
  it("reads a message printed as it is", () => {
    expect(printedInFull(`1 警告 附件2!E6 两种分类口径不一\n${message.slice(0, 30)}\n${message.slice(30)}`, message)).toBe(true);
  });
});

describe("「核查结果」 prints on A4 landscape", () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "print-"));
    out = path.join(dir, "seed.checked.xlsx");
    expect(cli([fixture("seed"), "--out", out]).code).toBe(1);
  });

  it("page setup: landscape A4 fitted to one page wide, header row repeated, fit-to-page flag in the file", async () => {
    const ws = (await loadBook(out)).getWorksheet("核查结果")!;
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    let header = 0;
    ws.eachRow((row, n) => void (row.getCell(1).value === "序号" && (header = n)));
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    // The XML itself, as Excel reads it.
    const parts = unzipSync(new Uint8Array(await fs.readFile(out)));
    const sheets = Object.entries(parts).filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).map(([, data]) => Buffer.from(data).toString("utf8"));
    const results = sheets.filter((x) => x.includes('<pageSetUpPr fitToPage="1"/>'));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(Buffer.from(parts["xl/workbook.xml"]).toString("utf8")).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="\d+">(&apos;|')核查结果(&apos;|')!\$\d+:\$\d+<\/definedName>/);
  });

  it("columns fit the page; 问题说明 wraps, its rows are tall enough, and no English rule id is shown", async () => {
    const ws = (await loadBook(out)).getWorksheet("核查结果")!;
    const widths = [1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width!);
    // ≈ 7 px per unit: 130 units ≈ 24.8 cm, inside A4 landscape's 26.1 cm between default margins.
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(130);
    const texts: string[] = [];
    let described = 0;
    ws.eachRow((row, n) => {
      row.eachCell((c) => texts.push(String((c.value as { result?: unknown })?.result ?? c.value)));
      const desc = row.getCell(5);
      if (n > 1 && typeof desc.value === "string" && row.getCell(1).value !== "序号" && typeof row.getCell(1).value === "number") {
        described++;
        expect(desc.alignment).toMatchObject({ wrapText: true, vertical: "top" });
        // A message longer than one line's width has a row height for every line it needs.
        const units = [...desc.value].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef“”]/.test(ch) ? 2 : 1), 0);
        if (units > 68) expect(row.height).toBeGreaterThanOrEqual(15 * Math.ceil(units / 68));
      }
    });
    expect(described).toBe(groupFindings((await check("seed")).findings).length);
    for (const id of Object.keys(RULES)) expect(texts.filter((t) => t.includes(id))).toEqual([]);
    expect(texts).toContain("金额单位存疑");
  });

  (havePdf ? it : it.skip)(
    "LibreOffice's PDF of the checked copy shows every 问题说明 in full on A4 landscape pages",
    async () => {
      const profile = `file://${path.join(dir, "lo-profile")}`;
      execFileSync(sofficePath()!, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, out], { stdio: "ignore", timeout: 180000 });
      const pdf = path.join(dir, "seed.checked.pdf");
      const resultPages: string[] = [];
      for (const { text, size } of pdfPages(pdf)) {
        if (!text.includes(RESULTS_TITLE) && resultPages.length === 0) continue;
        if (resultPages.length > 0 && !/附件\d!/.test(text)) break;
        // A4 landscape: 841.89 × 595.3 pt.
        expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts/);
        resultPages.push(text);
      }
      expect(resultPages.length).toBeGreaterThan(0);
      const printed = resultPages.join("\n");
      expect(squash(printed)).toContain("序号级别位置问题类型问题说明");
      const missing = groupFindings((await check("seed")).findings).map((g) => g.message).filter((m) => !printedInFull(printed, m));
      expect(missing).toEqual([]);
    },
    200000,
  );
});
