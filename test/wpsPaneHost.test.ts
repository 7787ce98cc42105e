import { PROFILES } from "../src/engine/profile";
import { tablesOf } from "../src/engine/report";
import { AUTO_CHECK_DELAY_MS } from "../src/adapters/office/autoCheck";
import { OWN_WRITES_QUIET_MS, wpsPaneHost } from "../src/wps/paneHost";
import { openInEt } from "./wpsHelpers";

/** The pane's host interface in WPS, driven as the pane drives it (useChecker), on the strict ET host. */
describe("the WPS pane host", () => {
  const options = { profile: PROFILES.seed };

  it("opens with the workbook's settings and says 自动核查 is possible only where wps.ApiEvent exists", async () => {
    const et = await openInEt("seed");
    expect(await wpsPaneHost(et.root).open()).toEqual({ settings: { profile: "seed", autoCheck: false }, canWatch: true });
    const old = await openInEt("seed", { noEvents: true });
    const host = wpsPaneHost(old.root);
    expect((await host.open()).canWatch).toBe(false);
    expect(await host.watch([{ sheet: "附件2", range: "A1:H30" }], async () => undefined, () => undefined)).toBeNull();
    expect(host.noWatchText).toContain("WPS 表格");
  });

  it("一键核算, 清除标记 and 撤销 through the interface leave the workbook as it came", async () => {
    const et = await openInEt("seed");
    const before = JSON.stringify(et.doc.sheets);
    const host = wpsPaneHost(et.root);
    const r = await host.recalculate(options);
    expect(r.outcome.written).toBeGreaterThan(0);
    expect(JSON.stringify(et.doc.sheets)).not.toBe(before);
    const undone = await host.undo();
    expect(undone).toMatchObject({ undone: true, kept: [] });
    expect(JSON.stringify(et.doc.sheets.filter((s) => s.name !== "核查结果"))).toBe(before);
  });

  it("selects a finding's cell on its sheet", async () => {
    const et = await openInEt("seed");
    const host = wpsPaneHost(et.root);
    expect(await host.select("附件2", "D5")).toEqual({ selected: "D5", others: [] });
    expect(et.doc.activeSheet).toBe("附件2");
    expect(et.doc.selection?.address).toBe("D5");
  });

  it("selects a long list of areas (over Range's 255 characters) by its first, naming the others", async () => {
    const et = await openInEt("seed");
    const host = wpsPaneHost(et.root);
    const areas = Array.from({ length: 100 }, (_, i) => `D${i + 5}`);
    const r = await host.select("附件2", areas.join(","));
    expect(r).toEqual({ selected: "D5", others: areas.slice(1) });
    expect(et.doc.selection?.address).toBe("D5");
  });

  it("a build that refuses a list of areas: its first is selected, the others named", async () => {
    const et = await openInEt("seed", { quirks: { unionAddress: "refused" } });
    const host = wpsPaneHost(et.root);
    expect(await host.select("附件2", "D5,D7:D8")).toEqual({ selected: "D5", others: ["D7:D8"] });
    expect(et.doc.selection?.address).toBe("D5");
    // A sheet hidden since still says so, not the first area's success.
    et.doc.sheets.find((s) => s.name === "附件2")!.visibility = "Hidden";
    await expect(host.select("附件2", "D5,D7")).rejects.toMatchObject({ zh: expect.stringContaining("附件2") });
  });

  it("explains a failure in Chinese naming WPS, with the English detail for the log", async () => {
    const host = wpsPaneHost((await openInEt("seed")).root);
    const { zh, en } = await host.explain(new Error("Automation error"));
    expect(zh).toContain("WPS 表格");
    expect(en).toBe("Automation error");
  });

  describe("自动核查 (wps.ApiEvent SheetChange)", () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate"] }));
    afterEach(() => jest.useRealTimers());

    it("re-checks once, after the quiet time, when a person edits inside any form; not for edits elsewhere; not after stop", async () => {
      const et = await openInEt("seed");
      const host = wpsPaneHost(et.root);
      const { report } = await host.checkOnly(options);
      const onEdit = jest.fn(async () => undefined);
      const watch = (await host.watch(tablesOf(report), onEdit, () => undefined))!;
      et.edit("附件2", { D5: 407.3 });
      et.edit("附件2", { D5: 407.4 });
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS - 1);
      expect(onEdit).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(onEdit).toHaveBeenCalledTimes(1);
      et.edit("附件2", { Z200: "笔记" });
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS);
      expect(onEdit).toHaveBeenCalledTimes(1);
      await watch.stop();
      expect(et.events.listeners.size).toBe(0);
      et.edit("附件2", { D5: 1 });
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS);
      expect(onEdit).toHaveBeenCalledTimes(1);
    });

    it("ignores SheetChange for the add-in's own writes, whether WPS calls it during the run or just after", async () => {
      const et = await openInEt("seed");
      const host = wpsPaneHost(et.root);
      const { report } = await host.checkOnly(options);
      const onEdit = jest.fn(async () => undefined);
      await host.watch(tablesOf(report), onEdit, () => undefined);
      // WPS calling the listener while our run writes (EnableEvents not honoured): ours.
      const write = et.write.bind(et);
      let during = 0;
      et.write = (fn: () => void) => {
        write(fn);
        if (!during++) et.fireSheetChange("附件2", "D5");
      };
      await host.recalculate(options);
      expect(during).toBeGreaterThan(0);
      // … or queued until just after it.
      et.fireSheetChange("附件2", "D5");
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS);
      expect(onEdit).not.toHaveBeenCalled();
      // A person's edit once the quiet time is over is theirs.
      jest.advanceTimersByTime(OWN_WRITES_QUIET_MS);
      et.edit("附件2", { D5: 407.3 });
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS);
      expect(onEdit).toHaveBeenCalledTimes(1);
    });

    it("a re-check that fails is said through onError, at once (nothing in ET is worth retrying)", async () => {
      const et = await openInEt("seed");
      const host = wpsPaneHost(et.root);
      const { report } = await host.checkOnly(options);
      const onError = jest.fn();
      await host.watch(tablesOf(report), async () => Promise.reject(new Error("WPS busy")), onError);
      et.edit("附件2", { D5: 407.3 });
      jest.advanceTimersByTime(AUTO_CHECK_DELAY_MS);
      await new Promise((done) => setImmediate(done));
      expect(onError).toHaveBeenCalledWith(new Error("WPS busy"));
    });
  });
});
