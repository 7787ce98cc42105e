import { recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { keyOfAddress } from "../src/adapters/office/threadedComments";
import { cloneDocument } from "../src/testing/excelHost/document";
import { ExcelHost, type HostContext } from "../src/testing/excelHost/host";
import { apiOf, openInHost, paneShape } from "./officeHelpers";

/**
 * Threaded comments (issue 20, point 3): a cell holding one gets no note from the add-in (adding a
 * note there is undocumented); its explanation stays in 「核查结果」, which says so. The in-memory
 * host has Workbook.comments (ExcelApi 1.10) with Excel's proxy rules.
 */
type Ctx = HostContext & { workbook: HostContext["workbook"] & { comments: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the in-memory host's threaded comments (Workbook.comments, ExcelApi 1.10)", () => {
  const doc = () => ({ sheets: [{ name: "附件2", visibility: "Visible" as const, protected: false, merges: [], cells: { D5: { comment: "请核对预算数" }, B2: { value: 1, comment: "来源？" } } }], customXmlParts: [], selection: null, activeSheet: null });

  it("is there from ExcelApi 1.10 only", async () => {
    const host = new ExcelHost(doc(), { excelApi: 9 });
    await expect(host.run(async (ctx) => (ctx as Ctx).workbook.comments)).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("load → sync → read: items, their cells by getLocation, in reading order", async () => {
    const host = new ExcelHost(doc(), { excelApi: 10 });
    const cells = await host.run(async (ctx) => {
      const comments = (ctx as Ctx).workbook.comments.load("items/id");
      expect(() => comments.items).toThrow(/not available/);
      await ctx.sync();
      const places = comments.items.map((c: { getLocation: () => { load: (p: string) => { address: string } } }) => c.getLocation().load("address"));
      expect(() => places[0].address).toThrow(/not available/);
      await ctx.sync();
      return places.map((p: { address: string }) => p.address);
    });
    expect(cells).toEqual(["附件2!B2", "附件2!D5"]);
  });

  it("getItemByCell on a cell without a comment fails the batch (there is no OrNullObject form)", async () => {
    const host = new ExcelHost(doc(), { excelApi: 10 });
    await expect(
      host.run(async (ctx) => {
        (ctx as Ctx).workbook.comments.getItemByCell("附件2!C3").load("content");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("a note added on a cell with a threaded comment: refused by default, kept beside it when allowed (undocumented)", async () => {
    const add = (host: ExcelHost) =>
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("附件2").notes.add("D5", "说明");
        await ctx.sync();
      });
    await expect(add(new ExcelHost(doc(), { excelApi: 18 }))).rejects.toMatchObject({ code: "InvalidArgument" });
    const lenient = new ExcelHost(doc(), { excelApi: 18, noteBesideComment: "allow" });
    await add(lenient);
    expect(lenient.doc.sheets[0].cells.D5).toMatchObject({ note: "说明", comment: "请核对预算数" });
  });

  it("reads a comment's address back to the cell, quoted sheet names too", () => {
    expect(keyOfAddress("附件2!D5")).toBe("附件2!D5");
    expect(keyOfAddress("'Sheet 1'!$D$5")).toBe("Sheet 1!D5");
    expect(keyOfAddress("'It''s'!B2")).toBe("It's!B2");
  });
});

describe("一键核算 on a cell holding a threaded comment", () => {
  it.each(["refuse", "allow"] as const)("gives it a fill and no note, says so in 「核查结果」, and the rest is as usual (note beside a comment: %s)", async (noteBesideComment) => {
    const { host, api } = await openInHost("seed", { excelApi: 20, noteBesideComment });
    host.addComment("附件2", "D5", "预算数待财政批复后补填");
    const r = await recalculate(api);
    const s2 = host.doc.sheets.find((s) => s.name === "附件2")!;
    expect(s2.cells.D5).toMatchObject({ fill: "#FFC7CE", comment: "预算数待财政批复后补填" });
    expect(s2.cells.D5.note).toBeUndefined();
    expect(r.outcome.notesOnComments).toEqual(["附件2!D5"]);
    expect(r.outcome.notesSkipped).toContain("附件2");
    // The other marked cells still get their notes.
    expect(Object.entries(s2.cells).filter(([, c]) => c.note).length).toBeGreaterThan(0);
    const results = host.doc.sheets.find((s) => s.name === "核查结果")!;
    const line = Object.values(results.cells).find((c) => typeof c.value === "string" && c.value.startsWith("以下单元格已有批注"));
    expect(line?.value).toBe("以下单元格已有批注（新式批注），未添加说明批注，问题说明见上表：附件2!D5");
    // D5's finding is still explained there.
    expect(Object.values(results.cells).some((c) => typeof c.value === "string" && c.value.includes("全年预算数(A)未填写"))).toBe(true);
  });

  it("costs one small batch only where the workbook holds threaded comments; none elsewhere", async () => {
    const plain = await openInHost("seed");
    await recalculate(plain.api, { shape: await paneShape(plain.host, plain.api) });
    expect(plain.host.syncs).toBe(2);
    const { host, api } = await openInHost("seed");
    host.addComment("附件1", "A1", "已阅");
    const shape = await paneShape(host, api);
    const r = await recalculate(api, { shape });
    // The read, the comments' cells, the write.
    expect(host.syncs).toBe(3);
    // A comment on a cell we do not mark changes nothing.
    expect(r.outcome.notesOnComments).toEqual([]);
    expect(host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5.note).toContain("全年预算数(A)未填写");
  });

  it("撤销 afterwards leaves the person's comment and restores the rest", async () => {
    const { host, api } = await openInHost("seed");
    host.addComment("附件2", "D5", "预算数待财政批复后补填");
    const before = cloneDocument(host.doc);
    await recalculate(api);
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(host.doc.sheets).toEqual(before.sheets);
  });

  it("a comment added after the pane learned the workbook's shape is found by the click's own read, and 撤销 restores all", async () => {
    // The pane's shape says there are no comments; the person adds one before the click.
    const { host, api } = await openInHost("seed");
    const shape = await paneShape(host, api);
    host.addComment("附件2", "D5", "新批注");
    const before = cloneDocument(host.doc);
    const r = await recalculate(api, { shape });
    expect(r.outcome.notesOnComments).toEqual(["附件2!D5"]);
    await undoInExcel(apiOf(host));
    expect(host.doc.sheets).toEqual(before.sheets);
  });
});
