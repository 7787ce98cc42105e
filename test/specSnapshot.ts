import { parseRangeA1 } from "../src/engine/address";
import type { SheetSnapshot, SnapshotCell, WorkbookSnapshot } from "../src/engine/snapshot";
import type { SpecValue, WorkbookSpec } from "../fixtures/build/spec";

/** A spec cell as an adapter would put it in a snapshot (no file in between: fast enough for property tests). */
export function specCell(v: SpecValue): SnapshotCell | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object") return { value: v };
  if ("formula" in v) return { value: v.result ?? null, formula: v.formula };
  if ("error" in v) return { value: null, error: v.error };
  if ("date" in v) return { value: new Date(v.date).getTime() / 86400000 + 25569, date: true };
  if ("richText" in v) return { value: v.richText.join("") };
  return { value: v.text };
}

export function specSnapshot(spec: WorkbookSpec): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = spec.sheets.map((s) => ({
    name: s.name,
    top: 0,
    left: 0,
    cells: s.rows.map((row) => row.map(specCell)),
    merges: s.merges.map((m) => parseRangeA1(m)!),
    visibility: s.state ?? "visible",
    protected: !!s.protect,
  }));
  return { sheets };
}
