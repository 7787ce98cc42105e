import { mergeJournal, type Journal, type JournalCell } from "../src/engine/journal";
import { noteHash } from "../src/engine/noteHash";
import { MARK_FILL } from "../src/engine/plan";
import { planUndo, type CurrentCell, type CurrentSheet } from "../src/engine/undo/plan";
import { undoLines } from "../src/engine/undo/messages";
import { droppedLines, rebaseJournal } from "../src/engine/undo/rebase";
import { locateJournal } from "../src/engine/undo/plan";

/**
 * The engine's undo decision on plain data: a journal and the cells as a host
 * read them now, an undo plan out. Hosts only read and apply it (their tests:
 * xlsxUndo.test.ts, officeUndo.test.ts).
 */
const RED = MARK_FILL.error;
const NOTE = "【错误】合计不等于各项之和";

/** A journal of one check on 附件2: a formula in H34, a value in C5, a mark (fill + note) on D5. */
function journalV2(): Journal {
  const captured: JournalCell[] = [
    { sheet: "附件2", cell: "H34", value: 5, formula: null, numFmt: null, fill: null, note: null, touched: "value" },
    { sheet: "附件2", cell: "C5", value: null, formula: null, numFmt: null, fill: null, note: null, touched: "value" },
    { sheet: "附件2", cell: "D5", value: 12, formula: null, numFmt: null, fill: null, note: null, touched: "mark" },
    { sheet: "附件2", cell: "E7", value: "说明", formula: null, numFmt: null, fill: "FF00B0F0", note: null, touched: "mark" },
  ];
  const wrote = new Map([
    ["附件2\u0000H34", { value: null, formula: "ROUND(H5+SUM(H14:H32),2)", numFmt: "0.00" }],
    ["附件2\u0000C5", { value: "优", formula: null }],
    ["附件2\u0000D5", { fill: RED, noteHash: noteHash(NOTE) }],
    ["附件2\u0000E7", { fill: MARK_FILL.warning, noteHash: null }],
  ]);
  return mergeJournal(null, { captured, wrote, written: [{ sheet: "附件2", cell: "C5", value: "优" }], createdSheets: ["核查结果"], sheets: [{ name: "附件2", id: "{S2}" }] });
}

const cell = (c: Partial<CurrentCell>): CurrentCell => ({ value: null, formula: null, numFmt: null, fill: null, note: null, ...c });

/** 附件2 as the check left it, rows moved down by `down`; formulas rewritten as Excel does when `excelShifts`. */
function checked(down = 0, excelShifts = true): Record<string, CurrentCell> {
  const r = (n: number) => n + down;
  const f = excelShifts ? `ROUND(H${r(5)}+SUM(H${r(14)}:H${r(32)}),2)` : "ROUND(H5+SUM(H14:H32),2)";
  return {
    [`A${r(1)}`]: cell({ value: "部门整体支出绩效自评表" }),
    [`H${r(34)}`]: cell({ value: 5.5, formula: f, numFmt: "0.00" }),
    [`C${r(5)}`]: cell({ value: "优" }),
    [`D${r(5)}`]: cell({ value: 12, fill: RED, note: NOTE }),
    [`E${r(7)}`]: cell({ value: "说明", fill: MARK_FILL.warning }),
  };
}

const sheet = (cells: Record<string, CurrentCell>, name = "附件2", id?: string): CurrentSheet => ({ name, ...(id ? { id } : {}), cells });
const withSheets = (...sheets: CurrentSheet[]) => ({ sheets: [...sheets, sheet({}, "核查结果")] });
const restoredAt = (p: ReturnType<typeof planUndo>) => p.restore.map((r) => r.cell).sort();

describe("the undo plan (engine)", () => {
  it("an untouched checked sheet: every cell restored in place, the results sheet removed", () => {
    const p = planUndo(journalV2(), withSheets(sheet(checked())));
    expect(restoredAt(p)).toEqual(["C5", "D5", "E7", "H34"]);
    expect(p.kept).toEqual([]);
    expect(p.removeSheets).toEqual(["核查结果"]);
    const h34 = p.restore.find((r) => r.cell === "H34")!;
    expect(h34.value).toEqual({ value: 5, formula: null, numFmt: null });
    expect(p.restore.find((r) => r.cell === "D5")).toMatchObject({ fill: { fill: null }, note: { text: null } });
    expect(p.restore.find((r) => r.cell === "E7")).toMatchObject({ fill: { fill: "FF00B0F0" } });
  });

  it("a figure typed over our formula is kept and listed; the rest is restored", () => {
    const now = checked();
    now.H34 = cell({ value: 6, numFmt: "0.00" });
    const p = planUndo(journalV2(), withSheets(sheet(now)));
    expect(restoredAt(p)).toEqual(["C5", "D5", "E7"]);
    expect(p.kept).toEqual([{ sheet: "附件2", cell: "H34", why: "已被修改，保留现值", reason: "value" }]);
    expect(undoLines(p)).toEqual(["附件2!H34 已被修改，保留现值"]);
  });

  it("a reviewer's line added to our note keeps the note; a recoloured mark keeps its colour; each part on its own", () => {
    const now = checked();
    now.D5 = cell({ value: 12, fill: RED, note: `${NOTE}\n复核：已与财政局核对` });
    now.E7 = cell({ value: "说明", fill: "FF92D050" });
    const p = planUndo(journalV2(), withSheets(sheet(now)));
    expect(p.kept.map((k) => [k.cell, k.reason])).toEqual([["D5", "note"], ["E7", "fill"]]);
    // D5's fill is still ours: it comes back; the note stays.
    expect(p.restore.find((r) => r.cell === "D5")).toMatchObject({ fill: { fill: null } });
    expect(p.restore.find((r) => r.cell === "D5")!.note).toBeUndefined();
  });

  it("a row inserted above the form: undo applies one row down, Excel's moved references included; the person's cell at a journaled address is not touched", () => {
    const now = checked(1);
    // The person's explanation now sits at C5, one of the journaled addresses.
    now.C5 = cell({ value: "已说明：疫情影响" });
    const p = planUndo(journalV2(), withSheets(sheet(now)));
    expect(p.located[0]).toMatchObject({ sheet: "附件2", rows: 1, cols: 0, status: "found" });
    expect(restoredAt(p)).toEqual(["C6", "D6", "E8", "H35"]);
    expect(p.kept).toEqual([]);
    expect(undoLines(p)).toEqual(["工作表“附件2”的表格已下移 1 行，已按新位置撤销"]);
  });

  it("a row inserted by a program that does not rewrite formulas (openpyxl): the formula is found unmoved, the original put back unmoved", () => {
    const j = journalV2();
    j.cells.find((c) => c.cell === "H34")!.formula = "SUM(H14:H32)";
    const p = planUndo(j, withSheets(sheet(checked(2, false))));
    expect(p.located[0]).toMatchObject({ rows: 2, status: "found" });
    expect(p.restore.find((r) => r.cell === "H36")!.value!.formula).toBe("SUM(H14:H32)");
    const moved = planUndo(j, withSheets(sheet(checked(2, true))));
    expect(moved.restore.find((r) => r.cell === "H36")!.value!.formula).toBe("SUM(H16:H34)");
  });

  it("a row inserted inside the form (our cells at two offsets): nothing restored on that sheet, every cell listed", () => {
    const above = checked(0), below = checked(1);
    const now = { A1: above.A1, C5: above.C5, D5: above.D5, E8: below.E8, H35: { ...below.H35, formula: "ROUND(H5+SUM(H14:H33),2)" } };
    // E8 and H35 moved down, C5 and D5 did not: two offsets with two cells each.
    const j = journalV2();
    j.cells.find((c) => c.cell === "H34")!.wrote = { value: null, formula: "ROUND(H5+SUM(H14:H32),2)", numFmt: "0.00" };
    j.cells.push({ sheet: "附件2", cell: "G20", value: null, formula: null, numFmt: null, fill: null, note: null, touched: "value", wrote: { value: 0.75, formula: null } });
    (now as Record<string, CurrentCell>).G21 = cell({ value: 0.75 });
    const p = planUndo(j, withSheets(sheet(now)));
    expect(p.located[0].status).toBe("unsure");
    expect(p.restore).toEqual([]);
    expect(p.kept.map((k) => k.cell).sort()).toEqual(["C5", "D5", "E7", "G20", "H34"]);
    expect(new Set(p.kept.map((k) => k.why))).toEqual(new Set(["所在表格的行列已变动，无法确定原位置，未恢复"]));
  });

  it("a renamed sheet is found by its Worksheet.id, else by what we wrote; a deleted one's cells are listed", () => {
    const byId = planUndo(journalV2(), withSheets(sheet(checked(), "自评表", "{S2}"), sheet({}, "附件2", "{NEW}")));
    expect(byId.located[0]).toMatchObject({ sheet: "自评表", status: "found" });
    expect(byId.restore.every((r) => r.sheet === "自评表")).toBe(true);
    expect(undoLines(byId)[0]).toBe("工作表“附件2”现名“自评表”，已按新名称撤销");
    const byContent = planUndo(journalV2(), withSheets(sheet({ A1: cell({ value: "封面" }) }, "封面"), sheet(checked(), "自评表")));
    expect(byContent.located[0]).toMatchObject({ sheet: "自评表", status: "found" });
    const gone = planUndo(journalV2(), withSheets(sheet({ A1: cell({ value: "封面" }) }, "封面")));
    expect(gone.restore).toEqual([]);
    expect(gone.kept.map((k) => k.reason)).toEqual(["sheet", "sheet", "sheet", "sheet"]);
  });

  it("a version-1 journal (no record of what was written): values by `written`, formulas while a formula is there, fills by the marks' colours, notes by their lines", () => {
    const v1: Journal = {
      version: 1,
      cells: journalV2().cells.map(({ wrote: _w, ...c }) => c),
      createdSheets: ["核查结果"],
      written: [{ sheet: "附件2", cell: "C5", value: "优" }],
      notes: ["附件2!D5"],
    };
    expect(restoredAt(planUndo(v1, withSheets(sheet(checked()))))).toEqual(["C5", "D5", "E7", "H34"]);
    const now = checked();
    now.H34 = cell({ value: 6 });
    now.C5 = cell({ value: "良" });
    now.D5 = cell({ value: 12, fill: RED, note: `${NOTE}\n请复核` });
    now.E7 = cell({ value: "说明", fill: "FF92D050" });
    const p = planUndo(v1, withSheets(sheet(now)));
    expect(p.kept.map((k) => [k.cell, k.reason]).sort()).toEqual([["C5", "value"], ["D5", "note"], ["E7", "fill"], ["H34", "value"]]);
    expect(restoredAt(p)).toEqual(["D5"]);
  });

  it("a sheet whose parts the host could not read: fills unknown are kept and said so, notes unknown left alone", () => {
    const now = checked();
    for (const c of Object.values(now)) {
      delete c.fill;
      delete c.note;
    }
    const p = planUndo(journalV2(), withSheets(sheet(now)));
    expect(p.kept.map((k) => [k.cell, k.reason]).sort()).toEqual([["D5", "unread"], ["E7", "unread"]]);
    expect(restoredAt(p)).toEqual(["C5", "H34"]);
  });

  it("before a re-check, the journal moves to where its cells are now; a deleted sheet's entries are dropped with a line", () => {
    const j = journalV2();
    j.cells.push({ sheet: "附件3", cell: "B2", value: null, formula: null, numFmt: null, fill: null, note: null, touched: "mark", wrote: { fill: RED, noteHash: null } });
    const input = withSheets(sheet(checked(2), "自评表", "{S2}"));
    const r = rebaseJournal(j, locateJournal(j, input), input);
    expect(r.journal.cells.map((c) => `${c.sheet}!${c.cell}`).sort()).toEqual(["自评表!C7", "自评表!D7", "自评表!E9", "自评表!H36"]);
    expect(r.journal.written).toEqual([{ sheet: "自评表", cell: "C7", value: "优" }]);
    expect(r.keyNow("附件2!D5")).toBe("自评表!D7");
    expect(droppedLines(r.dropped)).toEqual(["工作表“附件3”已不存在，其 1 处撤销记录已删除"]);
    // Undo from the rebased journal finds everything in place.
    const p = planUndo(r.journal, input);
    expect(p.located.every((l) => l.rows === 0 && l.status === "found")).toBe(true);
    expect(p.kept).toEqual([]);
  });
});
