import * as fs from "fs";
import { openXlsx, undoPackage, checkXlsx } from "../src/adapters/xlsx";
import { recalculate as officeRecalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { recalculate, undo, type JournalHome } from "../src/adapters/wps";
import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { documentFromXlsx } from "../src/testing/excelHost/fromXlsx";
import { ExcelHost } from "../src/testing/excelHost/host";
import { EtHost } from "../src/testing/etHost/host";
import { QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";
import { documentToXlsx } from "../src/testing/etHost/toXlsx";
import { fixture } from "./helpers";
import { apiOf } from "./officeHelpers";

/** What a clerk sees after reopening: each sheet's name, visibility and cells (read back through ExcelJS). */
const cellsOf = (d: HostDocument) => d.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: s.cells }));

/** A document as it reads after a save as .xlsx: the baseline every undo must come back to. */
const saved = (d: HostDocument) => documentFromXlsx(documentToXlsx(d));

const NAMES = ["seed", "seed-complete-no-total", "buildings", "layout-one-sheet", "dept-plus-projects"];

/** A build that honours ranges of several areas, and each that does not (quirks.ts): WPS's writes and undo must not differ. */
const BUILDS: [string, Partial<EtQuirks>][] = [["multi-area ranges as in Excel", {}], ...QUIRK_VARIANTS.filter(([, q]) => Object.keys(q).some((k) => k.startsWith("union")))];

describe.each(BUILDS)("%s", (_build, quirks) => {
  describe.each(["part", "sheet"] as const)("cross-host undo, journal written by WPS in the %s", (journalHome: JournalHome) => {
    it.each(NAMES)("%s: checked in WPS, saved as .xlsx, undone by the command line", async (name) => {
      const original = await documentFromXlsx(fs.readFileSync(fixture(name)));
      const et = new EtHost(cloneDocument(original), { quirks });
      await recalculate(et.root, { journalHome });
      const out = undoPackage(openXlsx(documentToXlsx(et.doc), `${name}.xlsx`));
      expect(out.undone).toBe(true);
      expect(out.kept).toEqual([]);
      expect(cellsOf(await documentFromXlsx(out.bytes))).toEqual(cellsOf(await saved(original)));
    });

    it.each(NAMES)("%s: checked in WPS, saved as .xlsx, undone in Excel", async (name) => {
      const original = await documentFromXlsx(fs.readFileSync(fixture(name)));
      const et = new EtHost(cloneDocument(original), { quirks });
      await recalculate(et.root, { journalHome });
      const excel = new ExcelHost(await documentFromXlsx(documentToXlsx(et.doc)));
      const out = await undoInExcel(apiOf(excel));
      expect(out.undone).toBe(true);
      expect(out.kept).toEqual([]);
      expect(cellsOf(await saved(excel.doc))).toEqual(cellsOf(await saved(original)));
    });
  });

  describe("cross-host undo, journal written elsewhere, undone in WPS", () => {
    it.each(NAMES)("%s: checked by the command line, undone in WPS", async (name) => {
      const bytes = new Uint8Array(fs.readFileSync(fixture(name)));
      const checked = checkXlsx(bytes, `${name}.xlsx`).write();
      const et = new EtHost(await documentFromXlsx(checked), { quirks });
      const out = await undo(et.root);
      expect(out.undone).toBe(true);
      expect(out.kept).toEqual([]);
      expect(cellsOf(await saved(et.doc))).toEqual(cellsOf(await saved(await documentFromXlsx(bytes))));
      expect(et.stateRestored).toBe(true);
    });

    it.each(NAMES)("%s: checked in Excel, saved as .xlsx, undone in WPS", async (name) => {
      const original = await documentFromXlsx(fs.readFileSync(fixture(name)));
      const excel = new ExcelHost(cloneDocument(original));
      await officeRecalculate(apiOf(excel));
      const et = new EtHost(await documentFromXlsx(documentToXlsx(excel.doc)), { quirks });
      const out = await undo(et.root);
      expect(out.undone).toBe(true);
      expect(out.kept).toEqual([]);
      expect(cellsOf(await saved(et.doc))).toEqual(cellsOf(await saved(original)));
    });

    it("seed: checked in WPS, re-checked by the command line, undone in WPS: the person's original comes back", async () => {
      const original = await documentFromXlsx(fs.readFileSync(fixture("seed")));
      const et = new EtHost(cloneDocument(original), { quirks });
      await recalculate(et.root, { journalHome: "sheet" });
      const again = checkXlsx(documentToXlsx(et.doc), "seed.xlsx").write();
      const et2 = new EtHost(await documentFromXlsx(again), { quirks });
      expect((await undo(et2.root)).undone).toBe(true);
      expect(cellsOf(await saved(et2.doc))).toEqual(cellsOf(await saved(original)));
    });
  });
});
