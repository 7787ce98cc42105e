import { recalculate as officeRecalculate } from "../src/adapters/office/recalculate";
import { recalculate, undo } from "../src/adapters/wps";
import { cloneDocument } from "../src/testing/excelHost/document";
import { QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";
import { openInHost } from "./officeHelpers";
import { openInEt, seen } from "./wpsHelpers";

/** Fixtures with errors, dates, merges across tiles, several forms, hidden and protected sheets. */
const NAMES = ["seed", "seed-complete-no-total", "unreadable-values", "messy-values", "buildings", "dept-plus-projects", "hidden-sheets", "protected-sheet", "rich-values", "layout-one-sheet"];

describe.each(QUIRK_VARIANTS)("parity with Excel when WPS gives %s", (_name, quirks: Partial<EtQuirks>) => {
  it.each(NAMES)("%s: same report, plan and workbook; undo gives everything back", async (name) => {
    const { host: excel, api } = await openInHost(name);
    const et = await openInEt(name, { quirks });
    const before = cloneDocument(et.doc);
    const a = await officeRecalculate(api);
    const b = await recalculate(et.root, { journalHome: "part" });
    expect(b.report.findings).toEqual(a.report.findings);
    expect(b.report.plan).toEqual(a.report.plan);
    expect(seen(et.doc, "characters")).toEqual(seen(excel.doc, "points"));
    expect((await undo(et.root)).undone).toBe(true);
    expect(et.doc.sheets).toEqual(before.sheets);
    expect(et.stateRestored).toBe(true);
  });
});
