import { parse } from "acorn";
import { GUARD, runGuard } from "./wpsGuardRealm";

/**
 * src/wps/startupGuard.js, the ES5 script at the end of both WPS pages: it must parse as ES5,
 * stay silent where the webview has what the bundles need, and otherwise say why in Chinese —
 * on the pane instead of a blank page, on index.html from every ribbon button.
 */
describe("the WPS start-up guard", () => {
  it("is ES5: it parses where nothing newer does", () => {
    expect(() => parse(GUARD, { ecmaVersion: 5 })).not.toThrow();
  });

  it("does nothing where the webview has everything (this Node's realm)", () => {
    for (const pane of [true, false]) {
      const r = runGuard({ pane, before: { OnAction: "main.js's" } });
      expect(r.appended).toEqual([]);
      expect(r.errors).toEqual([]);
      expect(r.global.OnAction).toBe("main.js's");
    }
  });

  it.each(["WeakRef", "Object.fromEntries", "Array.prototype.flatMap", "String.prototype.matchAll", "Promise"])("on the pane without %s: a Chinese message naming it instead of a blank page", (name) => {
    const r = runGuard({ pane: true, remove: [name] });
    expect(r.container.style.display).toBe("none");
    expect(r.appended).toHaveLength(1);
    expect(r.appended[0]).toMatchObject({ id: "legacy-webview", role: "alert" });
    expect(r.appended[0].text).toMatch(/^此版本 WPS 表格无法运行「绩效自评核算」\n/);
    expect(r.appended[0].text).toContain(`缺少 ${name}。请把 WPS 表格升级到最新版本`);
    expect(r.errors).toEqual([expect.stringContaining(`lacks ${name}`)]);
  });

  it("on index.html without Object.fromEntries: main.js's callbacks are replaced, and every button says why", () => {
    const r = runGuard({ pane: false, remove: ["Object.fromEntries"], before: { OnAction: () => "main.js's", ribbon: {} } });
    const onAction = r.global.OnAction as () => boolean;
    expect(onAction.toString()).not.toContain("main.js's");
    expect(onAction()).toBe(true);
    expect(r.alerts).toEqual([expect.stringMatching(/^此版本 WPS 表格无法运行「绩效自评核算」\n.*缺少 Object\.fromEntries/)]);
    expect((r.global.OnAddinLoad as () => boolean)()).toBe(true);
    expect((r.global.GetImage as () => string)()).toBe("assets/icon-32.png");
    const ribbon = r.global.ribbon as Record<string, unknown>;
    expect(ribbon.OnAction).toBe(onAction);
  });

  it("on index.html WeakRef is not needed (only the pane's Fluent UI keeps WeakRefs): the ribbon keeps working", () => {
    const r = runGuard({ pane: false, remove: ["WeakRef"], before: { OnAction: "main.js's" } });
    expect(r.global.OnAction).toBe("main.js's");
    expect(r.errors).toEqual([]);
  });
});
