import { promises as fs } from "fs";
import { strToU8, zipSync } from "fflate";
import { docxText } from "../src/adapters/docx/readDocx";
import { documentXmlText } from "../src/adapters/docx/documentXml";
import { reportText } from "../src/adapters/docx/reportText";
import { readReportInBrowser } from "../src/taskpane/readReportInBrowser";
import { fixture } from "./helpers";

const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
const body = (inner: string, ns = W) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${ns}><w:body>${inner}</w:body></w:document>`;
const docx = (xml: string) => zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8(xml) });

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
    await expect(pick(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), "报告.doc")).rejects.toThrow("这是旧版 .doc 或加密文件，请在 Word 中另存为 .docx");
    await expect(pick(await fs.readFile(fixture("seed")), "报告.docx")).rejects.toThrow("不是有效的 .docx 文件");
    await expect(pick(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "报告.docx")).rejects.toThrow("不是有效的 .docx 文件");
  });
});

describe("reportText: one decision for the command line, the reviewers' page and the pane", () => {
  const text = (name: string, bytes: Uint8Array) => {
    const r = reportText(name, bytes);
    return "text" in r ? r.text : `refused: ${r.refused.zh}`;
  };

  it("plain text in UTF-8 (with or without a byte-order mark), UTF-16, or GBK as Notepad on a Chinese Windows saves it", () => {
    const s = "2023年项目支出共计75.48万元。";
    expect(text("a.txt", new TextEncoder().encode(s))).toBe(s);
    expect(text("a.txt", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]))).toBe(s);
    expect(text("a.txt", new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(s, "utf16le"))]))).toBe(s);
    // "项目支出" in GBK, written out byte by byte (not by our own encoder).
    expect(text("a.txt", new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0xd6, 0xa7, 0xb3, 0xf6]))).toBe("项目支出");
  });

  it("a file named .docx that is no zip is refused, not read as text; an old .doc or encrypted file says so", () => {
    expect(text("报告.docx", new TextEncoder().encode("项目支出"))).toBe("refused: 不是有效的 .docx 文件");
    expect(text("报告.docx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBe("refused: 这是旧版 .doc 或加密文件，请在 Word 中另存为 .docx");
    expect(text("报告.docx", docx("<w:document"))).toBe("refused: 不是有效的 .docx 文件");
  });
});

describe("documentXmlText: word/document.xml read with an XML parser", () => {
  it("decodes entities and character references (&#x9879;&#30446; is 项目)", () => {
    expect(documentXmlText(body(`<w:p><w:r><w:t>&#x9879;&#30446;支出 &lt;75.48&gt; &amp; 万元</w:t></w:r></w:p>`))).toBe("项目支出 <75.48> & 万元");
  });

  it("joins a paragraph's runs, keeps a run's tabs and breaks, leaves out tab stops and deleted text", () => {
    const xml = body(
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>执行率</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">90.91%</w:t><w:br/></w:r><w:del w:id="1"><w:r><w:delText>88%</w:delText></w:r></w:del><w:r><w:t>完成</w:t></w:r></w:p>` +
        `<w:p><w:r><w:t>  </w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p>`,
    );
    expect(documentXmlText(xml)).toBe("执行率\t90.91%\n完成\n第二段");
  });

  it("a paragraph in a text box is a line of its own, and any prefix bound to WordprocessingML (or strict OOXML) reads alike", () => {
    const box = `<w:p><w:r><w:t>外</w:t></w:r><w:r><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r><w:r><w:t>段</w:t></w:r></w:p>`;
    expect(documentXmlText(body(box))).toBe("框内\n外段");
    const strict = `<?xml version="1.0"?><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t>严格格式</x:t></x:r></x:p></x:body></x:document>`;
    expect(documentXmlText(strict)).toBe("严格格式");
  });
});
