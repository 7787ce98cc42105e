import { spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { downloadZip } from "../src/review/downloadZip";

const haveUnzip = spawnSync("sh", ["-c", "command -v unzip"]).status === 0;
if (!haveUnzip && process.env.CI) throw new Error("CI must install unzip (README's Linux prerequisites, .ci/run)");
const NAMES = ["汇总.xlsx", "已核查/县直/财政所.checked.xlsx", "已核查/乡镇/财政所.checked.xlsx", "已核查/a.checked.xlsx"];

describe("the page's zip carries its entries' UTF-8 names so Debian's unzip and Windows show them", () => {
  const files = Object.fromEntries(NAMES.map((n, i) => [n, new Uint8Array([i, 1, 2, 3])]));
  const zip = downloadZip(files);

  it("every central-directory entry is made by Unix, flagged UTF-8 where its name is not ASCII, a regular rw-r--r-- file", () => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.byteLength - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    let p = view.getUint32(end + 16, true);
    const seen: string[] = [];
    for (let i = 0; i < view.getUint16(end + 10, true); i++) {
      expect(view.getUint32(p, true)).toBe(0x02014b50);
      const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + view.getUint16(p + 28, true)));
      seen.push(name);
      expect(zip[p + 5]).toBe(3); // version made by: Unix
      expect(Boolean(view.getUint16(p + 8, true) & 0x0800)).toBe(/[^\x00-\x7f]/.test(name));
      expect(view.getUint32(p + 38, true) >>> 16).toBe(0o100644);
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    expect(seen.sort()).toEqual([...NAMES].sort());
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([...NAMES].sort());
  });

  (haveUnzip ? it : it.skip)("unzip -l lists the Chinese names as they are", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "zip-"));
    const file = path.join(dir, "核查结果.zip");
    await fs.writeFile(file, zip);
    const listed = spawnSync("unzip", ["-l", file], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } }).stdout;
    for (const n of NAMES) expect(listed).toContain(n);
    const extracted = spawnSync("unzip", ["-q", file, "-d", path.join(dir, "out")], { env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
    expect(extracted.status).toBe(0);
    expect(await fs.readdir(path.join(dir, "out", "已核查", "县直"))).toEqual(["财政所.checked.xlsx"]);
  });
});
