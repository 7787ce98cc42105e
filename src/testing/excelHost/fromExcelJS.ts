import type ExcelJS from "exceljs";
import { rangeA1 } from "../../engine/address";
import type { SnapshotCell } from "../../engine/snapshot";
import type { HostCell, HostDocument, HostSheet } from "./document";
import { emptyDocument } from "./document";

/** Excel's serial date (1900 system), so a date reads as the number Excel stores. */
const excelSerial = (d: Date) => d.getTime() / 86400000 + 25569;

/** An ExcelJS cell value as the engine sees it (also the tests' reference reader's). */
export function scalarOf(v: unknown): SnapshotCell {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: excelSerial(v), date: true };
  const o = v as Record<string, unknown>;
  if (typeof o.error === "string") return { value: null, error: o.error };
  if (Array.isArray(o.richText)) return { value: (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("") };
  if (typeof o.text === "string") return { value: o.text };
  if (o.text && typeof o.text === "object" && Array.isArray((o.text as { richText?: unknown[] }).richText)) {
    return { value: (o.text as { richText: { text?: string }[] }).richText.map((r) => r.text ?? "").join("") };
  }
  return { value: String(v) };
}

/** One ExcelJS cell as the engine would see it (the host is built from fixture specs written by ExcelJS). */
function snapshotCell(cell: ExcelJS.Cell): SnapshotCell | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  const o = v as Record<string, unknown>;
  if (typeof v === "object" && !(v instanceof Date) && ("formula" in o || "sharedFormula" in o)) {
    const formula = (cell.formula ?? (o.formula as string | undefined) ?? "").replace(/_xlfn\./gi, "");
    return { ...scalarOf(o.result), formula };
  }
  return scalarOf(v);
}

const VIS: Record<string, HostSheet["visibility"]> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };

/** Load an ExcelJS workbook into a host document: what Excel would show after opening the file. */
export function documentFromExcelJS(wb: ExcelJS.Workbook): HostDocument {
  const doc = emptyDocument();
  for (const ws of wb.worksheets) {
    const sheet: HostSheet = { name: ws.name, visibility: VIS[ws.state] ?? "Visible", protected: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, cells: {}, merges: [] };
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const snap = snapshotCell(cell);
        const hc: HostCell = {};
        if (snap) {
          if (snap.formula !== undefined) hc.formula = `=${snap.formula}`;
          else if (snap.error) hc.error = snap.error;
          else if (snap.value !== null) hc.value = snap.value;
          if (snap.date) hc.numberFormat = "yyyy-mm-dd";
        }
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        const argb = fill && fill.type === "pattern" && fill.pattern === "solid" ? (fill.fgColor as { argb?: string } | undefined)?.argb : undefined;
        if (argb) hc.fill = `#${argb.slice(-6).toUpperCase()}`;
        if (cell.numFmt && !hc.numberFormat) hc.numberFormat = cell.numFmt;
        const note = cell.note as unknown;
        if (note) hc.note = typeof note === "string" ? note : ((note as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join("");
        if (Object.keys(hc).length) sheet.cells[cell.address] = hc;
      }),
    );
    const merges = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges ?? {};
    sheet.merges = Object.values(merges).map(({ model: m }) => rangeA1({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
    doc.sheets.push(sheet);
  }
  doc.activeSheet = doc.sheets[0]?.name ?? null;
  return doc;
}
