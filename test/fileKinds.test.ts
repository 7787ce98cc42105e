/**
 * Files a department sends renamed .xlsx, named for what they are from their content: a Word
 * document, a PDF, a picture, a zip of submissions. Real files: the seed report as a .docx, the
 * sample workbook printed to PDF by LibreOffice, pictures written by PIL, a zip of two workbooks.
 */
import { spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { zipSync } from "fflate";
import { reportText } from "../src/adapters/docx/reportText";
import { openXlsx } from "../src/adapters/xlsx";
import { WorkbookReadError } from "../src/adapters/xlsx/errors";
import { convertWithLibreOffice, sofficePath } from "./libreoffice";
import { cli, fixture, loadBook, ROOT } from "./helpers";

const SAMPLE = path.join(ROOT, "examples", "2023-绥宁县信访局-自评表.xlsx");
const havePil = spawnSync("/usr/bin/python3", ["-c", "import PIL"]).status === 0;
const haveLibreOffice = !!sofficePath();
if ((!havePil || !haveLibreOffice) && process.env.CI) throw new Error("CI must install python3-pil and libreoffice-calc (see .ci/run)");

/** A picture as a scanner or a screenshot tool saves it, written by PIL. */
async function picture(dir: string, format: "PNG" | "JPEG"): Promise<Uint8Array> {
  const out = path.join(dir, `scan.${format.toLowerCase()}`);
  const r = spawnSync("/usr/bin/python3", ["-c", `from PIL import Image, ImageDraw\nim = Image.new("RGB", (200, 80), "white")\nImageDraw.Draw(im).text((10, 30), "2023", fill="black")\nim.save(${JSON.stringify(out)}, ${JSON.stringify(format)})`]);
  if (r.status !== 0) throw new Error(String(r.stderr));
  return new Uint8Array(await fs.readFile(out));
}

function refusalOf(bytes: Uint8Array, name: string): WorkbookReadError {
  try {
    openXlsx(bytes, name);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error(`${name} was opened as a workbook`);
}

const WORD = "这是 Word 文档，不是 Excel 工作簿";
const PDF = "这是 PDF 文件，不是 Excel 工作簿";
const PNG = "这是图片（PNG），不是 Excel 工作簿";
const JPEG = "这是图片（JPEG），不是 Excel 工作簿";
const ZIP = "这是 ZIP 压缩包，内有 2 个工作簿（县直/财政所.xlsx、乡镇/林业站.xlsx），不是单个 Excel 工作簿；请解压后核查其中的文件";

describe("a file renamed .xlsx is named for what it is, whatever its extension", () => {
  let dir: string;
  const files = new Map<string, { bytes: Uint8Array; zh: string }>();
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "file-kinds-"));
    files.set("报告.xlsx", { bytes: new Uint8Array(await fs.readFile(fixture("seed-report.docx"))), zh: WORD });
    files.set("收到的材料.xlsx", { bytes: zipSync({ "县直/财政所.xlsx": await fs.readFile(fixture("seed")), "乡镇/林业站.xlsx": await fs.readFile(fixture("grade-80")) }), zh: ZIP });
    if (haveLibreOffice) files.set("打印件.xlsx", { bytes: new Uint8Array(await fs.readFile(await convertWithLibreOffice(SAMPLE, "pdf"))), zh: PDF });
    if (havePil) {
      files.set("截图.xlsx", { bytes: await picture(dir, "PNG"), zh: PNG });
      files.set("照片.xlsx", { bytes: await picture(dir, "JPEG"), zh: JPEG });
    }
  }, 180000);

  it("by the file adapter (the CLI, the page and the pane read through it)", () => {
    expect(files.size).toBeGreaterThanOrEqual(2);
    for (const [name, { bytes, zh }] of files) {
      const e = refusalOf(bytes, name);
      expect(e.reason.startsWith(zh)).toBe(true);
      expect(e.zh).toBe(`无法读取 ${name}：${e.reason}`);
      expect(e.reason).not.toMatch(/损坏|没有工作表/);
    }
  });

  it("by the command line, for one file and in a folder's lines, and in 汇总.xlsx", async () => {
    const input = path.join(dir, "收件箱");
    await fs.mkdir(input);
    for (const [name, { bytes }] of files) await fs.writeFile(path.join(input, name), bytes);
    await fs.copyFile(fixture("seed-complete"), path.join(input, "信访局.xlsx"));
    const one = cli([path.join(input, "报告.xlsx")]);
    expect(one.code).toBe(2);
    expect(one.stderr.trim()).toBe(`无法读取 报告.xlsx：${WORD}`);
    const summary = path.join(dir, "汇总.xlsx");
    const run = cli([input, "--summary", summary]);
    expect(run.code).toBe(2);
    const lines = run.stdout.split("\n");
    for (const [name, { zh }] of files) expect(lines.find((l) => l.startsWith(`⊘ ${name}　`))).toContain(`无法核查：${zh}`);
    const ws = (await loadBook(summary)).getWorksheet("汇总")!;
    const problems = new Map<string, string>();
    ws.eachRow((r, n) => n > 1 && problems.set(r.getCell(2).text, r.getCell(11).text));
    for (const [name, { zh }] of files) expect(problems.get(name)).toContain(`无法核查：${zh}`);
  });

  it("a workbook is still a workbook, and a damaged one is still called damaged", async () => {
    const seed = new Uint8Array(await fs.readFile(fixture("seed")));
    expect(openXlsx(seed, "a.xlsx").sheets.map((s) => s.name)).toEqual(["附件1", "附件2"]);
    expect(refusalOf(new Uint8Array(await fs.readFile(fixture("broken-truncated"))), "b.xlsx").reason).toBe("文件已损坏或不完整");
    // A zip with no workbook in it at all.
    expect(refusalOf(zipSync({ "说明.txt": new TextEncoder().encode("x") }), "c.xlsx").reason).toBe("这是 ZIP 压缩包，不是 Excel 工作簿；请解压后核查其中的工作簿");
  });

  it("a report that is a PDF or a picture, named .docx or .txt, is said to be one, not read as text", () => {
    for (const [name, { bytes, zh }] of files) {
      if (zh !== PDF && zh !== PNG && zh !== JPEG) continue;
      for (const as of [name.replace(/\.xlsx$/, ".docx"), name.replace(/\.xlsx$/, ".txt")]) {
        const r = reportText(as, bytes);
        expect(r).toEqual({ refused: expect.objectContaining({ zh: expect.stringMatching(/^这是 ?(PDF 文件|图片（(PNG|JPEG)）)，不是 Word 文档或文本，报告中的文字无法核对/) }) });
      }
    }
  });
});
