import { journalFromXml, journalToXml } from "../src/adapters/office/journalPart";
import { AddinError } from "../src/adapters/office/officeApi";
import { openWorkbook, readWorkbook } from "../src/adapters/office/readWorkbook";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { ExcelHost, type HostContext } from "../src/testing/excelHost/host";
import { jsonBytes } from "../src/testing/excelHost/rules";
import { apiOf, openInHost, paneShape } from "./officeHelpers";

/** Issue 20 points 6 and 8: Excel on the web's 5 MB, whichever batch it refuses. */

const cellsOf = (doc: HostDocument) => doc.sheets.map((s) => ({ name: s.name, cells: s.cells }));

describe("the in-memory host: a refused response leaves nothing loaded", () => {
  it("values, method results and null-object states of a refused batch all throw PropertyNotLoaded", async () => {
    const { host } = await openInHost("seed", { excelApi: 20, payloadLimit: 2000 });
    const r = await host
      .run(async (context: HostContext) => {
        const ws = context.workbook.worksheets.getItem("附件2");
        const small = ws.getRange("A1").load("values");
        const count = context.workbook.worksheets.getCount();
        const maybe = context.workbook.worksheets.getItemOrNullObject("附件1");
        ws.getRange("A1:I36").load("values,formulas");
        const error = await context.sync().catch((e: unknown) => e);
        return { error, small, count, maybe };
      })
      .then((x) => x);
    expect(r.error).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(() => r.small.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    expect(() => r.count.value).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    expect(() => r.maybe.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });
});

/** The seed, checked once (journal, notes, 「核查结果」), and how large the pane's one read batch of it is. */
async function checkedSeed() {
  const { host, api } = await openInHost("seed");
  await recalculate(api);
  const shape = await paneShape(host, api);
  await checkOnly(api, { shape });
  return { doc: cloneDocument(host.doc), oneBatch: host.maxResponse, shape };
}

describe("any refused batch is split and read again, the first included", () => {
  it("只检查, 一键核算 and 撤销 on a workbook whose first (pane) batch Excel refuses", async () => {
    const { doc, oneBatch, shape } = await checkedSeed();
    const free = new ExcelHost(cloneDocument(doc), { excelApi: 20, payloadLimit: false });
    const expected = (await checkOnly(apiOf(free), { shape })).report.findings;
    // Just too small for the probes, the journal, the settings and the cells in one response.
    const host = new ExcelHost(cloneDocument(doc), { excelApi: 20, payloadLimit: oneBatch - 1 });
    const api = apiOf(host);
    const reviewed = await checkOnly(api, { shape });
    expect(host.payloadRefusals).toBeGreaterThan(0);
    expect(reviewed.report.findings).toEqual(expected);
    const read = await readWorkbook(api, shape);
    expect(read.journal?.cells.length).toBeGreaterThan(0);
    expect(read.notesPresent.size).toBeGreaterThan(0);
    await recalculate(api, { shape });
    expect((await undoInExcel(api)).undone).toBe(true);
    const { host: original } = await openInHost("seed");
    expect(cellsOf(host.doc)).toEqual(cellsOf(original.doc));
  });

  it("the ribbon's read without a shape: the journal read with the used ranges is refused, then read on its own", async () => {
    const { doc } = await checkedSeed();
    const whole = await readWorkbook(apiOf(new ExcelHost(cloneDocument(doc), { excelApi: 20, payloadLimit: false })));
    const journal = doc.customXmlParts.find((p) => p.namespace.includes("undo-journal"))!;
    // Room for the journal's response alone, not for it with every sheet's used range and the settings.
    const host = new ExcelHost(cloneDocument(doc), { excelApi: 20, payloadLimit: jsonBytes({ value: journal.xml }) + 64 });
    const read = await readWorkbook(apiOf(host));
    expect(host.payloadRefusals).toBeGreaterThan(1);
    expect(read.journal).toEqual(whole.journal);
    expect(read.snapshot).toEqual(whole.snapshot);
  });

  it("a single journal part too large for any response (an earlier writer's) is said in Chinese, never PropertyNotLoaded", async () => {
    const { doc } = await checkedSeed();
    const part = doc.customXmlParts.find((p) => p.namespace.includes("undo-journal"))!;
    const j = journalFromXml(part.xml)!;
    part.xml = journalToXml({ ...j, written: [...j.written, ...Array.from({ length: 25_000 }, (_, i) => ({ sheet: "台账", cell: `A${i + 1}`, value: `说明${i}${"文".repeat(100)}` }))] });
    for (const withShape of [false, true]) {
      const host = new ExcelHost(cloneDocument(doc), { excelApi: 20 });
      const api = apiOf(host);
      const shape = withShape ? (await openWorkbook(apiOf(new ExcelHost(cloneDocument(doc), { excelApi: 20, payloadLimit: false })))).shape : undefined;
      const e = await readWorkbook(api, shape).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AddinError);
      expect((e as AddinError).zh).toBe("撤销记录超出 Excel 网页版单次读取 5 MB 的上限，无法读取。请在桌面版 Excel 中打开此工作簿后重试。");
    }
  }, 60_000);
});
