/**
 * Files a department sends instead of an .xlsx (fixtures/other-formats: real files from Excel;
 * and an .xls and an .ods saved by LibreOffice from our sample): each is refused as what it
 * is, with what the clerk must do, never called damaged, and never left out of a folder run.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as CFB from "cfb";
import { openXlsx } from "../src/adapters/xlsx";
import { compoundFileNames } from "../src/adapters/xlsx/compoundFile";
import { WorkbookReadError } from "../src/adapters/xlsx/errors";
import { reportText } from "../src/adapters/docx/reportText";
import { toBatch } from "../src/review/collect";
import { convertWithLibreOffice, sofficePath } from "./libreoffice";
import { cli, fixture, ROOT } from "./helpers";

const OTHER = path.join(ROOT, "fixtures", "other-formats");
const other = (name: string) => path.join(OTHER, name);
const SAMPLE = path.join(ROOT, "examples", "2023-绥宁县信访局-自评表.xlsx");
const hasLibreOffice = !!sofficePath();
if (!hasLibreOffice && process.env.CI) throw new Error("CI must install LibreOffice (libreoffice-calc)");
const withLibreOffice = hasLibreOffice ? it : it.skip;

/** The refusal openXlsx gives for a file's bytes. */
function refusalOf(bytes: Uint8Array, name: string): WorkbookReadError {
  try {
    openXlsx(bytes, name);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error(`${name} was opened`);
}
const refusal = async (file: string, name = path.basename(file)) => refusalOf(new Uint8Array(await fs.readFile(file)), name);

/** Stream and storage names as the cfb library reads the directory (the root entry left out). */
const cfbNames = (bytes: Uint8Array) =>
  CFB.read(Buffer.from(bytes), { type: "buffer" })
    .FileIndex.filter((e) => e.type === 1 || e.type === 2)
    .map((e) => e.name)
    .sort();

/**
 * A minimal compound file ([MS-CFB] version 3, 512-byte sectors) whose directory is sectors `dir`
 * and `dir` + 1 (the root entry in the first, the one stream in the second): 110 FAT sectors
 * (0–109), the 110th listed in a DIFAT sector (110), not in the header.
 */
function compoundFileWithFarDirectory(dir: number): Uint8Array {
  const FREE = 0xffffffff, END = 0xfffffffe, FATSECT = 0xfffffffd, DIFSECT = 0xfffffffc;
  const fatSectors = Math.ceil((dir + 2) / 128);
  const bytes = new Uint8Array((dir + 3) * 512);
  const v = new DataView(bytes.buffer);
  const at = (sector: number) => (sector + 1) * 512;
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, fatSectors, true);
  v.setUint32(0x30, dir, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, END, true);
  v.setUint32(0x44, fatSectors, true);
  v.setUint32(0x48, 1, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + 4 * i, i, true);
  // The DIFAT sector: the FAT sectors past the header's 109, then FREE, then the end of its chain.
  for (let i = 0; i < 127; i++) v.setUint32(at(fatSectors) + 4 * i, 109 + i < fatSectors ? 109 + i : FREE, true);
  v.setUint32(at(fatSectors) + 4 * 127, END, true);
  for (let s = 0; s < fatSectors * 128; s++) {
    const kind = s < fatSectors ? FATSECT : s === fatSectors ? DIFSECT : s === dir ? dir + 1 : s === dir + 1 ? END : FREE;
    v.setUint32(at(Math.floor(s / 128)) + 4 * (s % 128), kind, true);
  }
  const entry = (i: number, name: string, type: number, child: number) => {
    const e = at(dir) + 128 * i;
    for (let c = 0; c < name.length; c++) v.setUint16(e + 2 * c, name.charCodeAt(c), true);
    v.setUint16(e + 64, name ? 2 * name.length + 2 : 0, true);
    bytes[e + 66] = type;
    bytes[e + 67] = 1;
    v.setUint32(e + 68, FREE, true);
    v.setUint32(e + 72, FREE, true);
    v.setUint32(e + 76, child, true);
    v.setUint32(e + 116, END, true);
  };
  entry(0, "Root Entry", 5, 4);
  for (const i of [1, 2, 3, 5, 6, 7]) entry(i, "", 0, FREE);
  entry(4, "Workbook", 2, FREE);
  return bytes;
}

const COMPOUND = ["excel2016-workbook.xls", "excel-mac-biff5.xls", "capitalized-book-stream.xls", "excel-password-standard.xlsx", "excel-password-agile.xlsx"];

describe("an OLE compound file's directory", () => {
  it.each(COMPOUND)("is listed as the cfb library lists it: %s", async (name) => {
    const bytes = new Uint8Array(await fs.readFile(other(name)));
    const ours = compoundFileNames(bytes);
    expect(ours).not.toBeNull();
    expect([...ours!].sort()).toEqual(cfbNames(bytes));
  });

  withLibreOffice(
    "is listed as the cfb library lists it for an .xls saved by LibreOffice",
    async () => {
      const bytes = new Uint8Array(await fs.readFile(await convertWithLibreOffice(SAMPLE, "xls")));
      expect(compoundFileNames(bytes)).toContain("Workbook");
      expect([...compoundFileNames(bytes)!].sort()).toEqual(cfbNames(bytes));
    },
    120000,
  );

  it("is read past the header's 109 FAT sectors, through the DIFAT chain", () => {
    // Writers put the directory early, so a real file rarely needs more than the header's 109 FAT
    // sectors to follow it. This one's directory runs from sector 14000 to 14001: the link between
    // them is in the 110th FAT sector, which only a DIFAT sector names. cfb must read it the same.
    const bytes = compoundFileWithFarDirectory(14000);
    expect(compoundFileNames(bytes)).toEqual(["Workbook"]);
    expect(cfbNames(bytes)).toEqual(["Workbook"]);
  });

  it("gives null for a damaged directory, and stops on a chain that loops", async () => {
    const bytes = new Uint8Array(await fs.readFile(other("excel-password-agile.xlsx")));
    // Cut before the directory: nothing to read.
    expect(compoundFileNames(bytes.slice(0, 1024))).toBeNull();
    // The directory's first sector made to point at itself in the FAT.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dir = view.getUint32(0x30, true);
    const fat = view.getUint32(0x4c, true);
    const looped = bytes.slice();
    new DataView(looped.buffer).setUint32((fat + 1) * 512 + 4 * dir, dir, true);
    expect(compoundFileNames(looped)).toBeNull();
    // Not a compound file at all.
    expect(compoundFileNames(new TextEncoder().encode("PK\u0003\u0004".padEnd(600, "x")))).toBeNull();
  });
});

describe("a workbook in another format", () => {
  it.each([
    ["excel2016-workbook.xls", "这是旧版 Excel 工作簿（.xls）", "legacy .xls"],
    ["excel-mac-biff5.xls", "这是旧版 Excel 工作簿（.xls）", "legacy .xls"],
    ["capitalized-book-stream.xls", "这是旧版 Excel 工作簿（.xls）", "legacy .xls"],
    ["excel-password-standard.xlsx", "文件设有打开密码", "encrypted"],
    ["excel-password-agile.xlsx", "文件设有打开密码", "encrypted"],
    ["excel2016-binary.xlsb", "这是 Excel 二进制工作簿（.xlsb）", ".xlsb"],
    ["excel2016-opendocument.ods", "这是 OpenDocument 表格（.ods）", "OpenDocument spreadsheet"],
  ])("is refused as what it is: %s", async (name, zh, en) => {
    const e = await refusal(other(name));
    expect(e.zh).toContain(zh);
    expect(e.zh).toContain(name);
    expect(e.zh).toContain(zh.includes("密码") ? "取消打开密码" : "另存为");
    expect(e.zh).not.toContain("损坏");
    expect(e.message).toContain(en);
  });

  it("an old workbook named .et is called WPS's format", async () => {
    const e = await refusal(other("excel2016-workbook.xls"), "财政所.et");
    expect(e.zh).toBe("无法读取 财政所.et：这是 WPS 表格的 .et 格式，请在 WPS 中「另存为」Excel 工作簿（*.xlsx）后再核查");
  });

  withLibreOffice(
    "saved by LibreOffice as .xls or .ods, it is refused as what it is",
    async () => {
      expect((await refusal(await convertWithLibreOffice(SAMPLE, "xls"))).zh).toContain("这是旧版 Excel 工作簿（.xls）");
      expect((await refusal(await convertWithLibreOffice(SAMPLE, "ods"))).zh).toContain("这是 OpenDocument 表格（.ods）");
    },
    120000,
  );

  it("a Word 97-2003 document given as a workbook, or as a report, is called a .doc", () => {
    const doc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(doc, "/WordDocument", Buffer.alloc(4096, 7));
    CFB.utils.cfb_add(doc, "/1Table", Buffer.alloc(4096, 8));
    const bytes = new Uint8Array(CFB.write(doc, { type: "buffer" }) as Buffer);
    expect(refusalOf(bytes, "报告.xls").zh).toBe("无法读取 报告.xls：这是 Word 文档（.doc），不是 Excel 工作簿");
    expect(reportText("报告.doc", bytes)).toEqual({ refused: { zh: "这是旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx", en: "legacy .doc report (OLE compound file)" } });
  });

  it("a report with an open password is said to have one", async () => {
    // Word encrypts a .docx into the same EncryptedPackage container as Excel an .xlsx.
    const bytes = new Uint8Array(await fs.readFile(other("excel-password-agile.xlsx")));
    expect(reportText("报告.docx", bytes)).toEqual({ refused: { zh: "文件设有打开密码（已加密），请在 Word 或 WPS 中取消打开密码后保存", en: "encrypted report (OLE EncryptedPackage)" } });
  });
});

describe("a folder holding them", () => {
  it("lists every one with its reason: none is skipped", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "other-formats-"));
    for (const f of await fs.readdir(OTHER)) if (f !== "README.md") await fs.copyFile(other(f), path.join(dir, f));
    await fs.copyFile(fixture("seed-complete"), path.join(dir, "信访局.xlsx"));
    const { code, stdout, stderr } = cli([dir]);
    expect(code).toBe(2);
    expect(stderr).toBe("");
    const lines = stdout.trim().split("\n");
    const line = (name: string) => lines.find((l) => l.split("　")[0] === `⊘ ${name}`);
    expect(line("excel2016-opendocument.ods")).toContain("OpenDocument 表格");
    expect(line("excel2016-binary.xlsb")).toContain("二进制工作簿");
    expect(line("excel-password-agile.xlsx")).toContain("设有打开密码");
    expect(line("excel-mac-biff5.xls")).toContain("旧版 Excel 工作簿");
    expect(lines.at(-1)).toBe("共 8 个文件：✗ 有错误 0 个，△ 仅有警告 1 个，✓ 无错误和警告 0 个，⊘ 无法核查 7 个。");
  });

  it("the reviewers' page takes them too", () => {
    const picked = ["a.xlsx", "b.ods", "c.xlsb", "d.xls", "e.et", "f.csv", "~$a.xlsx"].map((p) => ({ path: p, file: null as unknown as File }));
    expect(toBatch(picked).workbooks.map((w) => w.path)).toEqual(["a.xlsx", "b.ods", "c.xlsb", "d.xls", "e.et"]);
  });
});
