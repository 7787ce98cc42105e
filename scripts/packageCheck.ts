import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { OfficeAddinManifest } from "office-addin-manifest";

/**
 * Offline check of a package folder (office-addin-manifest's `validate` needs Microsoft's
 * online service): the manifest parses and office-addin-manifest reads it, its Version has
 * four numeric parts, every URL in it starts with the package's address and names a file in
 * the folder, and every page's scripts are there. Returns the problems, in English (for logs).
 */
export async function checkPackage(dir: string, baseUrl: string): Promise<{ version: string; problems: string[] }> {
  const problems: string[] = [];
  const file = path.join(dir, "manifest.xml");
  const xml = await fs.readFile(file, "utf8");
  const errors: string[] = [];
  try {
    new DOMParser({ onError: (level, msg) => level !== "warning" && errors.push(msg) }).parseFromString(xml, "text/xml");
  } catch (e) {
    errors.push(String((e as Error).message));
  }
  problems.push(...errors.map((e) => `manifest.xml is not well-formed XML: ${e}`));
  const info = await OfficeAddinManifest.readManifestFile(file);
  const version = info.version ?? "";
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(version)) problems.push(`manifest Version "${version}" is not four numbers`);
  const urls = [...new Set([...xml.matchAll(/\b(?:DefaultValue|Override)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]))];
  if (urls.length === 0) problems.push("manifest.xml has no URL");
  for (const u of urls) {
    if (!u.startsWith(baseUrl)) problems.push(`${u} does not start with ${baseUrl}`);
    else if (!existsSync(path.join(dir, decodeURIComponent(new URL(u).pathname.slice(new URL(baseUrl).pathname.length))))) problems.push(`${u} names no file in the folder`);
  }
  for (const page of (await fs.readdir(dir)).filter((f) => f.endsWith(".html"))) {
    const html = await fs.readFile(path.join(dir, page), "utf8");
    for (const m of html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)) {
      if (/^https:\/\//.test(m[1])) continue;
      if (!existsSync(path.join(dir, m[1]))) problems.push(`${page} loads ${m[1]}, which is not in the folder`);
    }
  }
  return { version, problems };
}
