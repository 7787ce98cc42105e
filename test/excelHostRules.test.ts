import { emptyDocument, type HostSheet } from "../src/testing/excelHost/document";
import { ExcelHost } from "../src/testing/excelHost/host";

/** The host refuses what Excel documents it refuses (src/testing/excelHost/rules.ts cites each page). */
describe("in-memory Excel host refuses what Excel refuses", () => {
  const sheet = (name: string, extra: Partial<HostSheet> = {}): HostSheet => ({ name, visibility: "Visible", protected: false, cells: { A1: { value: 5 }, B1: { value: "x" } }, merges: [], ...extra });
  const book = (sheets: HostSheet[] = [sheet("Sheet1")], excelApi = 20) => {
    const doc = emptyDocument();
    doc.sheets.push(...sheets);
    return new ExcelHost(doc, { excelApi });
  };
  const run = (host: ExcelHost, fn: (ctx: Excel.RequestContext) => void) =>
    host.run(async (ctx) => {
      fn(ctx as unknown as Excel.RequestContext);
      await ctx.sync();
    });

  it("Worksheet.delete on a very hidden sheet fails with InvalidOperation; hidden first, it succeeds", async () => {
    const host = book([sheet("Sheet1"), sheet("记录", { visibility: "VeryHidden" })]);
    await expect(run(host, (ctx) => ctx.workbook.worksheets.getItem("记录").delete())).rejects.toMatchObject({ code: "InvalidOperation" });
    await run(host, (ctx) => {
      const s = ctx.workbook.worksheets.getItem("记录");
      s.visibility = "Hidden";
      s.delete();
    });
    expect(host.doc.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("Worksheet.getRanges (ExcelApi 1.9) selects every area of a scattered address; below 1.9 it is not there; a bad address fails the batch", async () => {
    const host = book();
    await run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRanges("I15:I17, I19;I21").select());
    expect(host.doc.selection).toEqual({ sheet: "Sheet1", address: "I15:I17,I19,I21" });
    expect(host.writes).toBe(0);
    expect(host.undoSteps).toBe(0);
    await expect(run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRanges("I15:I17,不是地址").select())).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(host.doc.selection).toEqual({ sheet: "Sheet1", address: "I15:I17,I19,I21" });
    const old = book([sheet("Sheet1")], 8);
    await expect(run(old, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRanges("I15:I17,I19").select())).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("refuses a request or a response over 5 MB", async () => {
    const big = Array.from({ length: 300 }, (_, r) => Array.from({ length: 200 }, (_, c) => `文本${r}-${c}-${"长".repeat(40)}`));
    const host = book();
    await expect(run(host, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:GR300").values = big))).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(host.writes).toBe(0);
    const full = book([sheet("Sheet1")], 20);
    full.options.payloadLimit = false as never;
    await run(full, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:GR300").values = big));
    const limited = new ExcelHost(full.doc, { excelApi: 20 });
    await expect(run(limited, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:GR300").load("values"))).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    await run(limited, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:GR100").load("values"));
    expect(limited.maxResponse).toBeGreaterThan(1_000_000);
  });

  it("getMergedAreasOrNullObject fails above 512 merged areas", async () => {
    const merges = Array.from({ length: 600 }, (_, i) => `A${i + 1}:B${i + 1}`);
    const host = book([sheet("Sheet1", { merges })]);
    await expect(run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B600").getMergedAreasOrNullObject().load("address"))).rejects.toMatchObject({ code: "GeneralException" });
    await run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B512").getMergedAreasOrNullObject().load("address"));
  });

  it("refuses APIs above the host's requirement set", async () => {
    const host = book([sheet("Sheet1")], 8);
    const s = () => host.run(async (ctx) => ctx.workbook.worksheets.getItem("Sheet1") as unknown as Excel.Worksheet);
    const ws = await s();
    expect(() => ws.getRange("A1").getCellProperties({ format: { fill: { color: true } } })).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.9
    expect(() => ws.getRange("A1").getMergedAreasOrNullObject()).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.13
    expect(() => ws.notes.getCount()).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.18
    await expect(host.run({ mergeUndoGroup: true }, async () => 1)).rejects.toMatchObject({ code: "ApiNotFound" }); // 1.20
    const old = book([sheet("Sheet1")], 6);
    const ws6 = await old.run(async (ctx) => ctx.workbook.worksheets.getItem("Sheet1") as unknown as Excel.Worksheet);
    expect(() => ws6.onChanged).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.7
    expect(() => (ws6.context.workbook as Excel.Workbook).protection).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.7
    const v4 = book([sheet("Sheet1")], 4);
    const ws4 = await v4.run(async (ctx) => ctx.workbook as unknown as Excel.Workbook);
    expect(() => ws4.customXmlParts).toThrow(expect.objectContaining({ code: "ApiNotFound" })); // 1.5
  });

  it("protection: notes, cell formats and column widths on a protected sheet, new sheets in a protected structure", async () => {
    const host = book([sheet("Sheet1", { protected: true, cells: { A1: { value: 1, note: "n" } } })]);
    await expect(run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").notes.add("B2", "x"))).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").notes.getItem("A1").delete())).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(run(host, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "#FF0000"))).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(run(host, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").numberFormat = [["0.00"]]))).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(run(host, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.columnWidth = 80))).rejects.toMatchObject({ code: "AccessDenied" });
    const structure = book();
    structure.doc.structureProtected = true;
    await expect(run(structure, (ctx) => ctx.workbook.worksheets.add("核查结果"))).rejects.toMatchObject({ code: "AccessDenied" });
    const read = await structure.run(async (ctx) => {
      const p = ctx.workbook.protection.load("protected");
      await ctx.sync();
      return p.protected;
    });
    expect(read).toBe(true);
  });

  it("matches sheet names case-insensitively", async () => {
    const host = book([sheet("Sheet1")]);
    const v = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("SHEET1").getRange("A1").load("values");
      await ctx.sync();
      return r.values;
    });
    expect(v).toEqual([[5]]);
    await expect(run(host, (ctx) => ctx.workbook.worksheets.add("sheet1"))).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  it("null in a 2-D values or formulas write leaves that cell unchanged", async () => {
    const host = book();
    await run(host, (ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").formulas = [[null, "y"]] as never));
    expect(host.doc.sheets[0].cells).toEqual({ A1: { value: 5 }, B1: { value: "y" } });
  });

  it("a batch that only reads is no undo step and no write", async () => {
    const host = book();
    await run(host, (ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values"));
    expect([host.writes, host.undoSteps]).toEqual([0, 0]);
  });

  it("runs worksheet.onChanged handlers after the sync that changed the sheet", async () => {
    const host = book();
    const seen: string[] = [];
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").onChanged.add((e) => void seen.push(e.address));
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[1]];
      expect(seen).toEqual([]);
      await ctx.sync();
    });
    await host.edit("Sheet1", { D4: 2 });
    expect(seen).toEqual(["C3", "D4"]);
  });
});
