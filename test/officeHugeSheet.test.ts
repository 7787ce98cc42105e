import { AddinError } from "../src/adapters/office/officeApi";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import { undoInExcel } from "../src/adapters/office/undo";
import { cloneDocument } from "../src/testing/excelHost/document";
import { check } from "./helpers";
import { openInHost, paneShape } from "./officeHelpers";

/** Issue 20 point 7: one huge unrelated sheet (a ledger) does not refuse the whole workbook in Excel. */

async function seedWithLedger() {
  const opened = await openInHost("seed");
  // A ledger of its own, with a value at the sheet's last cell: 171.8 亿 cells of used range.
  opened.host.doc.sheets.push({ name: "台账", visibility: "Visible", protected: false, cells: { A1: { value: "资产台账" }, B2: { value: 12 }, XFD1048576: { value: "末尾" } }, merges: [] });
  return opened;
}

describe("a huge unrelated sheet", () => {
  it("只检查 skips it, names it in Chinese, and checks the rest, with the pane's shape and without", async () => {
    const { host, api } = await seedWithLedger();
    const expected = (await check("seed")).findings.map((f) => [f.rule, f.sheet, f.cell]);
    const shape = await paneShape(host, api);
    for (const known of [{ shape }, {}]) {
      const r = await checkOnly(api, known);
      expect(r.report.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual(expected);
      expect(r.skippedSheets).toEqual([{ sheet: "台账", zh: expect.stringContaining("工作表“台账”"), en: expect.stringContaining("台账") }]);
      expect(r.skippedSheets![0].zh).toContain("本次未检查该表");
    }
    expect(host.writes).toBe(0);
  });

  it("一键核算 checks the rest and leaves the ledger alone; 撤销 restores the workbook", async () => {
    const { host, api } = await seedWithLedger();
    const before = cloneDocument(host.doc);
    const r = await recalculate(api);
    expect(r.skippedSheets!.map((s) => s.sheet)).toEqual(["台账"]);
    expect(r.report.plan.writes.length).toBeGreaterThan(0);
    expect(host.doc.sheets.find((s) => s.name === "台账")).toEqual(before.sheets.find((s) => s.name === "台账"));
    expect((await undoInExcel(api)).undone).toBe(true);
    expect(host.doc.sheets.map((s) => [s.name, s.cells])).toEqual(before.sheets.map((s) => [s.name, s.cells]));
  });

  it("a form's own sheet with a value typed far away is still refused, with where to look (Ctrl+End)", async () => {
    const { host, api } = await openInHost("seed");
    host.doc.sheets.find((s) => s.name === "附件2")!.cells.XFD1048576 = { value: "误填" };
    const e = await checkOnly(api).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AddinError);
    expect((e as AddinError).zh).toContain("工作表“附件2”的已用区域 A1:XFD1048576");
    expect((e as AddinError).zh).toContain("Ctrl+End");
  });
});
