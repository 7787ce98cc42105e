import { parseRangeA1, a1 } from "../src/engine/address";
import { insideTables, startAutoCheck, watchedTables } from "../src/adapters/office/autoCheck";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import type { ChangeEvent, HostContext } from "../src/testing/excelHost/host";
import { apiOf, openInHost } from "./officeHelpers";

/** Issue 20 point 5: 自动核查 ignores the add-in's own writes and watches every form. */

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUIET = 30;

async function watching(name: string, excelApi: number) {
  const { host, api } = await openInHost(name, { excelApi });
  const { report } = await checkOnly(api);
  let runs = 0;
  const auto = (await startAutoCheck(api, report, () => void runs++, QUIET))!;
  return { host, api, report, auto, runs: () => runs };
}

describe("the in-memory host's onChanged models triggerSource by ExcelApi level", () => {
  const events = async (excelApi: number) => {
    const { host, api } = await openInHost("seed", { excelApi });
    const seen: ChangeEvent[] = [];
    await host.run(async (context: HostContext) => {
      context.workbook.worksheets.getItem("附件2").onChanged.add((e) => void seen.push(e));
      await context.sync();
    });
    await api.run(null, async (context) => {
      context.workbook.worksheets.getItem("附件2").getRange("K1").values = [["ours"]];
      await context.sync();
    });
    await apiOf(host, "ribbon").run(null, async (context) => {
      context.workbook.worksheets.getItem("附件2").getRange("K2").values = [["the ribbon's"]];
      await context.sync();
    });
    await host.edit("附件2", { K3: "a person's" });
    return seen.map((e) => [e.address, e.triggerSource]);
  };

  it("ExcelApi 1.14: ThisLocalAddin for the runtime's own batch, Unknown for another runtime's and a person's", async () => {
    expect(await events(14)).toEqual([
      ["K1", "ThisLocalAddin"],
      ["K2", "Unknown"],
      ["K3", "Unknown"],
    ]);
  });

  it("below ExcelApi 1.14 events carry no triggerSource", async () => {
    expect(await events(13)).toEqual([
      ["K1", undefined],
      ["K2", undefined],
      ["K3", undefined],
    ]);
  });
});

describe("自动核查 never runs on the add-in's own writes", () => {
  for (const excelApi of [20, 13]) {
    it(`ExcelApi 1.${excelApi}: the pane's 一键核算 writes inside the tables and triggers no check`, async () => {
      const w = await watching("seed", excelApi);
      const r = await recalculate(w.api);
      const ranges = watchedTables(w.report).filter((t) => t.sheet === "附件2").map((t) => parseRangeA1(t.range)!);
      expect(r.report.plan.writes.filter((x) => x.sheet === "附件2" && insideTables(x.cell, ranges)).length).toBeGreaterThan(0);
      await wait(QUIET * 4);
      expect(w.runs()).toBe(0);
      await w.auto.stop();
    });

    it(`ExcelApi 1.${excelApi}: the ribbon's 一键核算 (another runtime) triggers no check either`, async () => {
      const w = await watching("seed", excelApi);
      await recalculate(apiOf(w.host, "ribbon"));
      await wait(QUIET * 4);
      expect(w.runs()).toBe(0);
      await w.auto.stop();
    });

    it(`ExcelApi 1.${excelApi}: a person's edit after the check runs it, also over a cell the add-in wrote`, async () => {
      const w = await watching("seed", excelApi);
      const r = await recalculate(w.api);
      await wait(QUIET * 4);
      const ours = r.report.plan.writes.find((x) => x.formula !== null)!;
      await w.host.edit(ours.sheet, { [ours.cell]: 12345 });
      await wait(QUIET * 4);
      expect(w.runs()).toBe(1);
      await w.host.edit("附件2", { D5: 407.3 });
      await wait(QUIET * 4);
      expect(w.runs()).toBe(2);
      await w.auto.stop();
    });
  }

  it("a person typing back exactly what the add-in wrote changes nothing the check would see: no run", async () => {
    const w = await watching("seed", 13);
    const r = await recalculate(w.api);
    await wait(QUIET * 4);
    const formula = r.report.plan.writes.find((x) => x.formula !== null)!;
    const marker = r.report.plan.writes.find((x) => x.formula === null)!;
    await w.host.edit(formula.sheet, { [formula.cell]: `=${formula.formula}` });
    await w.host.edit(marker.sheet, { [marker.cell]: marker.value });
    await wait(QUIET * 4);
    expect(w.runs()).toBe(0);
    await w.auto.stop();
  });
});

describe("自动核查 watches every form of the workbook", () => {
  it("an edit inside a 项目 form (not the first form) runs the check", async () => {
    const w = await watching("dept-plus-projects", 20);
    expect(w.report.forms.length).toBeGreaterThan(1);
    const later = w.report.forms[w.report.forms.length - 1];
    const first = [w.report.tables.basicData, w.report.tables.selfEvaluation].filter((t) => t !== null);
    const r = parseRangeA1(later.range)!;
    const cell = a1(r.bottom, r.right);
    // The cell is outside the first form's tables: watching those alone would miss it.
    expect(first.some((t) => t.sheet === later.sheet && insideTables(cell, [parseRangeA1(t.range)!]))).toBe(false);
    await w.host.edit(later.sheet, { [cell]: "改过" });
    await wait(QUIET * 4);
    expect(w.runs()).toBe(1);
    await w.auto.stop();
  });
});
