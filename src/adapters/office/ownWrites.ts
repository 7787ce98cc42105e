import { a1, parseRangeA1 } from "../../engine/address";
import type { Journal } from "../../engine/journal";
import { expectOf, valueMatches } from "../../engine/undo/expect";
import type { OfficeApi } from "./officeApi";
import { officeCell, readJournalParts } from "./readWorkbook";

/** A change Worksheet.onChanged reported: the sheet's name and the event's address ("D5", "A1:B3", "D5,F7"). */
export interface SheetChange {
  sheet: string;
  address: string;
}

/** More changed cells than this are a person's paste or fill, not worth reading back: they are checked. */
const MAX_CELLS = 2000;

/** The cells of the changes, "A1" by sheet; null when there are too many to read back. */
function cellsOf(changes: SheetChange[]): Map<string, Set<string>> | null {
  const out = new Map<string, Set<string>>();
  let n = 0;
  for (const c of changes) {
    for (const part of c.address.split(",")) {
      const r = parseRangeA1(part.replace(/^.*!/, "").replace(/\$/g, "").trim());
      if (!r) return null;
      n += (r.bottom - r.top + 1) * (r.right - r.left + 1);
      if (n > MAX_CELLS) return null;
      const set = out.get(c.sheet) ?? new Set<string>();
      for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) set.add(a1(row, col));
      out.set(c.sheet, set);
    }
  }
  return out;
}

/** Whether the journal says the add-in wrote this value or formula here (the engine's undo rule for "still ours", at no offset). */
export function holdsOurWrite(j: Journal, sheet: string, cell: string, now: { value: unknown; formula: unknown; type: string; numFmt: string }): boolean {
  const entry = j.cells.find((c) => c.sheet === sheet && c.cell === cell);
  if (!entry) return false;
  const e = expectOf(entry, j, "part").value;
  if (!e) return false; // a cell we only marked: a change of its value is a person's
  const snap = officeCell(now.value, now.formula, now.type, now.numFmt);
  const fmt = now.numFmt && now.numFmt !== "General" ? now.numFmt : null;
  return valueMatches(e, { value: snap ? (snap.error ?? snap.value) : null, formula: snap?.formula ?? null, numFmt: fmt }, 0, 0) === "same";
}

/**
 * Whether every changed cell holds what the add-in wrote there, by the journal:
 * the change was the add-in's own (another runtime's, the ribbon's 一键核算, or
 * this one's below ExcelApi 1.14, where events carry no triggerSource), and
 * 自动核查 has nothing new to look at. A cell the journal does not know, or
 * holding anything else, is a person's edit. Batches of their own: the journal's
 * parts (readJournalParts) and the changed cells.
 */
export async function onlyOurWrites(api: OfficeApi, changes: SheetChange[]): Promise<boolean> {
  const cells = cellsOf(changes);
  if (!cells || cells.size === 0) return false;
  return api.run(null, async (context) => {
    const { journal } = await readJournalParts(api, context);
    if (!journal) return false;
    const reads = [...cells].flatMap(([sheet, set]) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      return [...set].map((cell) => ({ sheet, cell, range: ws.getRange(cell).load("values,formulas,valueTypes,numberFormat") }));
    });
    await context.sync();
    return reads.every(({ sheet, cell, range }) =>
      holdsOurWrite(journal, sheet, cell, { value: range.values[0][0], formula: range.formulas[0][0], type: String(range.valueTypes[0][0]), numFmt: String(range.numberFormat[0][0]) }),
    );
  });
}
