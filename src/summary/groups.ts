import type { Finding } from "../engine/findings";
import { groupFindings, type FindingGroup } from "../engine/findingGroups";
import { ruleNameZh } from "../engine/ruleNames";
import type { FindingRow } from "./submission";

/** A group of findings (contract C) as the page shows it: with its Chinese rule name. */
export type FindingRowGroup = Omit<FindingGroup, "findings"> & { ruleName: string; findings: FindingRow[] };

/** The same problem repeated down a column, shown once over its range (contract C's grouping). */
export function groupFindingRows(rows: FindingRow[]): FindingRowGroup[] {
  // groupFindings reads only severity, rule, sheet, form, cell and message, which every row carries.
  return groupFindings(rows as unknown as Finding[]).map((g) => ({ ...g, ruleName: ruleNameZh(g.rule), findings: g.findings as unknown as FindingRow[] }));
}
