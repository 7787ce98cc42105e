import { startAutoCheck, insideTables } from "../src/adapters/office/autoCheck";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import { loadSettings, saveSettings } from "../src/adapters/office/settings";
import { cloneDocument } from "../src/testing/excelHost/document";
import { check } from "./helpers";
import { openInHost, paneShape } from "./officeHelpers";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("只检查 (reviewer mode) and 自动核查", () => {
  it("只检查 shows every finding and writes nothing: one sync with the pane's shape", async () => {
    const { host, api } = await openInHost("seed");
    const before = cloneDocument(host.doc);
    const shape = await paneShape(host, api);
    const { report } = await checkOnly(api, { shape });
    expect(report.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual((await check("seed")).findings.map((f) => [f.rule, f.sheet, f.cell]));
    expect(host.syncs).toBe(1);
    expect([host.writes, host.undoSteps]).toEqual([0, 0]);
    expect(host.doc).toEqual(before);
  });

  it("只检查 on a workbook already checked reads the journal and still writes nothing", async () => {
    const { host, api } = await openInHost("seed");
    const { outcome } = await recalculate(api);
    const writes = host.writes;
    const steps = host.undoSteps;
    host.syncs = 0;
    await checkOnly(api, { shape: outcome.shape });
    expect(host.syncs).toBe(1);
    expect([host.writes, host.undoSteps]).toEqual([writes, steps]);
  });

  it("自动核查 is off by default and stored in the workbook's settings", async () => {
    const { api } = await openInHost("seed");
    expect((await loadSettings(api)).autoCheck).toBe(false);
    await saveSettings(api, { profile: "seed", autoCheck: true });
    expect(await loadSettings(api)).toEqual({ profile: "seed", autoCheck: true });
  });

  it("自动核查 runs once after edits inside the tables, not for edits elsewhere, and stops when turned off", async () => {
    const { host, api } = await openInHost("seed");
    const { report } = await checkOnly(api);
    const tables = [report.tables.basicData!, report.tables.selfEvaluation!];
    let runs = 0;
    const auto = (await startAutoCheck(api, tables, () => void runs++, 30))!;
    await host.edit("附件2", { D5: 407.3 });
    await host.edit("附件2", { D6: 400 });
    await wait(80);
    expect(runs).toBe(1);
    await host.edit("附件2", { Z200: "备注" });
    await wait(80);
    expect(runs).toBe(1);
    await auto.stop();
    await host.edit("附件2", { D5: 400 });
    await wait(80);
    expect(runs).toBe(1);
    expect(host.changeHandlers.get("附件2")?.size ?? 0).toBe(0);
  });

  it("自动核查 needs ExcelApi 1.7 (worksheet.onChanged): below, it is not offered", async () => {
    const { api } = await openInHost("seed", { excelApi: 6 });
    expect(await startAutoCheck(api, [{ sheet: "附件2", range: "A1:I36" }], () => undefined)).toBeNull();
  });

  it("knows which addresses touch a table", () => {
    const t = [{ top: 3, left: 0, bottom: 35, right: 8 }];
    expect(insideTables("D5", t)).toBe(true);
    expect(insideTables("K1:K2,D40", t)).toBe(false);
    expect(insideTables("A1:B10", t)).toBe(true);
  });
});

describe("「核查结果」 print setup (contract D)", () => {
  const withPrint = async (excelApi: number) => {
    const { host, api } = await openInHost("seed", { excelApi });
    const { readWorkbook } = await import("../src/adapters/office/readWorkbook");
    const { checkWorkbook } = await import("../src/engine/check");
    const { applyPlanInExcel } = await import("../src/adapters/office/applyPlan");
    const read = await readWorkbook(api);
    const plan = checkWorkbook(read.snapshot).plan;
    expect(plan.results.print).toMatchObject({ orientation: "landscape", paper: "A4", fitToWidth: 1 });
    const results = { ...plan.results, print: { ...plan.results.print!, repeatRows: [2, 2] as [number, number] } };
    await applyPlanInExcel(api, { ...plan, results }, read);
    return host.doc.sheets.find((s) => s.name === "核查结果")!;
  };

  it("a new 「核查结果」 prints A4 landscape, one page wide, header rows repeated", async () => {
    const sheet = await withPrint(20);
    expect(sheet.pageLayout).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$3:$3" });
  });

  it("below ExcelApi 1.9 the results are written without page setup", async () => {
    const sheet = await withPrint(8);
    expect(sheet.pageLayout).toBeUndefined();
    expect(sheet.cells.A1.value).toBe("部门整体支出绩效自评核查结果");
  });
});

describe("page setup refused inside the undo group", () => {
  it("should Excel not undo PageLayout, the results are written without it and 撤销本次修改 restores everything", async () => {
    const { host, api } = await openInHost("seed", { excelApi: 20, undoUnsupported: ["Worksheet.pageLayout"] });
    const before = cloneDocument(host.doc);
    const { report } = await recalculate(api);
    expect(report.plan.results.print).toBeDefined();
    const results = host.doc.sheets.find((s) => s.name === "核查结果")!;
    expect(results.pageLayout).toBeUndefined();
    expect(results.cells.A1.value).toBe("部门整体支出绩效自评核查结果");
    // What the refused batch did before the page setup stays (the host's harder case); the journal covers it.
    const { undoInExcel } = await import("../src/adapters/office/undo");
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(cellsOf(host.doc)).toEqual(cellsOf(before));
  });
});
const cellsOf = (d: { sheets: { name: string; cells: object }[] }) => d.sheets.map((s) => ({ name: s.name, cells: s.cells }));
