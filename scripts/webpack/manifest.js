/* eslint-disable no-undef */
// manifest.xml as shipped: the development address replaced by where the add-in is hosted,
// and <Version> taken from package.json (Office installs an update when Version changes:
// https://learn.microsoft.com/office/dev/add-ins/develop/xml-manifest-overview).
const DEV_URL = "https://localhost:3000/";

/** "0.2.0" → "0.2.0.0": the manifest wants four numeric parts. */
function manifestVersion(packageVersion) {
  const parts = String(packageVersion).split(/[.+-]/).slice(0, 3);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) throw new Error(`package.json version "${packageVersion}" is not x.y.z`);
  return [...parts, "0"].join(".");
}

/** @param {string} xml @param {{ baseUrl: string, version: string }} o  baseUrl ends with "/" */
function rewriteManifest(xml, { baseUrl, version }) {
  return xml.split(DEV_URL).join(baseUrl).replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
}

module.exports = { DEV_URL, manifestVersion, rewriteManifest };
