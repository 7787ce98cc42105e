import { cloneDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * The ribbon's 「一键核算」 (commands.ts) with office.js replaced by the in-memory
 * host: Office.onReady first, the outcome shown to the clerk in a dialog,
 * event.completed() always.
 */
type Handler = () => void;

async function loadCommand(name: string, opts: { readyFails?: boolean; readyAfterMs?: number; clerkLeavesOpen?: boolean } = {}) {
  const { host } = await openInHost(name);
  const calls: string[] = [];
  const shown: string[] = [];
  let command: ((e: { completed: () => void }) => Promise<void>) | null = null;
  let ready = false;
  const g = globalThis as Record<string, unknown>;
  g.location = { search: "", origin: "https://localhost:3000", pathname: "/commands.html" };
  g.Excel = {
    run: (a: unknown, b?: unknown) => {
      calls.push(ready ? "run" : "run-before-ready");
      return host.run(a as never, b as never);
    },
  };
  g.Office = {
    onReady: async () => {
      if (opts.readyAfterMs) await new Promise((r) => setTimeout(r, opts.readyAfterMs));
      if (opts.readyFails) throw new Error("Office not ready");
      ready = true;
      calls.push("ready");
      return { host: "Excel" };
    },
    actions: { associate: (_n: string, f: typeof command) => (command = f) },
    AsyncResultStatus: { Succeeded: "succeeded" },
    EventType: { DialogMessageReceived: "msg", DialogEventReceived: "event" },
    context: {
      requirements: { isSetSupported: (n: string, v: string) => host.isSetSupported(n, v) },
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
          shown.push(decodeURIComponent(url.split("message=")[1]));
          const handlers = new Map<string, Handler>();
          cb({ status: "succeeded", value: { addEventHandler: (t: string, h: Handler) => handlers.set(t, h), close: () => calls.push("dialog-closed") } });
          // The clerk presses 「知道了」 (or has gone for lunch).
          if (!opts.clerkLeavesOpen) setTimeout(() => handlers.get("msg")?.(), 0);
        },
      },
    },
  };
  jest.isolateModules(() => require("../src/commands/commands"));
  return { host, calls, shown, run: async () => {
    const completed = jest.fn(() => calls.push("completed"));
    await command!({ completed });
    return completed;
  }, start: () => {
    const completed = jest.fn(() => calls.push("completed"));
    const done = command!({ completed });
    return { completed, done };
  } };
}

describe("the ribbon's 一键核算", () => {
  let logged: jest.SpyInstance;
  beforeEach(() => (logged = jest.spyOn(console, "error").mockImplementation(() => undefined)));
  afterEach(() => logged.mockRestore());

  it("waits for Office.onReady, recalculates, brings 「核查结果」 forward and tells the clerk the result", async () => {
    const c = await loadCommand("seed");
    const completed = await c.run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(c.calls[0]).toBe("ready");
    expect(c.calls).not.toContain("run-before-ready");
    expect(c.calls.slice(-2)).toEqual(["dialog-closed", "completed"]);
    expect(c.host.doc.activeSheet).toBe("核查结果");
    expect(c.shown).toEqual([expect.stringMatching(/^核算完成：填入 \d+ 处，发现错误 1 项、警告 \d+ 项。详见「核查结果」工作表/)]);
  });

  it("tells the clerk, in Chinese, why it could not run, writes nothing, and still completes", async () => {
    const c = await loadCommand("seed");
    c.host.doc.structureProtected = true;
    const before = cloneDocument(c.host.doc);
    const completed = await c.run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(c.shown[0]).toMatch(/^未能核算：工作簿结构受保护/);
    expect(c.host.doc.sheets).toEqual(before.sheets);
    expect(logged).toHaveBeenCalled();
  });

  it("completes within the 5-minute budget counted from the command's start, not from the dialog", async () => {
    // Office ends a function command that runs too long; completed() must come first. A slow start
    // (3 minutes before Office is ready) leaves the dialog one minute before the budget ends.
    const c = await loadCommand("seed", { readyAfterMs: 3 * 60 * 1000, clerkLeavesOpen: true });
    jest.useFakeTimers();
    try {
      const { completed, done } = c.start();
      await jest.advanceTimersByTimeAsync(3 * 60 * 1000 + 1000);
      expect(c.shown).toHaveLength(1);
      expect(completed).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(60 * 1000);
      expect(completed).toHaveBeenCalledTimes(1);
      await done;
      // The clerk closes the dialog later: no second completed().
      await jest.advanceTimersByTimeAsync(10 * 60 * 1000);
      expect(completed).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("completes even when Office never gets ready", async () => {
    const c = await loadCommand("seed", { readyFails: true });
    const completed = await c.run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(c.shown[0]).toMatch(/^未能核算/);
    expect(c.calls).not.toContain("run-before-ready");
  });
});
