import type ExcelJS from "exceljs";
import { parseA1 } from "../src/engine/address";
import { applyPlanToPackage, openXlsx, undoPackage } from "../src/adapters/xlsx";
import { PackageEdit } from "../src/adapters/xlsx/edit";
import { scanSheet } from "../src/adapters/xlsx/sheet";
import { editSheet } from "../src/adapters/xlsx/sheetEdit";
import { FIXTURES as SPECS } from "../fixtures/build/catalog";
import { bookOf, bytesOf, fixture, recheck } from "./helpers";

const apply = (bytes: Uint8Array, report = recheck(bytes)) => applyPlanToPackage(openXlsx(bytes, "x.xlsx"), report.plan);

/** A person's edit of one cell, as a spliced sheet (no re-save of anything else). */
function typeInto(bytes: Uint8Array, sheet: string, cell: string, value: number): Uint8Array {
  const pkg = openXlsx(bytes, "x.xlsx");
  const path = pkg.sheets.find((s) => s.name === sheet)!.path!;
  const p = parseA1(cell)!;
  const scan = scanSheet(pkg, path);
  const edit = new PackageEdit(pkg);
  const s = scan.cells.find((c) => c.row === p.row && c.col === p.col)?.s;
  edit.set(path, editSheet(scan, [{ row: p.row, col: p.col, style: s, write: { value, formula: null } }]));
  return edit.build();
}

type Dump = Record<string, Record<string, { v: unknown; fill: unknown; note: unknown; numFmt: unknown }>>;

/** Everything a person could see in a cell, sheet by sheet (state included). */
function dump(wb: ExcelJS.Workbook): Dump {
  const out: Dump = {};
  for (const ws of wb.worksheets) {
    const cells: Dump[string] = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value;
        const note = cell.note ?? null;
        const fill = cell.fill ?? null;
        if (v === null && !note && !fill) return;
        cells[cell.address] = { v: JSON.parse(JSON.stringify(v ?? null)), fill: JSON.parse(JSON.stringify(fill)), note: typeof note === "string" ? note : JSON.stringify(note), numFmt: cell.numFmt ?? null };
      }),
    );
    out[`${ws.name} [${ws.state}]`] = cells;
  }
  return out;
}

const names = Object.keys(SPECS);

describe.each(names)("round trip on %s", (name) => {
  it("keeps every cell outside the plan, is idempotent, and undoes exactly", async () => {
    const input = await bytesOf(fixture(name));
    const before = dump(await bookOf(input));
    const report = recheck(input);
    const written = new Set(report.plan.writes.map((w) => `${w.sheet}!${w.cell}`));

    const checked = apply(input, report);
    const after1 = await bookOf(checked);
    const a1 = dump(after1);
    // Every value and formula outside the planned writes is unchanged.
    for (const [sheetKey, cells] of Object.entries(before)) {
      for (const [addr, c] of Object.entries(cells)) {
        if (written.has(`${sheetKey.replace(/ \[.*$/, "")}!${addr}`)) continue;
        expect({ at: `${sheetKey}!${addr}`, v: a1[sheetKey]?.[addr]?.v }).toEqual({ at: `${sheetKey}!${addr}`, v: c.v });
      }
    }
    for (const w of report.plan.writes) {
      const cell = after1.getWorksheet(w.sheet)!.getCell(w.cell);
      expect(cell.value).toEqual(w.formula === null ? w.value : { formula: w.formula, result: w.value });
    }

    // Checking the checked workbook: same figures and findings, nothing more to write.
    const report2 = recheck(checked);
    expect(report2.computed).toEqual(report.computed);
    expect(report2.findings.map((f) => [f.rule, f.sheet, f.cell, f.message])).toEqual(report.findings.map((f) => [f.rule, f.sheet, f.cell, f.message]));
    expect(report2.plan.writes).toEqual([]);
    const checked2 = apply(checked, report2);
    const after2 = await bookOf(checked2);
    expect(dump(after2)).toEqual(a1);
    expect(after2.worksheets.map((w) => w.name)).toEqual(after1.worksheets.map((w) => w.name));

    // Undo brings back every cell, fill and note, and removes what was added.
    const undone = undoPackage(openXlsx(checked2, "x.xlsx"));
    expect(undone.undone).toBe(true);
    expect(dump(await bookOf(undone.bytes))).toEqual(before);
  });
});

describe("marks follow the findings", () => {
  it("a fixed problem loses its highlight and our note on the next check; undo still restores", async () => {
    const input = await bytesOf(fixture("seed"));
    const checked = apply(input);
    const d5 = (await bookOf(checked)).getWorksheet("附件2")!.getCell("D5");
    expect(JSON.stringify(d5.note)).toContain("全年预算数(A)未填写");
    // The clerk types the budget in (no re-save of the other parts): the next check finds D5 fine.
    const fixed = typeInto(checked, "附件2", "D5", 407.3);
    const again = apply(fixed);
    const cell = (await bookOf(again)).getWorksheet("附件2")!.getCell("D5");
    expect(cell.note).toBeUndefined();
    expect(cell.fill).toBeUndefined();
    expect(cell.value).toBe(407.3);
    // The sheet changed under the journal: undo restores cells (the person's 407.3 was not ours, it stays).
    const back = await bookOf(undoPackage(openXlsx(again, "x.xlsx")).bytes);
    expect(back.getWorksheet("核查结果")).toBeUndefined();
    expect(back.getWorksheet("附件2")!.getCell("I15").value).toBeNull();
    expect(back.getWorksheet("附件2")!.getCell("I15").note).toBeUndefined();
  });
});
