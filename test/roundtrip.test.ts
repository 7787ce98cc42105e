import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { applyPlanToWorkbook, clearMarksInWorkbook, undoWorkbook } from "../src/adapters/exceljs/applyPlan";
import { FIXTURES as SPECS } from "../fixtures/build/catalog";
import { fixture, loadBook, recheck } from "./helpers";

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

/** Save and reload: what a later session would open. */
async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "rt-")), "x.xlsx");
  await wb.xlsx.writeFile(file);
  return loadBook(file);
}

const names = Object.keys(SPECS);

describe.each(names)("round trip on %s", (name) => {
  it("keeps every cell outside the plan, is idempotent, and undoes exactly", async () => {
    const original = await loadBook(fixture(name));
    const before = dump(original);
    const report = recheck(original);
    const written = new Set(report.plan.writes.map((w) => `${w.sheet}!${w.cell}`));

    const wb1 = await loadBook(fixture(name));
    applyPlanToWorkbook(wb1, report.plan);
    const after1 = await reload(wb1);
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
    const report2 = recheck(after1);
    expect(report2.computed).toEqual(report.computed);
    expect(report2.findings.map((f) => [f.rule, f.sheet, f.cell, f.message])).toEqual(report.findings.map((f) => [f.rule, f.sheet, f.cell, f.message]));
    expect(report2.plan.writes).toEqual([]);
    applyPlanToWorkbook(after1, report2.plan);
    const after2 = await reload(after1);
    expect(dump(after2)).toEqual(a1);
    expect(after2.worksheets.map((w) => w.name)).toEqual(after1.worksheets.map((w) => w.name));

    // Undo brings back every cell, fill and note, and removes what was added.
    expect(undoWorkbook(after2)).toBe(true);
    expect(dump(await reload(after2))).toEqual(before);
  });
});

describe("「清除标记」", () => {
  it("removes fills and notes, keeps the values written", async () => {
    const wb = await loadBook(fixture("seed"));
    const report = recheck(wb);
    applyPlanToWorkbook(wb, report.plan);
    const i15 = wb.getWorksheet("附件2")!.getCell("I15");
    expect(i15.note).toContain("扣 2 分");
    expect(clearMarksInWorkbook(wb)).toBe(report.plan.marks.length);
    const again = await reload(wb);
    const cell = again.getWorksheet("附件2")!.getCell("I15");
    expect(cell.value).toBe("【待说明】");
    expect(cell.note).toBeUndefined();
    expect(cell.fill).toBeUndefined();
    // Undo afterwards still restores the values.
    expect(undoWorkbook(again)).toBe(true);
    expect(again.getWorksheet("附件2")!.getCell("I15").value).toBeNull();
  });

  it("a fixed problem loses its highlight on the next check", async () => {
    const wb = await loadBook(fixture("seed"));
    applyPlanToWorkbook(wb, recheck(wb).plan);
    expect(wb.getWorksheet("附件2")!.getCell("D5").note).toContain("全年预算数(A)未填写");
    wb.getWorksheet("附件2")!.getCell("D5").value = 407.3;
    applyPlanToWorkbook(wb, recheck(wb).plan);
    const d5 = (await reload(wb)).getWorksheet("附件2")!.getCell("D5");
    expect(d5.note).toBeUndefined();
    expect(d5.fill).toBeUndefined();
    expect(d5.value).toBe(407.3);
  });
});
