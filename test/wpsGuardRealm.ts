import { readFileSync } from "fs";
import * as path from "path";
import * as vm from "vm";
import { ROOT } from "./helpers";

/** src/wps/startupGuard.js as written (the build inlines it without its first comment, which changes nothing it does). */
export const GUARD = readFileSync(path.join(ROOT, "src", "wps", "startupGuard.js"), "utf8");

/**
 * Run the guard (`source`: as a built page inlines it) on a bare page in a fresh JS realm: with
 * `container` for the pane, none for index.html; `remove` deletes built-ins first.
 */
export function runGuard(opts: { pane: boolean; remove?: string[]; before?: Record<string, unknown>; source?: string }) {
  const alerts: string[] = [];
  const errors: string[] = [];
  const appended: { id: string; role: string | null; text: string }[] = [];
  const container = { style: { display: "" } };
  const element = () => {
    const el = { id: "", style: {} as Record<string, string>, attrs: {} as Record<string, string>, text: "", children: [] as unknown[] };
    return Object.assign(el, {
      setAttribute: (k: string, v: string) => (el.attrs[k] = v),
      appendChild: (c: { text?: string; data?: string }) => {
        el.children.push(c);
        el.text += c.text ?? c.data ?? "";
      },
    });
  };
  const document = {
    getElementById: (id: string) => (opts.pane && id === "container" ? container : null),
    createElement: element,
    createTextNode: (data: string) => ({ data }),
    body: { appendChild: (b: ReturnType<typeof element>) => appended.push({ id: b.id, role: b.attrs.role ?? null, text: (b.children as { text: string }[]).map((c) => c.text).join("\n") }) },
  };
  const sandbox = vm.createContext({ document, console: { error: (m: string) => errors.push(m) }, alert: (t: string) => alerts.push(t), ...opts.before });
  vm.runInContext("var window = this;", sandbox);
  for (const name of opts.remove ?? []) {
    const [owner, ...rest] = name.split(".");
    vm.runInContext(rest.length ? `delete ${owner}${rest.map((r) => `[${JSON.stringify(r)}]`).join("")};` : `delete globalThis[${JSON.stringify(owner)}];`, sandbox);
  }
  vm.runInContext(opts.source ?? GUARD, sandbox);
  const global = sandbox as Record<string, unknown>;
  return { alerts, errors, appended, container, global };
}
