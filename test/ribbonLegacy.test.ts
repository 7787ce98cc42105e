import { readFileSync } from "fs";
import path from "path";
import vm from "vm";
import { parse } from "acorn";

/**
 * The ribbon's 「一键核算」 where Office runs the function file in Internet Explorer 11 or EdgeHTML
 * (src/commands/legacyCommand.js, inlined into commands.html): the ES2020 bundle cannot run there,
 * so the guard registers the command itself, shows what is needed and completes the event.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { COMMAND_GUARD } = require("../scripts/webpack/addinPages") as { COMMAND_GUARD: string };
const SOURCE = readFileSync(path.join(__dirname, "..", "src", "commands", "legacyCommand.js"), "utf8");

const IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE_HTML = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const WEBVIEW2 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";

interface FakeElement {
  tag: string;
  text: string;
  style: Record<string, string>;
  attrs: Record<string, string>;
  children: FakeElement[];
  onclick?: () => void;
  setAttribute(n: string, v: string): void;
  appendChild(c: FakeElement | { text: string }): void;
}

function element(tag: string): FakeElement {
  const el: FakeElement = {
    tag,
    text: "",
    style: {},
    attrs: {},
    children: [],
    setAttribute: (n, v) => void (el.attrs[n] = v),
    appendChild: (c) => {
      if ("tag" in c) el.children.push(c);
      else el.text += c.text;
    },
  };
  return el;
}

interface Runtime {
  ua: string;
  documentMode?: number;
  search?: string;
  /** Office.actions.associate is there (newer runtimes). */
  associate?: boolean;
  /** displayDialogAsync fails (the dialog is not shown). */
  dialogFails?: boolean;
  /** The clerk presses 知道了 (else the dialog stays open). */
  clerkCloses?: boolean;
}

/** Run the guard in a fresh context whose window, document and Office are an old runtime's. */
function runGuard(rt: Runtime) {
  const body = element("body");
  const shown: string[] = [];
  const parentMessages: string[] = [];
  const associated = new Map<string, (e: unknown) => void>();
  const timers: { ms: number; fn: () => void; cleared: boolean }[] = [];
  const handlers = new Map<string, () => void>();
  const Office: Record<string, unknown> = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    context: {
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
          shown.push(url);
          if (rt.dialogFails) return cb({ status: "failed", error: { code: 12007, message: "dialog already open" } });
          cb({ status: "succeeded", value: { addEventHandler: (t: string, h: () => void) => handlers.set(t, h), close: () => undefined } });
          if (rt.clerkCloses) handlers.get("dialogMessageReceived")!();
        },
        messageParent: (m: string) => parentMessages.push(m),
      },
    },
    ...(rt.associate ? { actions: { associate: (n: string, f: (e: unknown) => void) => associated.set(n, f) } } : {}),
  };
  const sandbox: Record<string, unknown> = {
    navigator: { userAgent: rt.ua },
    document: { documentMode: rt.documentMode, createElement: element, createTextNode: (text: string) => ({ text }), body },
    location: { search: rt.search ?? "", protocol: "https:", host: "addin.example.gov.cn", pathname: "/commands.html" },
    Office,
    setTimeout: (fn: () => void, ms: number) => timers.push({ ms, fn, cleared: false }) - 1,
    clearTimeout: (id: number) => void (timers[id] && (timers[id].cleared = true)),
  };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  // An IE11 window has neither WeakRef nor String.prototype.replaceAll; a fresh V8 context has both.
  if (rt.documentMode || /Trident|Edge\//.test(rt.ua)) vm.runInContext("delete WeakRef; delete String.prototype.replaceAll;", sandbox);
  vm.runInContext(COMMAND_GUARD, sandbox);
  const command = (sandbox.recalculate as ((e: unknown) => void) | undefined) ?? null;
  const run = () => {
    const completed = jest.fn();
    command!({ completed, source: { id: "RecalculateButton" } });
    return completed;
  };
  return { sandbox, Office, body, shown, parentMessages, associated, timers, command, run };
}

const messageOf = (url: string) => decodeURIComponent(url.split("?message=")[1]);

describe("the ribbon's function file on IE11 / EdgeHTML (commands.html's inline guard)", () => {
  it("parses as ES5, as inlined and as written", () => {
    expect(() => parse(COMMAND_GUARD, { ecmaVersion: 5 })).not.toThrow();
    expect(() => parse(SOURCE, { ecmaVersion: 5 })).not.toThrow();
    // The check can fail: ES2015 syntax is refused at ecmaVersion 5.
    expect(() => parse("let x = () => 1;", { ecmaVersion: 5 })).toThrow();
    expect(SOURCE).toContain(COMMAND_GUARD);
  });

  it("on an old runtime (no Office.actions) the manifest's FunctionName is a global function: it shows the message and completes", () => {
    const g = runGuard({ ua: IE11, documentMode: 11, clerkCloses: true });
    expect(g.command).toEqual(expect.any(Function));
    expect(g.Office.initialize).toEqual(expect.any(Function));
    const completed = g.run();
    expect(g.shown).toHaveLength(1);
    expect(g.shown[0]).toMatch(/^https:\/\/addin\.example\.gov\.cn\/commands\.html\?message=/);
    expect(messageOf(g.shown[0])).toMatch(/^需要 Microsoft 365 或 Office 2021 及以上版本。/);
    expect(completed).toHaveBeenCalledTimes(1);
    // The budget's timer is cleared once the event is completed.
    expect(g.timers.every((t) => t.cleared)).toBe(true);
  });

  it("on EdgeHTML with Office.actions, the command is associated as well", () => {
    const g = runGuard({ ua: EDGE_HTML, associate: true, clerkCloses: true });
    expect([...g.associated.keys()]).toEqual(["recalculate"]);
    const completed = jest.fn();
    g.associated.get("recalculate")!({ completed });
    expect(messageOf(g.shown[0])).toContain("需要 Microsoft 365 或 Office 2021 及以上版本");
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("completes when the dialog cannot be shown", () => {
    const g = runGuard({ ua: IE11, documentMode: 11, dialogFails: true });
    const completed = g.run();
    expect(g.shown).toHaveLength(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("completes within the command's budget when the clerk leaves the dialog open, and only once", () => {
    const g = runGuard({ ua: IE11, documentMode: 11 });
    const completed = g.run();
    expect(completed).not.toHaveBeenCalled();
    const budget = g.timers.filter((t) => !t.cleared);
    expect(budget.map((t) => t.ms)).toEqual([4 * 60 * 1000]);
    budget[0].fn();
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("is the dialog too: opened with ?message=… it shows the message and a button that closes it", () => {
    const text = "需要 Microsoft 365 或 Office 2021 及以上版本。";
    const g = runGuard({ ua: IE11, documentMode: 11, search: `?message=${encodeURIComponent(text)}` });
    expect(g.command).toBeNull();
    const [p, button] = g.body.children;
    expect(p.attrs.role).toBe("status");
    expect(p.text).toBe(text);
    expect(button.text).toBe("知道了");
    button.onclick!();
    expect(g.parentMessages).toEqual(["close"]);
  });

  it("does nothing where the bundle runs (WebView2): commands.ts registers the command", () => {
    const g = runGuard({ ua: WEBVIEW2, associate: true });
    expect(g.command).toBeNull();
    expect(g.associated.size).toBe(0);
    expect(g.Office.initialize).toBeUndefined();
    expect(g.body.children).toEqual([]);
  });
});
