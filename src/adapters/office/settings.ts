import { PROFILES } from "../../engine/profile";
import { has, type OfficeApi } from "./officeApi";

/**
 * Add-in settings kept in the workbook itself (a custom XML part), so a
 * reviewer's choice of rule profile travels with the file.
 */
export const SETTINGS_NS = "urn:jixiao-zipin:settings:1";

export interface AddinSettings {
  /** A built-in profile id (seed, national). */
  profile: string;
  /** 自动核查: re-check (read only) after edits inside the tables. Off unless turned on. */
  autoCheck: boolean;
}

export const DEFAULT_SETTINGS: AddinSettings = { profile: "seed", autoCheck: false };

export function settingsToXml(s: AddinSettings): string {
  return `<settings xmlns="${SETTINGS_NS}"><profile>${s.profile.replace(/[^a-z0-9-]/gi, "")}</profile><autoCheck>${s.autoCheck ? "true" : "false"}</autoCheck></settings>`;
}

export function settingsFromXml(xml: string | null): AddinSettings {
  const id = xml ? /<profile>([a-z0-9-]+)<\/profile>/i.exec(xml)?.[1] : undefined;
  const auto = xml ? /<autoCheck>true<\/autoCheck>/.test(xml) : false;
  return { profile: id && PROFILES[id] ? id : DEFAULT_SETTINGS.profile, autoCheck: auto };
}

/** Save the settings into the workbook (one batch to learn whether the part exists, one to write). */
export async function saveSettings(api: OfficeApi, s: AddinSettings): Promise<void> {
  if (!has(api, "customXml")) return;
  await api.run(null, async (context) => {
    // Count first: nothing is ever called on a null object.
    const count = context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getCount();
    await context.sync();
    if (count.value === 0) context.workbook.customXmlParts.add(settingsToXml(s));
    else context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItem().setXml(settingsToXml(s));
    await context.sync();
  });
}

/** Read the settings stored in the workbook (defaults when there are none). */
export async function loadSettings(api: OfficeApi): Promise<AddinSettings> {
  if (!has(api, "customXml")) return DEFAULT_SETTINGS;
  return api.run(null, async (context) => {
    // Count first: nothing is ever called on a null object.
    const count = context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getCount();
    await context.sync();
    if (count.value !== 1) return DEFAULT_SETTINGS;
    const xml = context.workbook.customXmlParts.getByNamespace(SETTINGS_NS).getOnlyItem().getXml();
    await context.sync();
    return settingsFromXml(xml.value);
  });
}
