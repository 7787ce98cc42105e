import { AUTO_CELL_EDIT_ZH, startAutoCheck } from "../src/adapters/office/autoCheck";
import { AddinError, CELL_EDIT_ZH } from "../src/adapters/office/officeApi";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { ExcelHost, type HostContext } from "../src/testing/excelHost/host";
import { openInHost } from "./officeHelpers";

/** Issue 20 point 5: Excel while a person is typing in a cell (cell-edit mode). */

const readA1 = (host: ExcelHost, options?: { delayForCellEdit?: boolean }) =>
  host.run(options ?? {}, async (context: HostContext) => {
    const r = context.workbook.worksheets.getFirst().getRange("A1").load("values");
    await context.sync();
    return r.values[0][0];
  });

/** Whether a promise has settled, after every queued microtask has run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return done;
}

describe("the in-memory host's cell-edit mode (excel.runoptions#delayforcelledit)", () => {
  it("fails a batch without delayForCellEdit and holds one with it until the edit ends", async () => {
    const { host } = await openInHost("seed");
    host.startCellEdit();
    await expect(readA1(host)).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    const delayed = readA1(host, { delayForCellEdit: true });
    expect(await settled(delayed)).toBe(false);
    expect(host.delayedBatches).toBe(1);
    host.endCellEdit();
    await expect(delayed).resolves.toBeDefined();
  });

  it("a host that ignores delayForCellEdit, or one below ExcelApi 1.11, fails the batch all the same", async () => {
    for (const options of [{ excelApi: 20, ignoresCellEditDelay: true }, { excelApi: 10 }]) {
      const { host } = await openInHost("seed", options);
      host.startCellEdit();
      await expect(readA1(host, { delayForCellEdit: true })).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    }
  });
});

describe("the add-in in cell-edit mode", () => {
  it("every batch passes delayForCellEdit from ExcelApi 1.11: 只检查 and 一键核算 wait for the edit to end, then run", async () => {
    const { host, api } = await openInHost("seed");
    host.startCellEdit();
    const review = checkOnly(api);
    expect(await settled(review)).toBe(false);
    host.endCellEdit();
    expect((await review).report.findings.length).toBeGreaterThan(0);
    host.startCellEdit();
    const recalc = recalculate(api);
    expect(await settled(recalc)).toBe(false);
    host.endCellEdit();
    expect((await recalc).outcome.shape.journal).toBe(true);
  });

  it("where Excel fails the batch anyway, a button says so at once, in Chinese, and writes nothing", async () => {
    for (const options of [{ excelApi: 20, ignoresCellEditDelay: true }, { excelApi: 10 }]) {
      const { host, api } = await openInHost("seed", options);
      host.startCellEdit();
      for (const click of [() => checkOnly(api), () => recalculate(api), () => undoInExcel(api)]) {
        const e = await click().catch((x: unknown) => x);
        expect(e).toBeInstanceOf(AddinError);
        expect(e).toMatchObject({ zh: CELL_EDIT_ZH, code: "cell-edit" });
        expect((e as Error).message).toMatch(/cell edit mode/);
      }
      expect(host.writes).toBe(0);
    }
  });
});

describe("自动核查 in cell-edit mode, on a host that ignores delayForCellEdit", () => {
  afterEach(() => jest.useRealTimers());

  const start = async () => {
    const { host, api } = await openInHost("seed", { excelApi: 20, ignoresCellEditDelay: true });
    const { report } = await checkOnly(api);
    let checked = 0;
    const errors: unknown[] = [];
    const onEdit = async () => {
      await checkOnly(api);
      checked++;
    };
    // The workbook is opened with real timers (ExcelJS needs them); the waiting is on fake ones.
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const auto = (await startAutoCheck(api, [report.tables.basicData!, report.tables.selfEvaluation!], onEdit, { delayMs: 1500, onError: (e) => errors.push(e) }))!;
    // Each attempt is one batch Excel refuses (the first batch of the check), until the edit ends.
    return { host, auto, errors, counts: () => ({ attempts: host.cellEditRefusals + checked, checked }) };
  };

  it("retries each second and checks once the edit ends", async () => {
    const { host, auto, errors, counts } = await start();
    await host.edit("附件2", { D5: 407.3 });
    host.startCellEdit(); // the clerk goes straight on typing in the next cell
    await jest.advanceTimersByTimeAsync(1500);
    expect(counts()).toEqual({ attempts: 1, checked: 0 });
    await jest.advanceTimersByTimeAsync(4000);
    expect(counts()).toEqual({ attempts: 5, checked: 0 });
    host.endCellEdit();
    await jest.advanceTimersByTimeAsync(1000);
    expect(counts()).toEqual({ attempts: 6, checked: 1 });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(counts().attempts).toBe(6);
    expect(errors).toEqual([]);
    await auto.stop();
  });

  it("after 30 s of cell-edit mode it stops and tells the clerk, in Chinese", async () => {
    const { host, auto, errors, counts } = await start();
    await host.edit("附件2", { D5: 407.3 });
    host.startCellEdit();
    await jest.advanceTimersByTimeAsync(1500 + 29_000);
    expect(errors).toEqual([]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ zh: AUTO_CELL_EDIT_ZH, code: "cell-edit" });
    expect(counts()).toEqual({ attempts: 31, checked: 0 });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(counts().attempts).toBe(31);
    host.endCellEdit();
    await auto.stop();
  });
});
