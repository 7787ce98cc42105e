// What the pane calls in Excel, gathered in one lazily loaded chunk.
export { asAddinError, checkOnly, recalculate } from "../adapters/office/recalculate";
export { clearMarksInExcel, selectCellInExcel, undoInExcel } from "../adapters/office/undo";
export { saveSettings } from "../adapters/office/settings";
export { openWorkbook } from "../adapters/office/readWorkbook";
export { startAutoCheck } from "../adapters/office/autoCheck";
// (reading a report file is its own chunk: useChecker loads ./readReportInBrowser)
