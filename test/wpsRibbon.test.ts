import { recalculate } from "../src/adapters/wps";
import { checkLine, clearLine, resultLine, undoLine } from "../src/commands/messages";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import type { EtHost, EtHostOptions } from "../src/testing/etHost/host";
import { BUTTONS, createRibbon, folderOf, NOT_IN_WPS, PANE_KEY } from "../src/wps/ribbon";
import type { WpsShellRoot, WpsTaskPane } from "../src/wps/shellApi";
import { check } from "./helpers";
import { openInEt } from "./wpsHelpers";

/**
 * The WPS ribbon's callbacks (src/wps/ribbon.ts, made global by main.ts) over the
 * in-memory ET host: each returns at once (plain, not async), the work runs after it,
 * and the clerk is told the outcome in one Chinese line.
 */
const BASE = "https://addins.example.gov.cn/jixiao-wps/";
const content = (d: HostDocument) => ({ sheets: d.sheets, customXmlParts: d.customXmlParts.map((p) => p.xml) });

/** WPS's task panes: each CreateTaskPane makes one, with an ID, hidden until Visible is set. */
class FakePanes {
  made: { url: string; pane: WpsTaskPane }[] = [];
  storage = new Map<string, unknown>();
  shell(spelling: "CreateTaskPane" | "CreateTaskpane" | null = "CreateTaskPane"): WpsShellRoot {
    const create = (url: string) => {
      const pane = { ID: 1000 + this.made.length, Visible: false };
      this.made.push({ url, pane });
      return pane;
    };
    return {
      ...(spelling ? { [spelling]: create } : {}),
      GetTaskPane: (id: number) => {
        const found = this.made.find((m) => m.pane.ID === id);
        if (!found) throw new Error(`no task pane ${id}`);
        return found.pane;
      },
      PluginStorage: { setItem: (k, v) => this.storage.set(k, v), getItem: (k) => this.storage.get(k) ?? "" },
    };
  }
}

async function open(name: string, options: EtHostOptions = {}, shell: WpsShellRoot = new FakePanes().shell()) {
  const et = await openInEt(name, options);
  return withRibbon(et, shell);
}

function withRibbon(et: EtHost, shell: WpsShellRoot) {
  const told: string[] = [];
  const queued: (() => void)[] = [];
  const root = Object.assign(Object.create(et.root), shell);
  const ribbon = createRibbon({ root: () => root, tell: (t) => told.push(t), baseUrl: BASE, later: (w) => queued.push(w) });
  /** Click a button: the callback must return true before any work has run; then the work runs. */
  const click = async (id: string) => {
    const writes = et.writes;
    const calls = et.calls;
    expect(ribbon.OnAction({ Id: id })).toBe(true);
    expect({ writes: et.writes, calls: et.calls }).toEqual({ writes, calls });
    while (queued.length) queued.shift()!();
    await ribbon.settled();
    return told.at(-1);
  };
  return { et, ribbon, told, click };
}

describe("the WPS ribbon", () => {
  let logged: jest.SpyInstance;
  beforeEach(() => (logged = jest.spyOn(console, "error").mockImplementation(() => undefined)));
  afterEach(() => logged.mockRestore());

  it("names plain functions for WPS to call: none is async", () => {
    const ribbon = createRibbon({ root: () => null, tell: () => undefined, baseUrl: BASE });
    for (const f of [ribbon.OnAddinLoad, ribbon.OnAction, ribbon.GetImage]) expect(f.constructor.name).toBe("Function");
    expect(ribbon.OnAddinLoad({})).toBe(true);
    expect(ribbon.GetImage({ Id: BUTTONS.recalculate })).toBe("assets/icon-32.png");
  });

  it("一键核算 runs the ET adapter after the callback returns and tells the command line's counts", async () => {
    const { et, click } = await open("seed");
    const line = await click(BUTTONS.recalculate);
    const cli = await check("seed");
    const n = (s: string) => cli.findings.filter((f) => f.severity === s).length;
    expect(line).toBe(resultLine(n("error"), n("warning"), cli.plan.writes.length));
    expect(line).toMatch(/^核算完成：填入 \d+ 处/);
    // 「核查结果」 brought to the front, as the Excel ribbon does.
    expect(et.doc.activeSheet).toBe("核查结果");
    expect(et.stateRestored).toBe(true);
  });

  it("只检查 writes nothing and says so", async () => {
    const { et, click } = await open("seed");
    const before = cloneDocument(et.doc);
    const line = await click(BUTTONS.checkOnly);
    const cli = await check("seed");
    const n = (s: string) => cli.findings.filter((f) => f.severity === s).length;
    expect(line).toBe(checkLine(n("error"), n("warning")));
    expect(line).toContain("未修改工作簿");
    expect(et.doc).toEqual(before);
    expect(et.writes).toBe(0);
  });

  it("清除标记 and 撤销本次修改 tell what they did, and that there was nothing to do the second time", async () => {
    const { et, click } = await open("seed");
    const before = cloneDocument(et.doc);
    await click(BUTTONS.recalculate);
    const cleared = await click(BUTTONS.clearMarks);
    expect(cleared).toMatch(/^已清除 [1-9]\d* 处标记，数值未改动。$/);
    expect(await click(BUTTONS.clearMarks)).toBe(clearLine(0));
    expect(await click(BUTTONS.undo)).toBe(undoLine(true, 0));
    expect(content(et.doc)).toEqual(content(before));
    expect(await click(BUTTONS.undo)).toBe("没有可撤销的修改。");
  });

  it("撤销 keeps a figure a person typed since, and says how many", async () => {
    const { et, click } = await open("seed-complete-no-total");
    await click(BUTTONS.recalculate);
    et.edit("附件2", { H34: 90 });
    expect(await click(BUTTONS.undo)).toBe(undoLine(true, 1));
    expect(et.sheet("附件2").cells.H34).toMatchObject({ value: 90 });
  });

  it("a read-only workbook: the reason in Chinese, the English in the log, nothing written", async () => {
    const { et, click } = await open("seed", { readOnly: "refuse" });
    const before = cloneDocument(et.doc);
    const line = await click(BUTTONS.recalculate);
    expect(line).toMatch(/^未能核算：.*只读/);
    expect(et.doc).toEqual(before);
    expect(logged).toHaveBeenCalledWith("[核算助手] 核算 from the ribbon failed:", expect.stringMatching(/read-only|WPS refused/i));
  });

  it("a workbook without the forms: 未能检查 and why, nothing written", async () => {
    const { et, click } = await open("neither-table");
    const line = await click(BUTTONS.checkOnly);
    expect(line).toMatch(/^未能检查：/);
    expect(line).not.toContain("WPS 表格返回了错误");
    expect(await click(BUTTONS.recalculate)).toMatch(/^未能核算：/);
    expect(et.writes).toBe(0);
  });

  it("核算面板 makes the pane once, at the add-in's taskpane.html, then hides and shows it", async () => {
    const panes = new FakePanes();
    const { click } = await open("seed", {}, panes.shell());
    await click(BUTTONS.pane);
    expect(panes.made.map((m) => m.url)).toEqual([`${BASE}taskpane.html`]);
    const pane = panes.made[0].pane;
    expect(pane.Visible).toBe(true);
    expect(panes.storage.get(PANE_KEY)).toBe(pane.ID);
    await click(BUTTONS.pane);
    expect(pane.Visible).toBe(false);
    await click(BUTTONS.pane);
    expect(pane.Visible).toBe(true);
    expect(panes.made).toHaveLength(1);
  });

  it("after index.html is reloaded, 核算面板 finds the pane again through PluginStorage instead of opening a second", async () => {
    const panes = new FakePanes();
    const first = await open("seed", {}, panes.shell());
    await first.click(BUTTONS.pane);
    const again = withRibbon(first.et, panes.shell());
    await again.click(BUTTONS.pane);
    expect(panes.made).toHaveLength(1);
    expect(panes.made[0].pane.Visible).toBe(false);
  });

  it("a pane WPS no longer has (GetTaskPane throws) is made again", async () => {
    const panes = new FakePanes();
    panes.storage.set(PANE_KEY, 4242);
    const { click } = await open("seed", {}, panes.shell());
    await click(BUTTONS.pane);
    expect(panes.made).toHaveLength(1);
    expect(panes.made[0].pane.Visible).toBe(true);
  });

  it("uses CreateTaskpane where a build spells it so, and says in Chinese when there is neither", async () => {
    const panes = new FakePanes();
    const other = await open("seed", {}, panes.shell("CreateTaskpane"));
    await other.click(BUTTONS.pane);
    expect(panes.made).toHaveLength(1);
    const none = await open("seed", {}, new FakePanes().shell(null));
    expect(await none.click(BUTTONS.pane)).toMatch(/^此版本 WPS 表格不提供任务窗格/);
  });

  it("outside WPS (no wps, no Application) every button says so", () => {
    const told: string[] = [];
    const ribbon = createRibbon({ root: () => null, tell: (t) => told.push(t), baseUrl: BASE });
    for (const id of Object.values(BUTTONS)) expect(ribbon.OnAction({ Id: id })).toBe(true);
    expect(told).toEqual(Object.values(BUTTONS).map(() => NOT_IN_WPS));
  });

  it("an id ribbon.xml does not have is answered, not ignored", async () => {
    const { click } = await open("seed");
    expect(await click("btnNoSuch")).toMatch(/没有对应的功能/);
  });

  it("a message box that fails is logged, and the work is still done", async () => {
    const et = await openInEt("seed");
    const ribbon = createRibbon({ root: () => et.root, tell: () => { throw new Error("no alert"); }, baseUrl: BASE, later: (w) => w() });
    ribbon.OnAction({ Id: BUTTONS.recalculate });
    await ribbon.settled();
    expect(logged).toHaveBeenCalledWith("[核算助手] message not shown:", expect.any(Error), expect.stringMatching(/^核算完成/));
    expect((await recalculate(et.root)).report.plan.writes).toEqual([]);
  });

  it("finds the add-in's folder from index.html's address", () => {
    expect(folderOf("https://a.example/jixiao/index.html?x=1#y")).toBe("https://a.example/jixiao/");
    expect(folderOf("https://a.example/jixiao/")).toBe("https://a.example/jixiao/");
    expect(folderOf("http://127.0.0.1:3889/index.html")).toBe("http://127.0.0.1:3889/");
  });
});

describe("src/wps/ribbon.xml", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DOMParser } = require("@xmldom/xmldom") as typeof import("@xmldom/xmldom");
  const xml = require("fs").readFileSync(require("path").join(__dirname, "..", "src", "wps", "ribbon.xml"), "utf8") as string;

  it("starts with <customUI (no XML declaration), parses, and loads through OnAddinLoad", () => {
    expect(xml.startsWith("<customUI")).toBe(true);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => level !== "warning" && errors.push(msg) }).parseFromString(xml, "text/xml");
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.getAttribute("xmlns")).toBe("http://schemas.microsoft.com/office/2006/01/customui");
    expect(root.getAttribute("onLoad")).toBe("OnAddinLoad");
  });

  it("has its own tab 绩效自评 with the five buttons, each one the ribbon answers", () => {
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const tabs = Array.from(doc.getElementsByTagName("tab"));
    expect(tabs.map((t) => t.getAttribute("label"))).toEqual(["绩效自评"]);
    const buttons = Array.from(doc.getElementsByTagName("button")).map((b) => ({ id: b.getAttribute("id"), label: b.getAttribute("label"), onAction: b.getAttribute("onAction"), getImage: b.getAttribute("getImage") }));
    expect(buttons.map((b) => b.label)).toEqual(["一键核算", "核算面板", "只检查", "清除标记", "撤销本次修改"]);
    expect(buttons.map((b) => b.id).sort()).toEqual(Object.values(BUTTONS).sort());
    for (const b of buttons) expect(b).toMatchObject({ onAction: "OnAction", getImage: "GetImage" });
  });
});
