import { withBlankRows, withCells } from "../fixtures/build/edit";
import { seedBasicData, seedSelfEvaluation } from "../fixtures/build/seedForm";
import type { SheetSpec, SpecValue, WorkbookSpec } from "../fixtures/build/spec";

/**
 * A workbook about 50 times the seed: 500 indicator rows, 50 completed
 * buildings, and 20 unrelated sheets of figures — to show that the add-in's
 * sync count does not grow with the workbook.
 */
export function largeWorkbook(scale = 50): WorkbookSpec {
  const indicatorRows = 10 * scale - 10;
  let self = withBlankRows(seedSelfEvaluation(), 24, indicatorRows);
  const cells: Record<string, SpecValue> = { D5: 407.3 };
  for (let i = 0; i < indicatorRows; i++) {
    const r = 24 + i;
    Object.assign(cells, { [`D${r}`]: `成本指标 ${i + 1}`, [`E${r}`]: 1000 + i, [`G${r}`]: 0.1, [`H${r}`]: 0.1 });
  }
  self = withCells(self, cells);
  let basic = withBlankRows(seedBasicData(), 26, scale);
  const b: Record<string, SpecValue> = {};
  for (let i = 0; i < scale; i++) {
    const r = 25 + i;
    Object.assign(b, { [`A${r}`]: `项目 ${i + 1}`, [`B${r}`]: 1000 + i, [`C${r}`]: 990 + i, [`E${r}`]: 500, [`F${r}`]: 480 + (i % 40) });
  }
  basic = withCells(basic, b);
  const extra: SheetSpec[] = Array.from({ length: 20 }, (_, k) => ({
    name: `明细${k + 1}`,
    rows: Array.from({ length: 100 }, (_, r) => Array.from({ length: 20 }, (_, c) => (r === 0 ? `列${c + 1}` : (r * 31 + c * 7 + k) % 997))),
    merges: [],
  }));
  return { sheets: [basic, self, ...extra] };
}
