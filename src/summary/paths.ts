import { WORKBOOK_EXTENSIONS } from "./pairing";

const WORKBOOK_EXT = new RegExp(`(\\.checked)?\\.(${WORKBOOK_EXTENSIONS.join("|")})$`, "i");

/**
 * 县直/财政所.xlsx → 县直/财政所.checked.xlsx (an .xlsm stays an .xlsm). A copy checked before
 * (教育局.checked.xlsx, given again) keeps its name: not 教育局.checked.checked.xlsx.
 */
export const checkedName = (name: string) => name.replace(WORKBOOK_EXT, ".checked.$2");

/**
 * Each name's checked copy, no two the same (compared as Windows and macOS do, ignoring case):
 * 教育局.xlsx and 教育局.checked.xlsx in one batch would both be 教育局.checked.xlsx, so the copy
 * checked before gets 教育局（2）.checked.xlsx and the original keeps the plain name.
 */
export function uniqueCheckedNames(names: string[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  const checkedBefore = (n: string) => /\.checked\.[^./]+$/i.test(n);
  for (const name of [...names.filter((n) => !checkedBefore(n)), ...names.filter(checkedBefore)]) {
    let target = checkedName(name);
    for (let n = 2; taken.has(target.toLowerCase()); n++) target = checkedName(name).replace(/\.checked\.([^.]+)$/, `（${n}）.checked.$1`);
    taken.add(target.toLowerCase());
    out.set(name, target);
  }
  return out;
}
