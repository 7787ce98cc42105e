// What the pane calls in Excel, gathered in one lazily loaded chunk.
export { asAddinError, recalculate } from "../adapters/office/recalculate";
export { clearMarksInExcel, selectCellInExcel, undoInExcel } from "../adapters/office/undo";
export { loadSettings, saveSettings } from "../adapters/office/settings";
export { readReportInBrowser } from "./readReportInBrowser";
