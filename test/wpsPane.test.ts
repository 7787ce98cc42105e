import { loadSettings } from "../src/adapters/office/settings";
import { AddinError } from "../src/adapters/office/officeApi";
import { checkWorkbook } from "../src/engine/check";
import { clearMarks, checkOnly, openWorkbook, recalculate, saveSettings, select, undo, type JournalHome } from "../src/adapters/wps";
import { applyPlanEt } from "../src/adapters/wps/applyPlan";
import { readWorkbookEt } from "../src/adapters/wps/readWorkbook";
import { etApplicationOf } from "../src/adapters/wps/app";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { ExcelHost } from "../src/testing/excelHost/host";
import type { EtHostOptions } from "../src/testing/etHost/host";
import { DEFAULT_QUIRKS, QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";
import { check } from "./helpers";
import { apiOf } from "./officeHelpers";
import { openInEt, seen } from "./wpsHelpers";

/** What undo must give back: every sheet and part as it was (where the clerk looks and what is selected aside). */
const content = (d: HostDocument) => ({ sheets: d.sheets, customXmlParts: d.customXmlParts.map((p) => p.xml) });

/** The pane's behaviours on the ET host, under one outcome of every unconfirmed WPS behaviour. */
function paneSuite(quirks: Partial<EtQuirks>, journalHome: JournalHome) {
  const open = (name: string, options: EtHostOptions = {}) => openInEt(name, { ...options, quirks });

  it("一键核算 gives the command line's figures, findings and changes, and leaves WPS as it found it", async () => {
    const et = await open("seed");
    const { report } = await recalculate(et.root, { journalHome });
    const cli = await check("seed");
    expect(report.computed).toEqual(cli.computed);
    expect(report.findings).toEqual(cli.findings);
    expect(report.plan.writes).toEqual(cli.plan.writes);
    expect(et.stateRestored).toBe(true);
    expect(et.prompts).toBe(0);
    // The clerk stays on the sheet they had open (Worksheets.Add activates the new sheet).
    expect(et.doc.activeSheet).toBe("附件1");
  });

  it("a second click changes nothing", async () => {
    const et = await open("seed-complete-no-total");
    await recalculate(et.root, { journalHome });
    const once = seen(et.doc, "characters");
    const { report } = await recalculate(et.root, { journalHome });
    expect(report.plan.writes).toEqual([]);
    expect(seen(et.doc, "characters")).toEqual(once);
  });

  it("「撤销本次修改」 gives back every cell exactly, even after a second check", async () => {
    const et = await open("seed");
    const before = cloneDocument(et.doc);
    await recalculate(et.root, { journalHome });
    await recalculate(et.root, { journalHome });
    const out = await undo(et.root);
    expect(out.undone).toBe(true);
    expect(out.kept).toEqual([]);
    expect(content(et.doc)).toEqual(content(before));
    expect((await undo(et.root)).undone).toBe(false);
    expect(et.stateRestored).toBe(true);
    expect(et.prompts).toBe(0);
  });

  it("undo keeps a figure a person typed over our formula, and says so", async () => {
    const et = await open("seed-complete-no-total");
    await recalculate(et.root, { journalHome });
    et.edit("附件2", { H34: 90 });
    const out = await undo(et.root);
    expect(out.kept.map((k) => `${k.sheet}!${k.cell}`)).toContain("附件2!H34");
    expect(et.sheet("附件2").cells.H34).toMatchObject({ value: 90 });
    expect(et.sheet("附件2").cells.H34.formula).toBeUndefined();
  });

  it("「清除标记」 removes fills and our notes, keeps the values", async () => {
    const et = await open("seed");
    await recalculate(et.root, { journalHome });
    expect((await clearMarks(et.root, { journalHome })).cells).toBeGreaterThan(0);
    const s2 = et.sheet("附件2");
    expect(s2.cells.I15).toEqual({ value: "【待说明】" });
    expect(s2.cells.D5).toBeUndefined();
    // And undo still takes back the values.
    expect((await undo(et.root)).undone).toBe(true);
    expect(et.sheet("附件2").cells.I15).toBeUndefined();
  });

  it("leaves a person's notes alone: their sheet gets fills only", async () => {
    const et = await open("seed");
    et.sheet("附件2").cells.A3.note = "审核人批注";
    const { outcome } = await recalculate(et.root, { journalHome });
    const s2 = et.sheet("附件2");
    expect(outcome.notesSkipped).toEqual(["附件2"]);
    expect(s2.cells.A3.note).toBe("审核人批注");
    expect(s2.cells.D5.note).toBeUndefined();
    expect(s2.cells.D5.fill).toBe("#FFC7CE");
    await undo(et.root);
    expect(et.sheet("附件2").cells.A3.note).toBe("审核人批注");
  });

  it("a note of ours a reviewer edited is kept by the next check and by undo", async () => {
    const et = await open("seed");
    await recalculate(et.root, { journalHome });
    const d5 = et.sheet("附件2").cells.D5;
    d5.note = `${d5.note}\n审核：请补填`;
    const { outcome } = await recalculate(et.root, { journalHome });
    expect(outcome.notesKept).toContain("附件2!D5");
    await undo(et.root);
    expect(et.sheet("附件2").cells.D5.note).toContain("审核：请补填");
  });

  it("refuses, before writing anything, a plan that touches a protected sheet", async () => {
    const et = await open("seed");
    const app = etApplicationOf(et.root);
    const read = readWorkbookEt(app);
    const plan = checkWorkbook(read.snapshot).plan;
    read.snapshot.sheets.find((s) => s.name === "附件2")!.protected = true;
    const before = cloneDocument(et.doc);
    et.resetCounters();
    expect(() => applyPlanEt(app, plan, read, { journalHome })).toThrow(expect.objectContaining({ code: "protected", zh: expect.stringContaining("附件2") }));
    expect(et.writes).toBe(0);
    expect(et.doc).toEqual(before);
  });

  it("a protected sheet in WPS is reported, and nothing is written on it", async () => {
    const et = await open("seed");
    et.sheet("附件2").protected = true;
    const before = cloneDocument(et.doc).sheets.find((s) => s.name === "附件2");
    const { report } = await recalculate(et.root, { journalHome });
    expect(report.findings.find((f) => f.rule === "sheet-protected")?.sheet).toBe("附件2");
    expect(et.sheet("附件2")).toEqual(before);
  });

  it.each(["refuse", "allow"] as const)("a read-only workbook (WPS %ss edits) is refused with a clear message, nothing written", async (readOnly) => {
    const et = await open("seed", { readOnly });
    const before = cloneDocument(et.doc);
    const e = await recalculate(et.root, { journalHome }).catch((x) => x);
    expect(e).toBeInstanceOf(AddinError);
    expect(e.code).toBe("read-only");
    expect(e.zh).toContain("只读");
    expect(et.doc).toEqual(before);
    expect(et.stateRestored).toBe(true);
  });

  it("a failure midway restores screen updating, events and calculation, and 撤销 takes back what was written", async () => {
    const et = await open("seed");
    const before = cloneDocument(et.doc);
    et.failWriteAt = 20;
    await expect(recalculate(et.root, { journalHome })).rejects.toBeInstanceOf(AddinError);
    expect(et.stateRestored).toBe(true);
    expect(et.writes).toBeGreaterThan(0);
    expect((await undo(et.root)).undone).toBe(true);
    expect(content(et.doc)).toEqual(content(before));
    expect(et.stateRestored).toBe(true);
  });

  it("「只检查」 writes nothing", async () => {
    const et = await open("seed");
    const before = cloneDocument(et.doc);
    const { report } = await checkOnly(et.root);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(et.writes).toBe(0);
    expect(et.doc).toEqual(before);
  });

  it("a workbook without forms gets the no-tables message, nothing written", async () => {
    const et = await open("neither-table");
    await expect(recalculate(et.root, { journalHome })).rejects.toMatchObject({ code: "no-tables" });
    expect(et.writes).toBe(0);
  });

  it("profiles: the choice is stored in the workbook as Excel stores it, and used by the next click", async () => {
    const et = await open("seed");
    expect((await openWorkbook(et.root)).settings.profile).toBe("seed");
    await saveSettings(et.root, { profile: "national", autoCheck: true });
    expect((await openWorkbook(et.root)).settings).toEqual({ profile: "national", autoCheck: true });
    // Excel reads the same choice from the same workbook.
    expect(await loadSettings(apiOf(new ExcelHost(cloneDocument(et.doc))))).toEqual({ profile: "national", autoCheck: true });
    const { profile } = await recalculate(et.root, { journalHome });
    expect(profile.id).toBe("national");
    // Saved twice: still one part.
    await saveSettings(et.root, { profile: "seed", autoCheck: false });
    expect(et.doc.customXmlParts.filter((p) => p.xml.includes("settings")).length).toBe(1);
  });

  it("selecting a finding shows its sheet and selects its cell, changing nothing", async () => {
    const et = await open("seed");
    const { report } = await recalculate(et.root, { journalHome });
    const f = report.findings.find((x) => x.sheet === "附件2")!;
    const before = seen(et.doc, "characters");
    await select(et.root, f.sheet, f.cell);
    expect(et.doc.activeSheet).toBe("附件2");
    expect(et.doc.selection).toEqual({ sheet: "附件2", address: f.cell });
    expect(seen(et.doc, "characters")).toEqual(before);
  });

  it("selecting a finding on a sheet hidden since gives a clear message", async () => {
    const et = await open("seed");
    et.sheet("附件2").visibility = "Hidden";
    await expect(select(et.root, "附件2", "D5")).rejects.toMatchObject({ zh: expect.stringContaining("附件2!D5") });
  });

  it("the journal survives the clerk saving and reopening in WPS (where the journal lives decides)", async () => {
    const et = await open("seed");
    const before = cloneDocument(et.doc);
    await recalculate(et.root, { journalHome });
    et.saveAndReopen();
    const lost = journalHome === "part" && !et.quirks.customXmlSurvivesSave;
    const out = await undo(et.root);
    expect(out.undone).toBe(!lost);
    if (!lost) expect(content(et.doc).sheets).toEqual(content(before).sheets);
  });

  it("no Et or Application.Enum globals exist at run time (numeric literals only)", () => {
    expect((globalThis as Record<string, unknown>).Et).toBeUndefined();
    expect((globalThis as Record<string, unknown>).Application).toBeUndefined();
  });
}

describe.each([["WPS as VBA documents it", {}] as [string, Partial<EtQuirks>], ...QUIRK_VARIANTS])("ET pane behaviours, %s", (_name, quirks) => {
  describe.each(["part", "sheet"] as const)("journal in the %s", (journalHome) => paneSuite(quirks, journalHome));
});

it("the quirk matrix covers every flag's other outcome", () => {
  const flags = new Set(QUIRK_VARIANTS.flatMap(([, q]) => Object.keys(q)));
  expect([...flags].sort()).toEqual(Object.keys(DEFAULT_QUIRKS).sort());
});
