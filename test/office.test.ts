import { AddinError } from "../src/adapters/office/officeApi";
import { recalculate } from "../src/adapters/office/recalculate";
import { clearMarksInExcel, selectCellInExcel, undoInExcel } from "../src/adapters/office/undo";
import { cloneDocument } from "../src/testing/excelHost/document";
import { toJson } from "../src/cli/json";
import { check, cli, fixture } from "./helpers";
import { openInHost, paneShape } from "./officeHelpers";
import { groupFindings } from "../src/engine/findingGroups";

const strip = (r: Awaited<ReturnType<typeof check>>) => ({
  computed: r.computed,
  tables: r.tables,
  findings: r.findings.map((f) => [f.severity, f.rule, f.sheet, f.cell, f.message]),
  writes: r.plan.writes.map((w) => [w.sheet, w.cell, w.value, w.formula]),
});

describe("the add-in on the in-memory Excel host", () => {
  it.each(["seed", "seed-complete-no-total", "layout-one-sheet", "messy-values", "buildings"])(
    "%s: one click gives the CLI's figures, findings and changes, in 2 syncs from the pane",
    async (name) => {
      const { host, api } = await openInHost(name);
      // The pane learned the workbook's shape when it opened: one read batch, one write batch.
      const shape = await paneShape(host, api);
      const { report } = await recalculate(api, { shape });
      expect(strip(report)).toEqual(strip(await check(name)));
      expect(host.syncs).toBe(2);
      // Every planned write is in the workbook, formulas computed by the host to the engine's value.
      for (const w of report.plan.writes) {
        const cell = host.doc.sheets.find((s) => s.name === w.sheet)!.cells[w.cell];
        if (w.formula) expect(cell.formula).toBe(`=${w.formula}`);
        if (typeof w.value === "number") expect(cell.value).toBeCloseTo(w.value, 9);
        else expect(cell.value).toBe(w.value);
      }
    },
  );

  it("never calls a method on a null object: the ribbon (no shape known) reads in three batches, writes in one", async () => {
    const { host, api } = await openInHost("seed-complete-no-total", { excelApi: 20, rejectNullChains: true });
    const { report } = await recalculate(api);
    expect(strip(report)).toEqual(strip(await check("seed-complete-no-total")));
    // Names and part counts; used areas and the journal; the cells; the write.
    expect(host.syncs).toBe(4);
    expect(host.doc.sheets.find((s) => s.name === "附件2")!.cells.H34.formula).toBe("=ROUND(H5+SUM(H14:H32),2)");
    expect((await undoInExcel(api)).undone).toBe(true);
    const { loadSettings, saveSettings } = await import("../src/adapters/office/settings");
    expect((await loadSettings(api)).profile).toBe("seed");
    await saveSettings(api, { profile: "national", autoCheck: false });
    expect((await loadSettings(api)).profile).toBe("national");
  });

  it("the seed: the same figures, findings and cell changes as `npm run check --json` on the file", async () => {
    const { api } = await openInHost("seed");
    const { report } = await recalculate(api);
    const cliJson = JSON.parse(cli([fixture("seed"), "--json"]).stdout);
    const ours = toJson(fixture("seed"), report);
    expect(ours.computed).toEqual(cliJson.computed);
    expect(ours.findings).toEqual(cliJson.findings);
    expect(ours.changes).toEqual(cliJson.changes);
    expect(ours.tables).toEqual(cliJson.tables);
  });

  it("a workbook of many sheets is read completely, in as many batches as a small one", async () => {
    const { host, api } = await openInHost("seed-complete-no-total");
    for (let i = 0; i < 60; i++) host.doc.sheets.unshift({ name: `明细${i}`, visibility: "Visible", protected: false, cells: { A1: { value: i } }, merges: [] });
    const { report } = await recalculate(api, { shape: await paneShape(host, api) });
    expect(report.computed.totalScore).toBe(88);
    expect(host.syncs).toBe(2);
  });

  it("marks finding cells with a fill and a note, and writes 「核查结果」", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    const s2 = host.doc.sheets.find((s) => s.name === "附件2")!;
    expect(s2.cells.D5.fill).toBe("#FFC7CE");
    expect(s2.cells.D5.note).toContain("全年预算数(A)未填写");
    expect(s2.cells.I15).toMatchObject({ value: "【待说明】", fill: "#FFEB9C" });
    const results = host.doc.sheets.find((s) => s.name === "核查结果")!;
    expect(results.cells.A1.value).toBe("部门整体支出绩效自评核查结果");
    const links = Object.values(results.cells).filter((c) => c.formula?.startsWith("=HYPERLINK"));
    // One row (and link) per problem: the same problem down a column is one row over its range; and
    // one link per form, where 表格识别情况 says what was read on it.
    const seed = await check("seed");
    expect(links.length).toBe(groupFindings(seed.findings).length + seed.forms.length);
    expect(links.map((c) => c.formula)).toContain(`=HYPERLINK("#'附件2'!A2","附件2!A2:I34")`);
    expect(links.map((c) => c.formula)).toContain(`=HYPERLINK("#'附件2'!E14:E23","附件2!E14:E23")`);
    // 问题说明 wraps, and the rows of long descriptions get the height their lines need.
    const unitRow = Object.entries(results.cells).find(([, c]) => c.value === "金额单位存疑")![0].replace(/^[A-Z]+/, "");
    expect(results.cells[`E${unitRow}`]).toMatchObject({ wrap: true });
    expect(results.rowHeights?.[Number(unitRow) - 1]).toBeGreaterThanOrEqual(60);
  });

  it("a second click changes nothing", async () => {
    const { host, api } = await openInHost("seed-complete-no-total");
    const first = await recalculate(api);
    const once = cloneDocument(host.doc);
    host.syncs = 0;
    // The pane keeps the shape the first click left: the second is two syncs again.
    const { report } = await recalculate(api, { shape: first.outcome.shape });
    expect(report.plan.writes).toEqual([]);
    expect(host.doc).toEqual(once);
    expect(host.syncs).toBe(2);
  });

  it("Ctrl+Z undoes the whole recalculation in one step", async () => {
    const { host, api } = await openInHost("seed");
    const before = cloneDocument(host.doc);
    await recalculate(api);
    expect(host.undo()).toBe(true);
    expect(host.doc).toEqual(before);
  });

  it("「撤销本次修改」 restores every cell exactly, even after a second check", async () => {
    const { host, api } = await openInHost("seed-complete-no-total");
    const before = cloneDocument(host.doc);
    await recalculate(api);
    await recalculate(api);
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(host.doc).toEqual({ ...before, selection: host.doc.selection, activeSheet: host.doc.activeSheet });
    expect((await undoInExcel(api)).undone).toBe(false);
  });

  it("「撤销本次修改」 also undoes a file checked by the command line", async () => {
    const { host, api } = await openInHost("seed");
    const before = cloneDocument(host.doc);
    await recalculate(api);
    await undoInExcel(api);
    expect(host.doc.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
  });

  it("「清除标记」 removes fills and notes, keeps the values", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    expect((await clearMarksInExcel(api)).cells).toBeGreaterThan(0);
    const s2 = host.doc.sheets.find((s) => s.name === "附件2")!;
    expect(s2.cells.I15).toEqual({ value: "【待说明】" });
    // D5 was blank: with its fill and note gone it is an empty cell again.
    expect(s2.cells.D5).toBeUndefined();
  });

  it("a fixed problem loses its highlight on the next click", async () => {
    const { host, api } = await openInHost("seed");
    await recalculate(api);
    host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5 = { value: 407.3 };
    await recalculate(api);
    const d5 = host.doc.sheets.find((s) => s.name === "附件2")!.cells.D5;
    expect(d5).toEqual({ value: 407.3 });
  });

  it("degrades on old Excel: no notes API keeps explanations in 「核查结果」", async () => {
    const { host, api } = await openInHost("seed", { excelApi: 8 });
    const { outcome } = await recalculate(api);
    const s2 = host.doc.sheets.find((s) => s.name === "附件2")!;
    expect(s2.cells.D5.fill).toBe("#FFC7CE");
    expect(s2.cells.D5.note).toBeUndefined();
    expect(outcome.notesSkipped).toEqual([]);
    // Three read batches, one to read the fills about to change cell by cell (no getCellProperties below 1.9), one write.
    expect(host.syncs).toBe(5);
    expect((await undoInExcel(api)).undone).toBe(true);
  });

  it("leaves a person's notes alone: a note of theirs elsewhere on the sheet no longer stops ours; a marked cell with theirs gets a fill only", async () => {
    const { host, api } = await openInHost("seed");
    const s2 = host.doc.sheets.find((s) => s.name === "附件2")!;
    s2.cells.A3.note = "审核人批注";
    s2.cells.E6 = { ...s2.cells.E6, note: "王会计：口径已核对" };
    const { outcome } = await recalculate(api);
    expect(outcome.notesSkipped).toEqual(["附件2"]);
    expect(s2.cells.A3.note).toBe("审核人批注");
    expect(s2.cells.E6.note).toBe("王会计：口径已核对");
    expect(s2.cells.E6.fill).toBe("#FFEB9C");
    expect(s2.cells.D5.note).toMatch(/^【错误】/);
    expect(s2.cells.D5.fill).toBe("#FFC7CE");
    // 撤销 takes ours away and leaves theirs.
    await undoInExcel(api);
    const notes = Object.entries(host.doc.sheets.find((s) => s.name === "附件2")!.cells).filter(([, c]) => c.note !== undefined).map(([a, c]) => [a, c.note]);
    expect(notes).toEqual([["A3", "审核人批注"], ["E6", "王会计：口径已核对"]]);
  });

  it("a protected sheet is reported, and nothing is written on it", async () => {
    const { host, api } = await openInHost("seed");
    host.doc.sheets.find((s) => s.name === "附件2")!.protected = true;
    const before = cloneDocument(host.doc).sheets.find((s) => s.name === "附件2");
    const { report } = await recalculate(api);
    expect(report.findings.find((f) => f.rule === "sheet-protected")?.sheet).toBe("附件2");
    expect(host.doc.sheets.find((s) => s.name === "附件2")).toEqual(before);
  });

  it("refuses, before writing anything, a plan that would touch a protected sheet", async () => {
    const { host, api } = await openInHost("seed");
    const { readWorkbook } = await import("../src/adapters/office/readWorkbook");
    const { checkWorkbook } = await import("../src/engine/check");
    const { applyPlanInExcel } = await import("../src/adapters/office/applyPlan");
    const read = await readWorkbook(api);
    const plan = checkWorkbook(read.snapshot).plan;
    read.snapshot.sheets.find((s) => s.name === "附件2")!.protected = true;
    const before = cloneDocument(host.doc);
    await expect(applyPlanInExcel(api, plan, read)).rejects.toMatchObject({ code: "protected", zh: expect.stringContaining("附件2") });
    expect(host.doc).toEqual(before);
  });

  it("a read-only workbook gets a clear message", async () => {
    const { api } = await openInHost("seed", { excelApi: 20, readOnly: true });
    const e = await recalculate(api).catch((x) => x);
    expect(e).toBeInstanceOf(AddinError);
    expect(e.code).toBe("read-only");
    expect(e.zh).toContain("只读");
  });

  it("a stray value at XFD1048576 is named, with Ctrl+End, instead of reading 17 billion cells", async () => {
    const { host, api } = await openInHost("seed");
    // As the pane knows the workbook when it opens; then the clerk types a value far away.
    const shape = await paneShape(host, api);
    const stray = { sheet: "附件1", address: "XFD1048576" };
    await api.run(null, async (context) => {
      context.workbook.worksheets.getItem(stray.sheet).getRange(stray.address).values = [["误填"]];
      await context.sync();
    });
    host.syncs = 0;
    const before = cloneDocument(host.doc);
    for (const known of [{ shape }, undefined]) {
      const e = await recalculate(api, known).catch((x) => x);
      expect(e).toBeInstanceOf(AddinError);
      expect(e.zh).toBe("工作表“附件1”的已用区域 A1:XFD1048576 约有 171.8 亿个单元格，远大于表格本身，可能是远处误填了内容（最后一个单元格是 XFD1048576）。请在该表按 Ctrl+End 定位，删除多余内容后再核算。");
    }
    expect(host.doc).toEqual(before);
    // Found from the used ranges alone: a few small batches, no band of the sheet read.
    expect(host.syncs).toBeLessThanOrEqual(6);
  });

  it("a workbook without the tables says so in Chinese", async () => {
    const { api } = await openInHost("neither-table");
    const e = await recalculate(api).catch((x) => x);
    expect(e).toBeInstanceOf(AddinError);
    expect(e.zh).toContain("没有找到");
  });

  it("uses the rule profile stored in the workbook", async () => {
    const { api } = await openInHost("grade-90");
    const { saveSettings, loadSettings } = await import("../src/adapters/office/settings");
    expect((await loadSettings(api)).profile).toBe("seed");
    expect((await recalculate(api)).report.computed.grade).toBe("良好");
    await saveSettings(api, { profile: "national", autoCheck: false });
    expect((await loadSettings(api)).profile).toBe("national");
    const again = await recalculate(api);
    expect(again.profile.id).toBe("national");
    expect(again.report.computed.grade).toBe("优");
  });

  it("checks the narrative report given to it", async () => {
    const { api } = await openInHost("seed-complete");
    const { report } = await recalculate(api, { narrative: "2023年项目支出共计75.48万元，其中业务工作经费75.48万元。" });
    expect(report.findings.filter((f) => f.rule === "narrative-mismatch").map((f) => `${f.sheet}!${f.cell}`)).toEqual(["附件1!D12", "附件1!D13", "附件2!E8"]);
  });

  it.each([
    [20, "I15:I17,I19,I21", []],
    [9, "I15:I17,I19,I21", []],
    [8, "I15:I17", ["I19", "I21"]],
  ])("clicking a scattered finding in ExcelApi 1.%i selects %s (the rest: %j)", async (excelApi, address, others) => {
    const { host, api } = await openInHost("seed", { excelApi });
    const { report } = await recalculate(api);
    const scattered = groupFindings(report.findings).find((g) => g.range.includes(","))!;
    expect(`${scattered.sheet}!${scattered.range}`).toBe("附件2!I15:I17,I19,I21");
    const writes = host.writes;
    expect(await selectCellInExcel(api, scattered.sheet, scattered.range)).toEqual({ selected: address, others });
    expect(host.doc.selection).toEqual({ sheet: "附件2", address });
    expect(host.writes).toBe(writes);
  });

  it("clicking a finding selects its cell", async () => {
    const { host, api } = await openInHost("seed");
    await selectCellInExcel(api, "附件2", "I15");
    expect(host.doc.selection).toEqual({ sheet: "附件2", address: "I15" });
  });
});
