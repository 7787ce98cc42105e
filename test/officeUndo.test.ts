import { recalculate } from "../src/adapters/office/recalculate";
import { clearMarksInExcel, undoInExcel } from "../src/adapters/office/undo";
import { MARK_FILL } from "../src/engine/plan";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * 撤销本次修改 in Excel (the in-memory host) after the clerk went on working:
 * what they changed is kept and listed, the rest comes back.
 */
const sheetOf = (doc: HostDocument, name: string) => doc.sheets.find((s) => s.name === name)!;
const css = (argb: string) => `#${argb.slice(-6)}`;

describe("撤销本次修改 never destroys later work", () => {
  it("a figure typed over our formula is kept and listed; everything else comes back", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    expect(sheetOf(host.doc, "附件1").cells.D4.formula).toBeDefined();
    await host.edit("附件1", { D4: 0.95 });
    const r = await undoInExcel(api);
    expect(r.undone).toBe(true);
    expect(sheetOf(host.doc, "附件1").cells.D4.value).toBe(0.95);
    expect(r.kept).toEqual([{ sheet: "附件1", cell: "D4", why: "已被修改，保留现值", reason: "value" }]);
    expect(r.lines).toEqual(["附件1!D4 已被修改，保留现值"]);
    // Every other cell is as it was before the check (D4's fill and note, ours, are gone too).
    const { D4: _d4, ...rest } = sheetOf(host.doc, "附件1").cells;
    const { D4: d4Before, ...restBefore } = sheetOf(original, "附件1").cells;
    expect(rest).toEqual(restBefore);
    expect(sheetOf(host.doc, "附件1").cells.D4.fill).toBe(d4Before?.fill);
    expect(sheetOf(host.doc, "附件1").cells.D4.note).toBeUndefined();
    expect(sheetOf(host.doc, "附件2").cells).toEqual(sheetOf(original, "附件2").cells);
    expect(host.doc.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  });

  it("a row inserted above the form: the person's explanation that moved into a journaled address is kept, fills land on our cells", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    await host.edit("附件2", { I15: "已说明：疫情影响" });
    host.insertRows("附件2", 1);
    const s = () => sheetOf(host.doc, "附件2");
    expect(s().cells.I16.value).toBe("已说明：疫情影响");
    expect(s().cells.E7.fill).toBe(css(MARK_FILL.warning));
    const r = await undoInExcel(api);
    expect(s().cells.I16.value).toBe("已说明：疫情影响");
    expect(r.kept).toEqual([{ sheet: "附件2", cell: "I16", why: "已被修改，保留现值", reason: "value" }]);
    expect(r.lines).toContain("工作表“附件2”的表格已下移 1 行，已按新位置撤销");
    // Every other cell is its original one row down: values, fills, notes.
    const expected: Record<string, unknown> = {};
    for (const [addr, c] of Object.entries(sheetOf(original, "附件2").cells)) {
      const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
      expected[`${m[1]}${Number(m[2]) + 1}`] = c;
    }
    const { I16: _i16, ...now } = s().cells;
    const { I16: _e, ...want } = expected;
    expect(now).toEqual(want);
  });

  it("a column inserted left of the form: undo applies one column to the right, and a person's cell there is kept", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    await host.edit("附件2", { I15: "已说明：疫情影响" });
    host.insertColumns("附件2", 1);
    const r = await undoInExcel(api);
    expect(sheetOf(host.doc, "附件2").cells.J15.value).toBe("已说明：疫情影响");
    expect(r.kept).toEqual([{ sheet: "附件2", cell: "J15", why: "已被修改，保留现值", reason: "value" }]);
    const shifted: Record<string, unknown> = {};
    for (const [addr, c] of Object.entries(sheetOf(original, "附件2").cells)) {
      const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
      shifted[`${String.fromCharCode(m[1].charCodeAt(0) + 1)}${m[2]}`] = c;
    }
    const { J15: _j, ...now } = sheetOf(host.doc, "附件2").cells;
    const { J15: _e, ...want } = shifted;
    expect(now).toEqual(want);
  });

  it("a renamed sheet is found by its Worksheet.id and undone", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    host.renameSheet("附件2", "自评表");
    const r = await undoInExcel(api);
    expect(sheetOf(host.doc, "自评表").cells).toEqual(sheetOf(original, "附件2").cells);
    expect(r.kept).toEqual([]);
    expect(r.lines).toEqual(["工作表“附件2”现名“自评表”，已按新名称撤销"]);
    expect(host.doc.sheets.map((x) => x.name)).toEqual(["附件1", "自评表"]);
  });

  it("notes by content: a reviewer's line added to our note is kept; a person's note elsewhere no longer stops undo removing ours", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    const s2 = sheetOf(host.doc, "附件2");
    const ours = Object.entries(s2.cells).filter(([, c]) => c.note !== undefined).map(([a]) => a);
    expect(ours.length).toBeGreaterThan(5);
    s2.cells.E6.note = `${s2.cells.E6.note}\n复核：已与财政局核对`;
    s2.cells.A2 = { ...(s2.cells.A2 ?? {}), note: "审核人：请核对" };
    const r = await undoInExcel(api);
    const left = Object.entries(sheetOf(host.doc, "附件2").cells).filter(([, c]) => c.note !== undefined).map(([a]) => a).sort();
    expect(left).toEqual(["A2", "E6"]);
    expect(sheetOf(host.doc, "附件2").cells.E6.note).toContain("复核：已与财政局核对");
    expect(r.kept).toEqual([{ sheet: "附件2", cell: "E6", why: "批注已被修改，保留", reason: "note" }]);
  });

  it("notes by content: 重新核算 and 清除标记 leave alone our note a reviewer added a line to, and say so", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    const s2 = () => sheetOf(host.doc, "附件2");
    const edited = `${s2().cells.E6.note}\n复核：已与财政局核对`;
    s2().cells.E6.note = edited;
    const again = await recalculate(api);
    expect(s2().cells.E6.note).toBe(edited);
    expect(again.outcome.notesKept).toEqual(["附件2!E6"]);
    await clearMarksInExcel(api);
    expect(s2().cells.E6.note).toBe(edited);
    // Our other notes went with their marks.
    expect(Object.values(s2().cells).filter((c) => c.note !== undefined)).toHaveLength(1);
  });

  it("重新核算 after a rename and a row inserted, then 撤销: the journal follows its cells, the workbook comes back but for the person's row", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    host.renameSheet("附件2", "自评表");
    host.insertRows("自评表", 1);
    await host.edit("自评表", { A1: "（报送稿）" });
    await recalculate(api);
    // Our marks are where the form is now, none left at the old addresses.
    const s = () => sheetOf(host.doc, "自评表");
    expect(s().cells.E7.fill).toBe(css(MARK_FILL.warning));
    const r = await undoInExcel(api);
    expect(r.kept).toEqual([]);
    const expected: Record<string, unknown> = { A1: { value: "（报送稿）" } };
    for (const [addr, c] of Object.entries(sheetOf(original, "附件2").cells)) {
      const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
      expected[`${m[1]}${Number(m[2]) + 1}`] = c;
    }
    expect(s().cells).toEqual(expected);
    expect(sheetOf(host.doc, "附件1").cells).toEqual(sheetOf(original, "附件1").cells);
  });

  it("a sheet deleted since: 重新核算 drops its journal entries and says so; 撤销 restores the rest", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    host.deleteSheet("附件1");
    const again = await recalculate(api);
    expect(again.outcome.journalDropped).toEqual([expect.stringMatching(/^工作表“附件1”已不存在，其 \d+ 处撤销记录已删除$/)]);
    const r = await undoInExcel(api);
    expect(r.kept).toEqual([]);
    expect(host.doc.sheets.map((s) => s.name)).toEqual(["附件2"]);
    expect(sheetOf(host.doc, "附件2").cells).toEqual(sheetOf(original, "附件2").cells);
  });

  it("a figure the person cleared and 重新核算 then computed: 撤销 leaves it clear, not the figure that was there before the first check", async () => {
    const { host, api } = await openInHost("seed");
    expect(sheetOf(host.doc, "附件2").cells.H34.value).toBe(88);
    await recalculate(api);
    // The first check only marked the typed 88 (its budget D5 is missing); the clerk fills D5 in and clears
    // H34, and the next check computes the total there.
    await host.edit("附件2", { H34: "", D5: 450 });
    await recalculate(api);
    expect(sheetOf(host.doc, "附件2").cells.H34.formula).toBe("=ROUND(H5+SUM(H14:H32),2)");
    await undoInExcel(api);
    expect(sheetOf(host.doc, "附件2").cells.H34?.value ?? null).toBeNull();
    expect(sheetOf(host.doc, "附件2").cells.H34?.formula).toBeUndefined();
  });

  it("a row inserted inside the form: 重新核算 gives no stale mark's fill to the cell now at its old address; 撤销 restores nothing there and lists it", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    host.insertRows("附件2", 20);
    // The clerk's new row, coloured by them, sits where our mark on E20 was.
    await host.edit("附件2", { D20: "新增指标" });
    sheetOf(host.doc, "附件2").cells.E20 = { fill: "#92D050" };
    await recalculate(api);
    expect(sheetOf(host.doc, "附件2").cells.E20.fill).toBe("#92D050");
    const r = await undoInExcel(api);
    expect(sheetOf(host.doc, "附件2").cells.E20.fill).toBe("#92D050");
    expect(sheetOf(host.doc, "附件2").cells.D20.value).toBe("新增指标");
    expect(r.kept.some((k) => k.sheet === "附件2" && k.reason === "moved")).toBe(true);
  });

  it("清除标记 after a rename: every fill and note of ours goes, a mark the person recoloured keeps its colour", async () => {
    const { host, api } = await openInHost("seed");
    const original = cloneDocument(host.doc);
    await recalculate(api);
    host.renameSheet("附件2", "自评表");
    sheetOf(host.doc, "自评表").cells.E6.fill = "#92D050";
    const r = await clearMarksInExcel(api);
    expect(r.cells).toBeGreaterThan(20);
    const s = sheetOf(host.doc, "自评表").cells;
    expect(s.E6.fill).toBe("#92D050");
    for (const [addr, c] of Object.entries(s)) {
      if (addr === "E6") continue;
      expect({ addr, fill: c.fill, note: c.note }).toEqual({ addr, fill: sheetOf(original, "附件2").cells[addr]?.fill, note: sheetOf(original, "附件2").cells[addr]?.note });
    }
    // 撤销 afterwards gives back the values; the recoloured cell is listed.
    const u = await undoInExcel(api);
    expect(u.kept).toEqual([{ sheet: "自评表", cell: "E6", why: "填充色已被修改，保留现填充色", reason: "fill" }]);
  });
});
