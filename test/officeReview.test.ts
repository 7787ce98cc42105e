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
