import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { checkXlsx, openXlsx, readSnapshot, undoPackage } from "../src/adapters/xlsx";
import { PackageEdit } from "../src/adapters/xlsx/edit";
import { readNotes } from "../src/adapters/xlsx/notes";
import { scanSheet, cellAtPos } from "../src/adapters/xlsx/sheet";
import { fillOf, readStyles } from "../src/adapters/xlsx/styles";
import { writeZip } from "../src/adapters/xlsx/zip";
import { parseA1 } from "../src/engine/address";
import { MARK_FILL } from "../src/engine/plan";
import type { XlsxPackage } from "../src/adapters/xlsx/package";
import { cli, fixture } from "./helpers";
import { parts, python } from "./xlsxParts";

/**
 * Undo of a checked copy that a person went on working in: what they changed
 * is kept (and listed), the rest comes back. The edits are made by openpyxl,
 * which (unlike Excel and WPS) drops custom XML parts on save: the journal
 * part is put back as Excel would have kept it.
 */
let dir: string;
let seed: Uint8Array;
let checked: Uint8Array;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xlsx-undo-"));
  seed = new Uint8Array(await fs.readFile(fixture("seed")));
  checked = checkXlsx(seed, "seed.xlsx").write();
});

/** Edit a checked copy with openpyxl (a script over `wb`), keeping the journal part as Excel would. */
async function editWithOpenpyxl(bytes: Uint8Array, script: string): Promise<Uint8Array> {
  const src = path.join(dir, `in-${Date.now()}.xlsx`), dst = path.join(dir, `out-${Date.now()}.xlsx`);
  await fs.writeFile(src, bytes);
  python(`import sys\nfrom openpyxl import load_workbook\nwb = load_workbook(sys.argv[1])\n${script}\nwb.save(sys.argv[2])\n`, [src, dst]);
  const edited = parts(new Uint8Array(await fs.readFile(dst)));
  for (const [name, data] of parts(bytes)) if (name.startsWith("customXml/")) edited.set(name, data);
  return writeZip([...edited].map(([name, data]) => ({ name, data: new Uint8Array(data) })));
}

const sheetOf = (pkg: XlsxPackage, name: string) => pkg.sheets.find((s) => s.name === name)!;
function valueAt(pkg: XlsxPackage, sheet: string, ref: string) {
  const s = readSnapshot(pkg).sheets.find((x) => x.name === sheet)!;
  const p = parseA1(ref)!;
  return s.cells[p.row - s.top]?.[p.col - s.left] ?? null;
}
function fillAt(pkg: XlsxPackage, sheet: string, ref: string): string | null {
  const p = parseA1(ref)!;
  const c = cellAtPos(scanSheet(pkg, sheetOf(pkg, sheet).path!), p.row, p.col);
  return fillOf(readStyles(pkg), c?.s ?? 0);
}
const notesOf = (pkg: XlsxPackage, sheet: string) => readNotes(new PackageEdit(pkg), sheetOf(pkg, sheet).path!, scanSheet(pkg, sheetOf(pkg, sheet).path!).legacyDrawing);

describe("undo of a checked copy edited afterwards", () => {
  it("a figure typed over our formula (附件1!D4) is kept and listed; every other change of the check is undone", async () => {
    const edited = await editWithOpenpyxl(checked, `wb["附件1"]["D4"] = 0.95`);
    const r = undoPackage(openXlsx(edited, "edited.xlsx"));
    expect(r.undone).toBe(true);
    const back = openXlsx(r.bytes, "back.xlsx");
    expect(valueAt(back, "附件1", "D4")).toEqual({ value: 0.95 });
    expect(r.kept).toEqual([{ sheet: "附件1", cell: "D4", why: "已被修改，保留现值", reason: "value" }]);
    expect(r.lines).toEqual(["附件1!D4 已被修改，保留现值"]);
    // D4's mark (fill) is still ours: it goes; the markers on 附件2 and their fills go too.
    expect(fillAt(back, "附件1", "D4")).toBe(fillAt(openXlsx(seed, "seed"), "附件1", "D4"));
    for (const ref of ["I15", "I16", "I17", "I19", "I21"]) expect(valueAt(back, "附件2", ref)).toEqual(valueAt(openXlsx(seed, "seed"), "附件2", ref));
    expect(back.sheets.map((s) => s.name)).toEqual(["附件1", "附件2"]);
  });

  it("a row inserted above the form (openpyxl insert_rows moves cells, fills and notes): undo applies one row down, the person's explanation is kept", async () => {
    // The clerk explains I15 over our marker, then inserts a row at the top of 附件2: their text moves to I16, a journaled address.
    const edited = await editWithOpenpyxl(checked, `ws = wb["附件2"]\nws["I15"] = "已说明：疫情影响"\nws.insert_rows(1)\nws["A1"] = "（2024年报送稿）"`);
    const pkg = openXlsx(edited, "edited.xlsx");
    expect(valueAt(pkg, "附件2", "I16")).toEqual({ value: "已说明：疫情影响" });
    expect(valueAt(pkg, "附件2", "I17")).toEqual({ value: "【待说明】" });
    const r = undoPackage(pkg);
    const back = openXlsx(r.bytes, "back.xlsx");
    const orig = openXlsx(seed, "seed");
    // The person's work: their text, their new first row.
    expect(valueAt(back, "附件2", "I16")).toEqual({ value: "已说明：疫情影响" });
    expect(valueAt(back, "附件2", "A1")).toEqual({ value: "（2024年报送稿）" });
    expect(r.kept).toEqual([{ sheet: "附件2", cell: "I16", why: "已被修改，保留现值", reason: "value" }]);
    expect(r.lines).toContain("工作表“附件2”的表格已下移 1 行，已按新位置撤销");
    // Ours, one row down: markers gone, fills and notes back as they were.
    for (const ref of ["I16", "I17", "I19", "I21"]) expect({ ref, v: valueAt(back, "附件2", `I${Number(ref.slice(1)) + 1}`) }).toEqual({ ref, v: valueAt(orig, "附件2", ref) });
    for (const ref of ["D5", "E6", "E14", "F20", "H34"]) {
      const below = `${ref[0]}${Number(ref.slice(1)) + 1}`;
      expect({ ref, fill: fillAt(back, "附件2", below) }).toEqual({ ref, fill: fillAt(orig, "附件2", ref) });
      expect({ ref, moved: fillAt(back, "附件2", below) === MARK_FILL.warning }).toEqual({ ref, moved: false });
    }
    expect([...notesOf(back, "附件2").keys()]).toEqual([]);
    // 附件1 was not moved: restored in place.
    expect(valueAt(back, "附件1", "D4")).toEqual(valueAt(orig, "附件1", "D4"));
  });

  it("the command line's --undo says what it kept, and its JSON lists it", async () => {
    const file = path.join(dir, "typed-over.xlsx");
    await fs.writeFile(file, await editWithOpenpyxl(checked, `wb["附件1"]["D4"] = 0.95`));
    const out = path.join(dir, "typed-over-undone.xlsx");
    const text = cli([file, "--undo", "--out", out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("附件1!D4 已被修改，保留现值");
    const json = JSON.parse(cli([file, "--undo", "--out", out, "--json"]).stdout);
    expect(json).toMatchObject({ undone: true, kept: [{ sheet: "附件1", cell: "D4", why: "已被修改，保留现值" }] });
    // An untouched checked copy: byte-exact undo, nothing kept.
    const clean = path.join(dir, "clean.xlsx");
    await fs.writeFile(clean, checked);
    expect(JSON.parse(cli([clean, "--undo", "--out", out, "--json"]).stdout)).toMatchObject({ undone: true, kept: [] });
  });

  it("notes by content: a reviewer's line added to our note survives a re-check and undo, and undo says it kept it", async () => {
    const edited = await editWithOpenpyxl(checked, `from openpyxl.comments import Comment\nc = wb["附件2"]["E6"]\nc.comment = Comment(c.comment.text + "\\n复核：已与财政局核对", c.comment.author)`);
    const note = () => notesOf(openXlsx(edited, "e"), "附件2").get("E6")!.text;
    expect(note()).toContain("复核：已与财政局核对");
    const rechecked = openXlsx(checkXlsx(edited, "edited.xlsx").write(), "rechecked.xlsx");
    expect(notesOf(rechecked, "附件2").get("E6")!.text).toBe(note());
    const r = undoPackage(rechecked);
    const back = openXlsx(r.bytes, "back.xlsx");
    expect([...notesOf(back, "附件2")].map(([ref, n]) => [ref, n.text])).toEqual([["E6", note()]]);
    expect(r.kept).toEqual([{ sheet: "附件2", cell: "E6", why: "批注已被修改，保留", reason: "note" }]);
  });

  it("a renamed sheet (files have no Worksheet.id) is found by what we wrote: undone directly, and after a re-check", async () => {
    const edited = await editWithOpenpyxl(checked, `wb["附件2"].title = "自评表"`);
    const orig = openXlsx(seed, "seed");
    const direct = undoPackage(openXlsx(edited, "renamed.xlsx"));
    expect(direct.lines).toContain("工作表“附件2”现名“自评表”，已按新名称撤销");
    expect(direct.kept).toEqual([]);
    const back = openXlsx(direct.bytes, "back.xlsx");
    for (const ref of ["I15", "I16", "I17", "I19", "I21"]) expect(valueAt(back, "自评表", ref)).toEqual(valueAt(orig, "附件2", ref));
    for (const ref of ["D5", "E6", "E14", "F20", "H34"]) expect({ ref, fill: fillAt(back, "自评表", ref) }).toEqual({ ref, fill: fillAt(orig, "附件2", ref) });
    expect([...notesOf(back, "自评表").keys()]).toEqual([]);
    // Checked again under its new name, then undone: the same workbook comes back.
    const twice = undoPackage(openXlsx(checkXlsx(edited, "renamed.xlsx").write(), "rechecked.xlsx"));
    expect(twice.kept).toEqual([]);
    const back2 = openXlsx(twice.bytes, "back2.xlsx");
    expect(readSnapshot(back2).sheets.find((x) => x.name === "自评表")!.cells).toEqual(readSnapshot(back).sheets.find((x) => x.name === "自评表")!.cells);
    expect([...notesOf(back2, "自评表").keys()]).toEqual([]);
  });
});
