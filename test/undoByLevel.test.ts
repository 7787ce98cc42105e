import { readFileSync } from "fs";
import path from "path";
import { recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { cloneDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * README › "What 撤销 restores, by ExcelApi level" and docs/deploy.md › 「撤销本次修改」在各版本恢复什么:
 * one row per level, 1.1 to 1.20, and each row says what the in-memory host shows 撤销 doing at
 * that level (a patterned and a white template fill, our notes, a cell a person changed since).
 */
const ROOT = path.join(__dirname, "..");
const LEVELS = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

/** The table's rows by level, each "as 1.x" cell followed to the row that says it. */
function table(file: string, heading: RegExp, as: RegExp) {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const from = text.search(heading);
  expect(from).toBeGreaterThanOrEqual(0);
  const rows = [...text.slice(from).matchAll(/^\s*\| (1\.\d+) \|(.*)\|\s*$/gm)].map((m) => [m[1], m[2].split("|").map((c) => c.trim())] as const);
  const byLevel = new Map<string, string[]>();
  for (const [level, cells] of rows) if (!byLevel.has(level)) byLevel.set(level, cells);
  const cell = (level: string, col: number): string => {
    const c = byLevel.get(level)![col];
    const ref = as.exec(c);
    return ref ? `${cell(ref[1], col)} ${c}` : c;
  };
  return { levels: rows.map(([l]) => l), cell };
}

const readme = table("README.md", /What 撤销 restores, by ExcelApi level/, /^as (1\.\d+)/);
const deploy = table("docs/deploy.md", /### 「撤销本次修改」在各版本恢复什么/, /^同 (1\.\d+)/);
const FILLS = 2, NOTES = 3;

describe("what 撤销 restores at each ExcelApi level", () => {
  it("README and docs/deploy.md have one row per level, 1.1 to 1.20", () => {
    expect(readme.levels).toEqual(LEVELS);
    expect(deploy.levels).toEqual(LEVELS);
  });

  it.each(LEVELS.slice(4).map((l) => [l, Number(l.split(".")[1])] as const))("ExcelApi %s: the host does what the row says", async (_level, minor) => {
    const { host, api } = await openInHost("seed", { excelApi: minor });
    const s2 = () => host.doc.sheets.find((s) => s.name === "附件2")!;
    s2().cells.D5 = { ...(s2().cells.D5 ?? {}), fill: "#DDEBF7", pattern: "Gray50", patternColor: "#7F7F7F" };
    s2().cells.I16 = { ...(s2().cells.I16 ?? {}), fill: "#FFFFFF" };
    const before = cloneDocument(host.doc);
    const r = await recalculate(api);
    const noteCount = (cells: Record<string, { note?: string }>) => Object.values(cells).filter((c) => c.note !== undefined).length;
    const notesWritten = noteCount(s2().cells) > noteCount(before.sheets.find((s) => s.name === "附件2")!.cells);
    await host.edit("附件2", { I15: "已说明：疫情影响" });
    const u = await undoInExcel(api);
    expect(u.undone).toBe(true);
    // Values come back at every level; the person's explanation is kept and listed.
    expect(host.doc.sheets.find((s) => s.name === "附件1")!.cells.D4).toEqual(before.sheets.find((s) => s.name === "附件1")!.cells.D4);
    expect(s2().cells.I15.value).toBe("已说明：疫情影响");
    expect(u.kept.map((k) => `${k.sheet}!${k.cell}`)).toContain("附件2!I15");
    const fills = readme.cell(`1.${minor}`, FILLS);
    if (minor >= 9) {
      expect(fills).toContain("patterns restored");
      expect(deploy.cell(`1.${minor}`, FILLS)).toContain("按原图案恢复");
      expect(s2().cells.D5).toMatchObject({ fill: "#DDEBF7", pattern: "Gray50", patternColor: "#7F7F7F" });
      expect(s2().cells.I16.fill).toBe("#FFFFFF");
    } else {
      expect(fills).toContain("a pattern as its colour");
      expect(deploy.cell(`1.${minor}`, FILLS)).toContain("图案填充恢复为同色纯色");
      expect(s2().cells.D5.fill).toBe("#DDEBF7");
      expect(s2().cells.D5.pattern).toBeUndefined();
      expect(s2().cells.I16?.fill).toBeUndefined();
    }
    const notes = readme.cell(`1.${minor}`, NOTES);
    if (minor >= 18) {
      expect(notes).toContain("ours deleted");
      expect(notesWritten).toBe(true);
    } else {
      expect(notes).toContain("none written");
      expect(r.outcome.notesSkipped).toEqual([]);
      expect(notesWritten).toBe(false);
    }
    expect(Object.values(s2().cells).filter((c) => c.note !== undefined)).toEqual(Object.values(before.sheets.find((s) => s.name === "附件2")!.cells).filter((c) => c.note !== undefined));
  });
});
