/**
 * The package-level .xlsx adapter: reads a workbook's parts into the engine's
 * snapshot and writes a checked copy by patching only the parts a check must
 * change. No Node API here (bytes are Uint8Array; zip through fflate), so it
 * runs in a browser or a Web Worker too; Node file access is in ./node.
 */
export { WorkbookReadError, MAX_CELL_XML_BYTES, MAX_FILE_BYTES, MAX_UNZIPPED_BYTES } from "./errors";
export { openXlsx, type XlsxPackage } from "./package";
export { readSnapshot } from "./read";
export { applyPlanToPackage } from "./apply";
export { undoPackage } from "./undo";
export { checkXlsx } from "./check";
export { fileFormula } from "./fileFormula";
