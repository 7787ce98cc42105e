import type { PackageEdit } from "./edit";
import { relIs, relsOf, relsPathOf, REL_CALC_CHAIN, REL_NS, REL_WORKSHEET } from "./package";
import { escAttr, escText, retag, type Edit, type XmlElement } from "./xml";

const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const APP = "docProps/app.xml";

function relPrefix(els: XmlElement[]): string | null {
  const decl = Object.entries(els[0].attrs).find(([k, v]) => k.startsWith("xmlns:") && v === REL_NS);
  return decl ? decl[0].slice(6) : null;
}

/** Add a worksheet at the end of the workbook: its entry, relationship, content type and app.xml title. */
export function addSheet(edit: PackageEdit, name: string, text: string): string {
  const wb = edit.pkg.workbookPath;
  const part = edit.freeName("xl/worksheets/sheet{n}.xml");
  edit.set(part, text);
  edit.addOverride(part, CT_SHEET);
  const id = edit.addRel(wb, REL_WORKSHEET, part);
  edit.edit(wb, (xml, els) => {
    const sheets = els.find((e) => e.local === "sheets");
    if (!sheets) return [];
    const ids = els.filter((e) => e.local === "sheet").map((e) => Number(e.attrs.sheetId) || 0);
    const p = relPrefix(els);
    const idAttr = p ? `${p}:id="${id}"` : `xmlns:r="${REL_NS}" r:id="${id}"`;
    const pre = sheets.name.includes(":") ? sheets.name.slice(0, sheets.name.indexOf(":") + 1) : "";
    return [{ start: sheets.closeStart, end: sheets.closeStart, text: `<${pre}sheet name="${escAttr(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${idAttr}/>` }];
  });
  appTitles(edit, name, +1);
  return part;
}

/**
 * Remove a worksheet the add-in created (or the old journal sheet): its
 * entry, relationship, part, content type; defined names local to a later
 * sheet move down one, as Excel does.
 */
export function removeSheet(edit: PackageEdit, name: string): boolean {
  const wb = edit.pkg.workbookPath;
  let rId: string | null = null;
  let index = -1;
  edit.edit(wb, (xml, els) => {
    const sheets = els.filter((e) => e.local === "sheet");
    index = sheets.findIndex((e) => e.attrs.name === name);
    if (index < 0) return [];
    const el = sheets[index];
    rId = Object.entries(el.attrs).find(([k]) => k.endsWith(":id"))?.[1] ?? null;
    const edits: Edit[] = [{ start: el.start, end: el.end, text: "" }];
    for (const d of els.filter((e) => e.local === "definedName" && e.attrs.localSheetId !== undefined)) {
      const n = Number(d.attrs.localSheetId);
      if (n === index) edits.push({ start: d.start, end: d.end, text: "" });
      else if (n > index) edits.push({ start: d.start, end: d.openEnd, text: retag(xml, d, { localSheetId: String(n - 1) }) });
    }
    for (const v of els.filter((e) => e.local === "workbookView")) {
      const a = Number(v.attrs.activeTab ?? 0), f = Number(v.attrs.firstSheet ?? 0);
      const set: Record<string, string | null> = {};
      if (a >= index && a > 0) set.activeTab = String(a - 1);
      if (f >= index && f > 0) set.firstSheet = String(f - 1);
      if (Object.keys(set).length) edits.push({ start: v.start, end: v.openEnd, text: retag(xml, v, set) });
    }
    return edits;
  });
  if (index < 0) return false;
  const rel = rId ? currentRels(edit, wb).find((r) => r.id === rId) : undefined;
  if (rId) edit.removeRel(wb, rId);
  if (rel?.target) {
    edit.remove(rel.target);
    edit.remove(relsPathOf(rel.target));
    edit.removeOverride(rel.target);
  }
  appTitles(edit, name, -1);
  return true;
}

/** Relationships of a part as they are now (this session's edits included). */
export function currentRels(edit: PackageEdit, source: string): { id: string; target: string | null; type: string }[] {
  const xml = edit.text(relsPathOf(source));
  if (xml === null) return [];
  const fresh = relsOf({ ...edit.pkg, texts: new Map([[relsPathOf(source), xml]]), cache: new Map() }, source);
  return fresh.map((r) => ({ id: r.id, target: r.target, type: r.type }));
}

/** Keep docProps/app.xml's sheet list in step (Excel ignores it on open; other tools show it). */
function appTitles(edit: PackageEdit, name: string, delta: 1 | -1): void {
  if (!edit.exists(APP)) return;
  try {
    edit.edit(APP, (xml, els) => {
      const heading = els.find((e) => e.local === "HeadingPairs");
      const titles = els.find((e) => e.local === "TitlesOfParts");
      if (!heading || !titles) return [];
      const hv = els.find((e, i) => e.local === "vector" && e.parent === els.indexOf(heading) && i > 0);
      const tv = els.find((e) => e.local === "vector" && e.parent === els.indexOf(titles));
      if (!hv || !tv) return [];
      const variants = els.filter((e) => e.local === "variant" && e.parent === els.indexOf(hv));
      let before = 0;
      for (let k = 0; k + 1 < variants.length; k += 2) {
        const label = els.find((e) => e.parent === els.indexOf(variants[k]) && e.local === "lpstr")?.text ?? "";
        const countEl = els.find((e) => e.parent === els.indexOf(variants[k + 1]) && (e.local === "i4" || e.local === "int"));
        if (!countEl) return [];
        const count = Number(countEl.text);
        if (/^(Worksheets|工作表)$/.test(label)) {
          const items = els.filter((e) => e.parent === els.indexOf(tv));
          const edits: Edit[] = [
            { start: countEl.openEnd, end: countEl.closeStart, text: String(count + delta) },
            { start: tv.start, end: tv.openEnd, text: retag(xml, tv, { size: String(Number(tv.attrs.size ?? items.length) + delta) }) },
          ];
          const pre = tv.name.includes(":") ? tv.name.slice(0, tv.name.indexOf(":") + 1) : "";
          if (delta > 0) {
            const at = items[before + count] ? items[before + count].start : tv.closeStart;
            edits.push({ start: at, end: at, text: `<${pre}lpstr>${escText(name)}</${pre}lpstr>` });
          } else {
            const it = items.slice(before, before + count).find((e) => e.text === name);
            if (!it) return [];
            edits.push({ start: it.start, end: it.end, text: "" });
          }
          return edits;
        }
        before += count;
      }
      return [];
    });
  } catch {
    /* an app.xml we cannot read is left as it is */
  }
}

/**
 * The calculation chain is a cache of formula cells that Excel rebuilds when
 * it is missing; one that names a cell whose formula changed makes Excel
 * "repair" the file. A check that writes formulas removes it (undo puts it back).
 */
export function dropCalcChain(edit: PackageEdit): void {
  const wb = edit.pkg.workbookPath;
  for (const r of relsOf(edit.pkg, wb)) {
    if (!relIs(r, REL_CALC_CHAIN) || !r.target) continue;
    edit.removeRel(wb, r.id);
    edit.remove(r.target);
    edit.removeOverride(r.target);
  }
}

/**
 * Rows repeated at the top of every printed page of one sheet: the defined
 * name _xlnm.Print_Titles local to that sheet ('核查结果'!$11:$11), as Excel
 * writes it for 页面设置 › 顶端标题行. Replaced when present; null removes it.
 */
export function setPrintTitles(edit: PackageEdit, sheetName: string, rows: [number, number] | null): void {
  edit.edit(edit.pkg.workbookPath, (xml, els) => {
    const sheets = els.filter((e) => e.local === "sheet");
    const index = sheets.findIndex((e) => e.attrs.name === sheetName);
    if (index < 0) return [];
    const old = els.find((e) => e.local === "definedName" && e.attrs.name === "_xlnm.Print_Titles" && Number(e.attrs.localSheetId) === index);
    const sheetsEl = els.find((e) => e.local === "sheets")!;
    const pre = sheetsEl.name.includes(":") ? sheetsEl.name.slice(0, sheetsEl.name.indexOf(":") + 1) : "";
    const ref = `'${sheetName.replace(/'/g, "''")}'!$${rows ? rows[0] + 1 : 0}:$${rows ? rows[1] + 1 : 0}`;
    const text = rows ? `<${pre}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escText(ref)}</${pre}definedName>` : "";
    if (old) return xml.slice(old.start, old.end) === text ? [] : [{ start: old.start, end: old.end, text }];
    if (!rows) return [];
    const names = els.find((e) => e.local === "definedNames");
    if (names) {
      if (names.selfClosing) return [{ start: names.start, end: names.end, text: `<${names.name}>${text}</${names.name}>` }];
      return [{ start: names.closeStart, end: names.closeStart, text }];
    }
    // definedNames follows sheets (and functionGroups, externalReferences when present) in CT_Workbook.
    const after = ["externalReferences", "functionGroups", "sheets"].map((n) => els.find((e) => e.local === n)).find((e) => e !== undefined)!;
    return [{ start: after.end, end: after.end, text: `<${pre}definedNames>${text}</${pre}definedNames>` }];
  });
}
