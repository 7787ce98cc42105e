import { excelApi } from "../adapters/office/officeApi";
import { recalculate } from "../adapters/office/recalculate";

/* global Office */

/**
 * 「一键核算」 on the Home tab: recalculate without opening the pane. The
 * results are in the workbook (highlights, notes, 「核查结果」); failures are
 * logged, and the pane shows them on its next check.
 */
async function recalculateCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await recalculate(excelApi());
  } catch (e) {
    console.error("[核算助手] recalculation from the ribbon failed:", e);
  } finally {
    event.completed();
  }
}

// The manifest's <FunctionName>recalculate</FunctionName>.
Office.actions.associate("recalculate", recalculateCommand);
