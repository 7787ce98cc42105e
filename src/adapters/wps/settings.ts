import type { WorkbookShape } from "../office/readWorkbook";
import { settingsFromXml, settingsToXml, SETTINGS_NS, type AddinSettings } from "../office/settings";
import { countOf, etApplicationOf, sheetItem } from "./app";
import type { EtHostRef } from "./recalculate";
import { readParts } from "./readWorkbook";
import { withSpeed } from "./session";

/**
 * The profile and 自动核查 live in the workbook as Excel keeps them: the
 * settings custom XML part (src/adapters/office/settings.ts), so a choice
 * made in one host carries over to the other. ET has no setter of a part's
 * text [E]: the old part goes and the new one comes.
 */
export async function saveSettings(host: EtHostRef, s: AddinSettings): Promise<void> {
  const app = etApplicationOf(host);
  withSpeed(app, () => {
    const parts = app.ActiveWorkbook.CustomXMLParts;
    const mine = parts.SelectByNamespace(SETTINGS_NS);
    for (let n = countOf(mine); n >= 1; n--) mine.Item(n).Delete();
    parts.Add(settingsToXml(s));
  });
}

/** What the pane learns when it opens: the sheets and the stored settings (no cells read). */
export async function openWorkbook(host: EtHostRef): Promise<{ shape: WorkbookShape; settings: AddinSettings }> {
  const app = etApplicationOf(host);
  return withSpeed(app, () => {
    const wb = app.ActiveWorkbook;
    const { journalXml, settingsXml } = readParts(wb);
    const sheets = wb.Worksheets;
    const names: string[] = [];
    for (let i = 1, n = countOf(sheets); i <= n; i++) names.push(sheetItem(sheets, i).Name);
    return {
      shape: { sheets: names.map((name) => ({ name, area: null })), journal: !!journalXml, settings: !!settingsXml, journalNotes: [] },
      settings: settingsFromXml(settingsXml),
    };
  });
}
