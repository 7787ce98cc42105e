import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "./helpers";

/**
 * `npm stop` ends the dev server `npm start` launched. office-addin-debugging starts it as a
 * detached `sh -c "<dev-server script>"` and records the shell's pid; here the same library
 * call starts a stand-in server, and after `npm stop` neither the shell nor its child lives.
 */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

(process.platform === "win32" ? describe.skip : describe)("npm stop", () => {
  it("ends the dev server's shell and the server under it", async () => {
    // What `npm start` does, in a plain Node process (the libraries are not loadable under jest).
    const starter = `const ds = require("office-addin-dev-settings"); const di = require("office-addin-debugging/lib/debugInfo.js");
      const p = ds.startDetachedProcess(process.execPath + ' -e "setInterval(() => {}, 1000)"');
      di.saveDevServerProcessId(p.pid).then(() => console.log(p.pid));`;
    const started = spawnSync(process.execPath, ["-e", starter], { cwd: ROOT, encoding: "utf8", timeout: 30000 });
    const shell = { pid: Number(started.stdout.trim()) };
    expect(shell.pid).toBeGreaterThan(0);
    let server: number | undefined;
    for (let t = 0; t < 50 && !server; t++) {
      await new Promise((r) => setTimeout(r, 100));
      const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(shell.pid)], { encoding: "utf8" }).stdout.trim();
      server = ps ? Number(ps.split(/\s+/)[0]) : undefined;
    }
    // Debian's dash forks the command rather than exec-ing it: the server is the shell's child.
    const target = server ?? shell.pid;
    expect(alive(target)).toBe(true);
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "stop.mjs")], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    expect(r.stdout).toContain(`Stopped dev server. Process id: ${shell.pid}`);
    for (let t = 0; t < 50 && alive(target); t++) await new Promise((r2) => setTimeout(r2, 100));
    // A killed child whose parent is gone may linger as a zombie until reaped; it no longer runs.
    const state = spawnSync("ps", ["-o", "stat=", "-p", String(target)], { encoding: "utf8" }).stdout.trim();
    expect(state === "" || state.startsWith("Z")).toBe(true);
  }, 90000);
});
