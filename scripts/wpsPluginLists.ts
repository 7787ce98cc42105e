/**
 * The two lists that tell WPS where the add-in is, for the online-mode folder at `url` (WPS
 * fetches it there at every start: docs/wps-addin.md §2, [T][B2]). Both name the add-in as its
 * manifest.xml does and give its type "et" (WPS 表格).
 * - jsplugins.xml: served beside the add-in; oem.ini's [Server] JSPluginsServer points at it
 *   (enterprise builds, [K][H][B1]).
 * - publish.xml: the file WPS keeps in each user's jsaddons folder (publish mode, what wpsjs's
 *   publish page makes WPS write); IT copies it there. `enable="enable"` is what installers
 *   write for a released add-in; `enable_dev` is wpsjs debug's (reported in practice, U).
 */
export const ADDIN_NAME = "jixiao-checker";
export const ADDIN_TYPE = "et";

const attr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** `url` ends with "/"; `version` is package.json's. */
export function jspluginsXml(url: string, version: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<jsplugins>",
    `  <jspluginonline name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${attr(url)}" version="${attr(version)}"/>`,
    "</jsplugins>",
    "",
  ].join("\n");
}

export function publishXml(url: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    "<jsplugins>",
    `  <jspluginonline name="${ADDIN_NAME}" type="${ADDIN_TYPE}" url="${attr(url)}" enable="enable" install="null"/>`,
    "</jsplugins>",
    "",
  ].join("\n");
}
