import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import { ADDIN_NAME } from "./wpsPluginLists";

/** The files WPS requests from the add-in's folder, and the pane the ribbon opens. */
export const WPS_FILES = ["ribbon.xml", "manifest.xml", "index.html", "main.js", "taskpane.html"];

function parseXml(text: string, file: string, problems: string[]): Document | null {
  const errors: string[] = [];
  let doc: Document | null = null;
  try {
    doc = new DOMParser({ onError: (level, msg) => level !== "warning" && errors.push(msg) }).parseFromString(text, "text/xml") as unknown as Document;
  } catch (e) {
    errors.push(String((e as Error).message));
  }
  problems.push(...errors.map((e) => `${file} is not well-formed XML: ${e}`));
  return errors.length ? null : doc;
}

/**
 * Offline check of a WPS package folder: every file WPS loads is there, ribbon.xml starts with
 * <customUI, each page's scripts are in the folder, and jsplugins.xml and publish.xml parse,
 * name the add-in as manifest.xml does and point at the package's address. Problems in English (logs).
 */
export async function checkWpsPackage(dir: string, baseUrl: string): Promise<string[]> {
  const problems: string[] = [];
  for (const f of WPS_FILES) if (!existsSync(path.join(dir, f))) problems.push(`${f} is missing`);
  if (problems.length) return problems;
  if (!(await fs.readFile(path.join(dir, "ribbon.xml"), "utf8")).startsWith("<customUI")) problems.push("ribbon.xml does not start with <customUI");
  const manifest = parseXml(await fs.readFile(path.join(dir, "manifest.xml"), "utf8"), "manifest.xml", problems);
  const name = manifest?.getElementsByTagName("Name")[0]?.textContent;
  if (manifest && name !== ADDIN_NAME) problems.push(`manifest.xml names "${name}", the lists "${ADDIN_NAME}"`);
  for (const page of ["index.html", "taskpane.html"]) {
    const html = await fs.readFile(path.join(dir, page), "utf8");
    if (/office\.js/i.test(html)) problems.push(`${page} loads office.js`);
    for (const m of html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)) if (!existsSync(path.join(dir, m[1]))) problems.push(`${page} loads ${m[1]}, which is not in the folder`);
  }
  for (const list of ["jsplugins.xml", "publish.xml"]) {
    if (!existsSync(path.join(dir, list))) {
      problems.push(`${list} is missing`);
      continue;
    }
    const doc = parseXml(await fs.readFile(path.join(dir, list), "utf8"), list, problems);
    if (!doc) continue;
    const entries = Array.from(doc.getElementsByTagName("jspluginonline"));
    if (entries.length !== 1) problems.push(`${list} has ${entries.length} jspluginonline entries, not one`);
    for (const e of entries) {
      if (e.getAttribute("url") !== baseUrl) problems.push(`${list} points at ${e.getAttribute("url")}, not ${baseUrl}`);
      if (e.getAttribute("name") !== ADDIN_NAME) problems.push(`${list} names "${e.getAttribute("name")}"`);
      if (e.getAttribute("type") !== "et") problems.push(`${list} gives type "${e.getAttribute("type")}", not et`);
    }
  }
  return problems;
}
