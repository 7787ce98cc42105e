import { cloneDocument, type HostDocument } from "../src/testing/excelHost/document";
import { QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";
import type { EtHost } from "../src/testing/etHost/host";
import { diagnose, SAVE_CHECK_NS, startSaveCheck, type ProbeEnv } from "../src/wps/diagnostics/probe";
import { diagnosisText } from "../src/wps/diagnostics/text";
import { openInEt } from "./wpsHelpers";

/**
 * The 诊断 page's probe on the strict in-memory ET host, under every unconfirmed WPS behaviour
 * (quirks.ts): the text names what this "WPS" did, and the workbook is as it was afterwards.
 */

/** A webview's localStorage, for the save check. */
function memoryStorage(): NonNullable<ProbeEnv["storage"]> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

const env = (storage = memoryStorage()): ProbeEnv => ({ userAgent: "Mozilla/5.0 (test) WpsOffice/12.1", eventWaitMs: 0, storage });

/** What a clerk would see change: sheets, parts, where they are, what is selected. */
const workbook = (d: HostDocument) => {
  const c = cloneDocument(d);
  return { sheets: c.sheets, parts: c.customXmlParts, active: c.activeSheet, selection: c.selection };
};

async function run(quirks: Partial<EtQuirks>, storage = memoryStorage()): Promise<{ et: EtHost; text: string; restored: boolean }> {
  const et = await openInEt("seed", { quirks });
  const d = await diagnose(et.root, env(storage));
  return { et, text: diagnosisText(d, new Date(0)), restored: d.restored };
}

/** Each flag's outcome as the text must say it: the default's, then the variant's. */
const OUTCOMES: Record<string, [RegExp, RegExp]> = {
  "1-D single rows": [/Range\("A1:C1"\)\.Value2（一行）：二维数组 1×3：\[\[1,"文字",true\]\]/, /Range\("A1:C1"\)\.Value2（一行）：一维数组（3 项）：\[1,"文字",true\]/],
  "COM error integers": [/Range\("B2"\)\.Value2（错误单元格 =1\/0）：文本 "#DIV\/0!"/, /Range\("B2"\)\.Value2（错误单元格 =1\/0）：数字 -2146826281（COM 错误码，即 #DIV\/0!）/],
  "null for empty cells": [/Range\("E5"\)\.Value2（从未用过的空单元格）：undefined/, /Range\("E5"\)\.Value2（从未用过的空单元格）：null/],
  '"" for empty cells': [/Range\("C2"\)\.Value2（写入 "" 后的单元格）：undefined/, /Range\("C2"\)\.Value2（写入 "" 后的单元格）：空字符串 ""/],
  "Address as a property": [/Range\("A1:C2"\)\.Address：方法（函数）/, /Range\("A1:C2"\)\.Address：属性（文本 "\$A\$1:\$C\$2"）/],
  "EtApplication as a property": [/wps\.EtApplication：方法（函数）/, /wps\.EtApplication：属性（对象）/],
  "lower-case count": [/ActiveWorkbook\.Worksheets 的个数：Count：数字 \d+；count：undefined/, /ActiveWorkbook\.Worksheets 的个数：Count：undefined；count：数字 \d+/],
  "custom XML parts dropped on save": [/自定义 XML 部件在保存并重新打开后：保留/, /自定义 XML 部件在保存并重新打开后：未保留/],
  "multi-area ranges refused": [/Range\("A1:B1,D4"\)\.Areas 的个数：Count：数字 2/, /Range\("A1:B1,D4"\)\.Areas 的个数：不接受多区域地址（WPS 报错：/],
  "multi-area writes to the first area only": [/Range\("F1"\)\.NumberFormat（写入多区域 "D1,F1" 后的第二个区域）：文本 "0\.0"[\s\S]*Range\("F2"\)\.Comment（多区域清除批注后的第二个区域）：null/, /Range\("F1"\)\.NumberFormat（写入多区域 "D1,F1" 后的第二个区域）：文本 "General"[\s\S]*Range\("F2"\)\.Comment（多区域清除批注后的第二个区域）：对象/],
  "multi-area reads of the first area only": [/Range\("A1,B1"\)\.NumberFormat（多区域，格式不同的两格）：null\n.*Interior\.Color（多区域，底纹不同的两格）：null/, /Range\("A1,B1"\)\.NumberFormat（多区域，格式不同的两格）：文本 "0\.00%"\n.*Interior\.Color（多区域，底纹不同的两格）：数字 13551615/],
};

describe("诊断 on the in-memory ET host", () => {
  it("names every quirk flag (a new flag needs its outcome here)", () => {
    expect(Object.keys(OUTCOMES).sort()).toEqual(QUIRK_VARIANTS.map(([name]) => name).sort());
  });

  it("with the default outcomes: version, build, user agent and each call's shape, and the workbook as it was", async () => {
    const et = await openInEt("seed");
    const before = workbook(et.doc);
    const d = await diagnose(et.root, env());
    const text = diagnosisText(d, new Date(0));
    expect(text).toContain("Application.Version：文本 \"12.1.0.in-memory\"");
    expect(text).toContain("Application.Build：数字 0");
    expect(text).toContain("浏览器标识（navigator.userAgent）：Mozilla/5.0 (test) WpsOffice/12.1");
    expect(text).toContain("Range(\"A1\").Value2（一个单元格）：数字 1");
    expect(text).toContain('Range("A1:C2").Value2（一块）：二维数组 2×3：[[1,"文字",true],[2.5,"#DIV/0!",undefined]]');
    expect(text).toContain("Range(\"A1:B1\").NumberFormat（格式不同的两格）：null");
    expect(text).toContain("Range(\"A1\").Interior.Color：数字 13551615");
    expect(text).toContain("Range(\"A1:B1\").Interior.Color（底纹不同的两格）：null");
    expect(text).toContain("Range(\"E5\").Comment（无批注）：null");
    expect(text).toContain("CustomXMLPart.XML（读回）：与写入的相同");
    // The in-memory host calls SheetChange for a person's edits only.
    expect(text).toContain("ApiEvent SheetChange（加载项自己写入、EnableEvents 关闭时）：未被调用");
    expect(text).toContain("工作簿：已恢复原样");
    // Every default outcome but the save check's, which needs a save (below).
    for (const [name, [def]] of Object.entries(OUTCOMES)) if (name !== "custom XML parts dropped on save") expect(text).toMatch(def);
    expect(text).toContain("自定义 XML 部件在保存并重新打开后：未检测");
    expect(text).not.toContain("出错");
    expect(d.restored).toBe(true);
    expect(workbook(et.doc)).toEqual(before);
    expect(et.stateRestored).toBe(true);
    expect(et.prompts).toBe(0);
  });

  describe.each(QUIRK_VARIANTS)("under %s", (name, quirks) => {
    it("the text names the outcome, and the workbook is as it was", async () => {
      const storage = memoryStorage();
      const et = await openInEt("seed", { quirks });
      const before = workbook(et.doc);
      let d = await diagnose(et.root, env(storage));
      if (quirks.customXmlSurvivesSave !== undefined) {
        // The save check: a marker put in, the clerk saves and reopens, 诊断 again.
        startSaveCheck(et.root, env(storage));
        et.saveAndReopen();
        d = await diagnose(et.root, env(storage));
      }
      const text = diagnosisText(d, new Date(0));
      const [def, variant] = OUTCOMES[name];
      expect(text).toMatch(variant);
      expect(text).not.toMatch(def);
      expect(text).not.toContain("出错");
      expect(d.restored).toBe(true);
      // Saving and reopening forgets the selection (EtHost.saveAndReopen); nothing else may differ.
      expect(workbook(et.doc)).toEqual(quirks.customXmlSurvivesSave === undefined ? before : { ...before, selection: null });
      expect(et.stateRestored).toBe(true);
    });
  });

  it("the save check: kept parts are reported and the marker removed; without a check under way it says so", async () => {
    const storage = memoryStorage();
    const et = await openInEt("seed");
    expect((await run({}, storage)).text).toMatch(/自定义 XML 部件在保存并重新打开后：未检测/);
    const before = workbook(et.doc);
    startSaveCheck(et.root, env(storage));
    expect(et.doc.customXmlParts.some((p) => p.namespace === SAVE_CHECK_NS)).toBe(true);
    et.saveAndReopen();
    const text = diagnosisText(await diagnose(et.root, env(storage)), new Date(0));
    expect(text).toMatch(/自定义 XML 部件在保存并重新打开后：保留（检测标记还在；已删除标记）/);
    expect(workbook(et.doc)).toEqual({ ...before, selection: null });
    // Once answered, the next 诊断 no longer claims a check.
    expect(diagnosisText(await diagnose(et.root, env(storage)), new Date(0))).toMatch(/未检测/);
  });

  it("the clerk's sheet is active again afterwards, also when it is not the first (Worksheets.Add activates the new sheet)", async () => {
    const et = await openInEt("seed");
    et.doc.activeSheet = et.doc.sheets[1].name;
    const before = workbook(et.doc);
    expect((await diagnose(et.root, env())).restored).toBe(true);
    expect(workbook(et.doc)).toEqual(before);
  });

  it("a read-only workbook: the program's lines only, nothing written", async () => {
    const et = await openInEt("seed", { readOnly: "refuse" });
    const before = workbook(et.doc);
    const text = diagnosisText(await diagnose(et.root, env()), new Date(0));
    expect(text).toContain("Application.Version");
    expect(text).toContain("单元格各项：未检测：工作簿只读或结构受保护");
    expect(et.writes).toBe(0);
    expect(workbook(et.doc)).toEqual(before);
  });

  it("a sheet named like the scratch sheet is left alone", async () => {
    const et = await openInEt("seed");
    et.doc.sheets.push({ name: "核算助手诊断（可删除）", visibility: "Visible", protected: false, cells: { A1: { value: "人写的" } }, merges: [] });
    const before = workbook(et.doc);
    const d = await diagnose(et.root, env());
    expect(d.restored).toBe(true);
    expect(workbook(et.doc)).toEqual(before);
  });
});
