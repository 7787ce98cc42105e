// npm stop: office-addin-debugging stop (unregisters the sideloaded add-in, kills the dev server
// it recorded), then ends the rest of that dev server's process group. `npm start` launches the
// dev server through a detached shell (`sh -c "webpack serve …"`) and records the shell's pid;
// Debian's dash does not exec the command, so killing that pid alone leaves webpack serving on
// port 3000. The detached shell leads its own process group, which is what is killed here.
// (Windows already kills the whole tree with taskkill /t.)
import { spawnSync } from "child_process";
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { readDevServerProcessId } = require("office-addin-debugging/lib/debugInfo.js");

const pid = readDevServerProcessId();
const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
const r = spawnSync(bin, ["stop", "manifest.xml", ...process.argv.slice(2)], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
if (pid && process.platform !== "win32") {
  try {
    process.kill(-pid, "SIGTERM");
    console.log(`已停止开发服务器（进程组 ${pid}）。`);
  } catch (e) {
    if (e.code !== "ESRCH") console.error(`无法停止开发服务器进程组 ${pid}（could not stop the dev server's process group）：${e.message}`);
  }
}
process.exitCode = r.status ?? 1;
