import { promises as fs } from "fs";
import { docxText } from "../src/adapters/docx/readDocx";
import { readReportInBrowser } from "../src/taskpane/readReportInBrowser";
import { fixture } from "./helpers";

/** The pane reads a picked report with the same zip reader as the command line and the reviewers' page. */
describe("a report picked in the task pane", () => {
  const pick = async (bytes: Uint8Array, name: string) => readReportInBrowser(new File([bytes as Uint8Array<ArrayBuffer>], name));

  it("a .docx gives the text the command line reads from it", async () => {
    const bytes = await fs.readFile(fixture("seed-report.docx"));
    const text = await pick(bytes, "信访局.docx");
    expect(text).toBe(docxText(bytes));
    expect(text).toContain("项目支出");
  });

  it("plain text is read as it is; an old .doc and a zip without a document body are refused in Chinese", async () => {
    expect(await pick(new TextEncoder().encode("2023年项目支出共计75.48万元。"), "报告.txt")).toBe("2023年项目支出共计75.48万元。");
    await expect(pick(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), "报告.doc")).rejects.toThrow("旧版 .doc 文件无法读取，请在 Word 中另存为 .docx");
    await expect(pick(await fs.readFile(fixture("seed")), "报告.docx")).rejects.toThrow("不是有效的 .docx 文件");
    await expect(pick(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "报告.docx")).rejects.toThrow("不是有效的 .docx 文件");
  });
});
