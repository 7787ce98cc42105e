// What the pane (and the ribbon) call in WPS 表格: the Office adapter's counterparts, with the same result types.
export { checkOnly, recalculate, type EtHostRef, type EtRecalculateOptions } from "./recalculate";
export { clearMarks, select, undo } from "./undo";
export { openWorkbook, saveSettings } from "./settings";
export { DEFAULT_JOURNAL_HOME, type JournalHome } from "./applyPlan";
export { etApplicationOf } from "./app";
