import { etApplicationOf } from "../../adapters/wps/app";
import type { EtApplication, EtCounted, EtRange, EtRoot, EtWorkbook, EtWorksheet } from "../../adapters/wps/etApi";
import { describeMember, describeValue } from "./shape";

/**
 * The 诊断 page's probe (issue 22 point 7; docs/wps-addin.md §8 "first step on a
 * real WPS"): for each ET call the adapter relies on (src/adapters/wps/app.ts,
 * readWorkbook.ts), what this WPS really returns. Every behaviour the design
 * notes mark U gets a line, so IT's email answers them.
 *
 * The calls that need cells run on a temporary sheet the probe adds and deletes
 * (alerts off, so WPS asks nothing), the sheet the clerk had open is activated
 * again, and a temporary custom XML part is deleted: the workbook is as it was.
 * A read-only workbook or a protected structure gets the read-only lines only.
 */
export interface ProbeLine {
  /** The call, as the adapter makes it ("Range(\"A1:C1\").Value2（一行）"). */
  call: string;
  /** What came back, or the error WPS raised. */
  result: string;
}

export interface Diagnosis {
  lines: ProbeLine[];
  /** Whether the workbook was put back as it was (false: a line says what is left). */
  restored: boolean;
}

export interface ProbeEnv {
  userAgent: string;
  /** How long to wait for WPS to call a SheetChange listener after the probe's own write (WPS may call it later, U). */
  eventWaitMs?: number;
  /** Where the save check remembers that it was started (the webview's localStorage); none: the check says so. */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
}

export const SCRATCH_SHEET = "核算助手诊断（可删除）";
/** The marker part of the save check: does WPS keep custom XML parts when it saves (§8.5, U)? */
export const SAVE_CHECK_NS = "urn:jixiao-checker:diagnostics:save-check";
const SAVE_CHECK_KEY = "jixiao-checker.saveCheck";
const PROBE_NS = "urn:jixiao-checker:diagnostics:probe";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function errorText(e: unknown): string {
  return `出错：${e instanceof Error ? e.message : String(e)}`;
}

/** Count and count, both asked: which one a build has is itself a finding (U). */
function counts(x: EtCounted): string {
  return `Count：${describeValue(x.Count)}；count：${describeValue(x.count)}`;
}

function countOf(x: EtCounted): number | null {
  const n = typeof x.Count === "number" ? x.Count : x.count;
  return typeof n === "number" ? n : null;
}

class Recorder {
  readonly lines: ProbeLine[] = [];
  /** Record what `read` gives (described), or the error it raises; the value is returned for later steps. */
  value<T>(call: string, read: () => T, describe: (v: T) => string = describeValue): T | undefined {
    try {
      const v = read();
      this.lines.push({ call, result: describe(v) });
      return v;
    } catch (e) {
      this.lines.push({ call, result: errorText(e) });
      return undefined;
    }
  }
  note(call: string, result: string): void {
    this.lines.push({ call, result });
  }
}

/** The program and the add-in's root: no cell touched. */
function probeProgram(rec: Recorder, root: EtRoot & Partial<EtApplication>, env: ProbeEnv): EtApplication | null {
  rec.note("浏览器标识（navigator.userAgent）", env.userAgent || "（空）");
  rec.value("wps.EtApplication", () => root.EtApplication, describeMember);
  let app: EtApplication | null = null;
  try {
    app = etApplicationOf(root);
  } catch (e) {
    rec.note("ET 应用对象", errorText(e));
    return null;
  }
  rec.value("Application.Version", () => app!.Version);
  rec.value("Application.Build", () => app!.Build);
  rec.value("wps.ApiEvent", () => root.ApiEvent, describeMember);
  rec.value("wps.ApiEvent.AddApiEventListener", () => root.ApiEvent?.AddApiEventListener, describeMember);
  return app;
}

function probeWorkbook(rec: Recorder, wb: EtWorkbook): void {
  rec.value("ActiveWorkbook.Worksheets 的个数", () => counts(wb.Worksheets), String);
  rec.value("ActiveWorkbook.ReadOnly", () => wb.ReadOnly);
  rec.value("ActiveWorkbook.ProtectStructure", () => wb.ProtectStructure);
  rec.value("ActiveWorkbook.CustomXMLParts", () => wb.CustomXMLParts, describeMember);
  rec.value("CustomXMLParts 的个数", () => counts(wb.CustomXMLParts), String);
  rec.value("CustomXMLParts.SelectByNamespace", () => wb.CustomXMLParts.SelectByNamespace, describeMember);
}

/** A sheet name no sheet has (Worksheets.Item of an unknown name throws). */
function freeName(wb: EtWorkbook): string {
  const taken = new Set<string>();
  const sheets = wb.Worksheets;
  const n = countOf(sheets) ?? 0;
  for (let i = 1; i <= n; i++) taken.add((sheets.Item(i) as EtWorksheet).Name.toLocaleUpperCase());
  let name = SCRATCH_SHEET;
  for (let k = 2; taken.has(name.toLocaleUpperCase()); k++) name = `核算助手诊断${k}（可删除）`;
  return name;
}

/** The cell calls, on the scratch sheet: the shapes readWorkbook.ts normalises (asGrid, isEmpty, maybeError). */
function probeCells(rec: Recorder, ws: EtWorksheet): void {
  // A1:C2 = 1, 文字, TRUE / 2.5, =1/0, (empty): one number, text, a boolean, an error, an emptied cell.
  rec.value("写入 Range(\"A1:C2\").Formula（二维数组）", () => {
    ws.Range("A1:C2").Formula = [[1, "文字", true], [2.5, "=1/0", ""]];
    return "成功";
  }, String);
  rec.value("Range(\"A1\").Value2（一个单元格）", () => ws.Range("A1").Value2);
  rec.value("Range(\"A1:C1\").Value2（一行）", () => ws.Range("A1:C1").Value2);
  rec.value("Range(\"A1:A2\").Value2（一列）", () => ws.Range("A1:A2").Value2);
  rec.value("Range(\"A1:C2\").Value2（一块）", () => ws.Range("A1:C2").Value2);
  rec.value("Range(\"A1:C2\").Formula（一块）", () => ws.Range("A1:C2").Formula);
  rec.value("Range(\"E5\").Value2（从未用过的空单元格）", () => ws.Range("E5").Value2);
  rec.value("Range(\"C2\").Value2（写入 \"\" 后的单元格）", () => ws.Range("C2").Value2);
  rec.value("Range(\"B2\").Value2（错误单元格 =1/0）", () => ws.Range("B2").Value2);
  rec.value("Range(\"B2\").Text（错误单元格）", () => ws.Range("B2").Text);
  rec.value("Range(\"A1:C2\").Address", () => ws.Range("A1:C2").Address, describeMember);
  rec.value("Range(\"A1:C2\").Address(false, false) 或其属性值", () => {
    const a = (ws.Range("A1:C2") as EtRange).Address;
    return typeof a === "function" ? a.call(ws.Range("A1:C2"), false, false) : a;
  });
  rec.value("Range(\"A1:C2\") 的单元格个数", () => counts(ws.Range("A1:C2")), String);
  rec.value("Range(\"A1:C2\").Rows 的行数", () => counts(ws.Range("A1:C2").Rows), String);
  rec.value("UsedRange.Row / Column", () => {
    const u = ws.UsedRange;
    return `${describeValue(u.Row)} / ${describeValue(u.Column)}`;
  }, String);
  // A1 as a percentage, B1 left General: NumberFormat of A1:B1 is mixed (VBA: Null).
  rec.value("写入 Range(\"A1\").NumberFormat = \"0.00%\"", () => ((ws.Range("A1").NumberFormat = "0.00%"), "成功"), String);
  rec.value("Range(\"A1\").NumberFormat", () => ws.Range("A1").NumberFormat);
  rec.value("Range(\"A1:B1\").NumberFormat（格式不同的两格）", () => ws.Range("A1:B1").NumberFormat);
  // The mark fill, #FFC7CE, as BGR (R + G·256 + B·65536 = 0xCEC7FF).
  rec.value("写入 Range(\"A1\").Interior.Color = 13551615", () => ((ws.Range("A1").Interior.Color = 0xcec7ff), "成功"), String);
  rec.value("Range(\"A1\").Interior.Color", () => ws.Range("A1").Interior.Color);
  rec.value("Range(\"A1\").Interior.Pattern", () => ws.Range("A1").Interior.Pattern);
  rec.value("Range(\"B1\").Interior.Color（无底纹）", () => ws.Range("B1").Interior.Color);
  rec.value("Range(\"B1\").Interior.Pattern（无底纹）", () => ws.Range("B1").Interior.Pattern);
  rec.value("Range(\"A1:B1\").Interior.Color（底纹不同的两格）", () => ws.Range("A1:B1").Interior.Color);
  rec.value("Range(\"E5\").Comment（无批注）", () => ws.Range("E5").Comment);
  rec.value("Range(\"A1:C2\").MergeCells（未合并）", () => ws.Range("A1:C2").MergeCells);
  probeUnions(rec, ws);
}

/**
 * Ranges of several areas, which the adapter uses to ask merges and to write marks in few
 * calls (unionSupport.ts): whether this WPS takes the address, and reads and writes every
 * area as Excel's COM model does, or only the first. A1 (0.00%, filled) and B1 (General,
 * no fill) were set above; D1/F1 and D2/F2 are free cells of the scratch sheet.
 */
function probeUnions(rec: Recorder, ws: EtWorksheet): void {
  const union = (call: string, address: string, use: (r: EtRange) => unknown, describe: (v: unknown) => string = describeValue) => {
    let r: EtRange;
    try {
      r = ws.Range(address);
    } catch (e) {
      rec.note(call, `不接受多区域地址（WPS 报错：${e instanceof Error ? e.message : String(e)}）`);
      return;
    }
    rec.value(call, () => use(r), describe);
  };
  union("Range(\"A1:B1,D4\").Areas 的个数", "A1:B1,D4", (r) => counts(r.Areas), String);
  union("Range(\"A1,B1\").NumberFormat（多区域，格式不同的两格）", "A1,B1", (r) => r.NumberFormat);
  union("Range(\"A1,B1\").Interior.Color（多区域，底纹不同的两格）", "A1,B1", (r) => r.Interior.Color);
  union("Range(\"A1,B1\").Text（多区域，内容不同的两格）", "A1,B1", (r) => r.Text);
  union("写入 Range(\"D1,F1\").NumberFormat = \"0.0\"（多区域）", "D1,F1", (r) => ((r.NumberFormat = "0.0"), "成功"), String);
  rec.value("Range(\"F1\").NumberFormat（写入多区域 \"D1,F1\" 后的第二个区域）", () => ws.Range("F1").NumberFormat);
  rec.value("写入 Range(\"D2\")、Range(\"F2\").AddComment", () => (ws.Range("D2").AddComment("诊断"), ws.Range("F2").AddComment("诊断"), "成功"), String);
  union("Range(\"D2,F2\").ClearComments()（多区域）", "D2,F2", (r) => (r.ClearComments(), "成功"), String);
  rec.value("Range(\"F2\").Comment（多区域清除批注后的第二个区域）", () => ws.Range("F2").Comment);
}

/** A custom XML part added, read back and deleted: the journal's and the settings' home in Excel. */
function probeParts(rec: Recorder, wb: EtWorkbook): void {
  const xml = `<probe xmlns="${PROBE_NS}">诊断</probe>`;
  const part = rec.value("CustomXMLParts.Add(XML)", () => wb.CustomXMLParts.Add(xml));
  if (!part) return;
  rec.value("CustomXMLPart.XML（读回）", () => (part.XML === xml ? "与写入的相同" : describeValue(part.XML)), String);
  rec.value("CustomXMLPart.NamespaceURI", () => part.NamespaceURI);
  rec.value("CustomXMLPart.Id", () => part.Id);
  rec.value("SelectByNamespace(…) 的个数", () => counts(wb.CustomXMLParts.SelectByNamespace(PROBE_NS)), String);
  rec.value("CustomXMLPart.Delete()", () => (part.Delete(), "成功"), String);
}

/** Whether WPS kept the marker part the save check put in before the clerk saved and reopened. */
function probeSaveCheck(rec: Recorder, wb: EtWorkbook, env: ProbeEnv): void {
  const call = "自定义 XML 部件在保存并重新打开后";
  let pending: string | null = null;
  try {
    pending = env.storage?.getItem(SAVE_CHECK_KEY) ?? null;
  } catch {
    pending = null;
  }
  try {
    const marks = wb.CustomXMLParts.SelectByNamespace(SAVE_CHECK_NS);
    const n = countOf(marks) ?? 0;
    if (n > 0) {
      rec.note(call, "保留（检测标记还在；已删除标记）");
      for (let i = n; i >= 1; i--) marks.Item(i).Delete();
    } else if (pending && pending === safeName(wb)) {
      rec.note(call, "未保留（放入的检测标记在保存并重新打开后不见了）");
    } else {
      rec.note(call, "未检测（点「检测保存后是否保留」开始）");
      return;
    }
    env.storage?.removeItem(SAVE_CHECK_KEY);
  } catch (e) {
    rec.note(call, errorText(e));
  }
}

function safeName(wb: EtWorkbook): string | null {
  try {
    return wb.Name;
  } catch {
    return null;
  }
}

/**
 * The save check's first step: a marker part in the workbook (the one change the
 * 诊断 page leaves, on the clerk's request; the next 诊断 removes it) and a note
 * in the webview's storage that the check is under way.
 */
export function startSaveCheck(root: EtRoot & Partial<EtApplication>, env: ProbeEnv): { zh: string; en: string } {
  const wb = etApplicationOf(root).ActiveWorkbook;
  if (!env.storage) return { zh: "此环境不能保存检测状态（没有 localStorage），无法检测。", en: "no localStorage: the save check cannot run" };
  wb.CustomXMLParts.Add(`<saveCheck xmlns="${SAVE_CHECK_NS}"/>`);
  env.storage.setItem(SAVE_CHECK_KEY, safeName(wb) ?? "");
  return { zh: "已放入检测标记。请保存工作簿（.xlsx 或 .et），关闭后重新打开，再打开诊断页：结果会写在「自定义 XML 部件在保存并重新打开后」一行。", en: "save-check marker added; save, close, reopen and run the diagnostics again" };
}

/** Turn the switches off as a run of the add-in does (session.ts), and back as they were. */
function switches(rec: Recorder, app: EtApplication): () => void {
  const keys = ["ScreenUpdating", "EnableEvents", "DisplayAlerts"] as const;
  const was = new Map<(typeof keys)[number], boolean>();
  for (const k of keys) {
    try {
      const v = app[k];
      app[k] = false;
      was.set(k, v);
    } catch (e) {
      rec.note(`Application.${k} = false`, errorText(e));
    }
  }
  // Only what was switched off is put back, each on its own: one refusing leaves the others right.
  return () => {
    for (const [k, v] of was) {
      try {
        app[k] = v;
      } catch (e) {
        rec.note(`恢复 Application.${k}`, errorText(e));
      }
    }
  };
}

/** `root` is what the page was given as window.wps ?? window.Application; null outside WPS (the user agent is still worth sending). */
export async function diagnose(root: (EtRoot & Partial<EtApplication>) | null, env: ProbeEnv): Promise<Diagnosis> {
  const rec = new Recorder();
  if (!root) {
    rec.note("浏览器标识（navigator.userAgent）", env.userAgent || "（空）");
    rec.note("WPS 对象（window.wps、window.Application）", "没有：此页面不是在 WPS 表格中打开的");
    return { lines: rec.lines, restored: true };
  }
  const app = probeProgram(rec, root, env);
  if (!app) return { lines: rec.lines, restored: true };
  let wb: EtWorkbook;
  try {
    wb = app.ActiveWorkbook;
  } catch (e) {
    rec.note("Application.ActiveWorkbook", errorText(e));
    return { lines: rec.lines, restored: true };
  }
  probeWorkbook(rec, wb);
  probeSaveCheck(rec, wb, env);
  let readOnly = true;
  try {
    readOnly = !!wb.ReadOnly || !!wb.ProtectStructure;
  } catch {
    /* read-only it is */
  }
  if (readOnly) {
    rec.note("单元格各项", "未检测：工作簿只读或结构受保护，诊断不添加临时工作表");
    return { lines: rec.lines, restored: true };
  }
  const before = { sheets: countOf(wb.Worksheets), parts: countOf(wb.CustomXMLParts), active: activeName(wb) };
  const restoreSwitches = switches(rec, app);
  let scratch: EtWorksheet | null = null;
  const events = root.ApiEvent;
  const heard: string[] = [];
  const listener = (sh: EtWorksheet, target: unknown) => {
    try {
      const a = (target as EtRange).Address;
      heard.push(`工作表 ${sh.Name}，Target.Address ${describeValue(typeof a === "function" ? a.call(target, false, false) : a)}`);
    } catch (e) {
      heard.push(`参数无法读取（${errorText(e)}）`);
    }
  };
  try {
    scratch = wb.Worksheets.Add();
    const name = freeName(wb);
    rec.value("Worksheets.Add() 后改名", () => ((scratch!.Name = name), name), String);
    if (typeof events?.AddApiEventListener === "function") events.AddApiEventListener("SheetChange", listener);
    probeCells(rec, scratch);
    probeParts(rec, wb);
    if (typeof events?.AddApiEventListener === "function") {
      // WPS may call listeners after the call returns (U): give it a moment.
      await sleep(env.eventWaitMs ?? 500);
      rec.note(
        "ApiEvent SheetChange（加载项自己写入、EnableEvents 关闭时）",
        heard.length ? `被调用 ${heard.length} 次：${heard.slice(0, 3).join("；")}` : `未被调用（等待 ${env.eventWaitMs ?? 500} 毫秒）`,
      );
    }
  } catch (e) {
    rec.note("临时工作表", errorText(e));
  } finally {
    try {
      events?.RemoveApiEventListener("SheetChange", listener);
    } catch {
      /* a build without RemoveApiEventListener: the listener only records */
    }
    if (scratch) {
      try {
        scratch.Delete();
      } catch (e) {
        rec.note(`删除临时工作表「${SCRATCH_SHEET}」`, `${errorText(e)}：请手工删除它`);
      }
    }
    try {
      if (before.active && activeName(wb) !== before.active) (wb.Worksheets.Item(before.active) as EtWorksheet).Activate();
    } catch {
      /* reported below: the active sheet differs */
    }
    restoreSwitches();
  }
  const after = { sheets: countOf(wb.Worksheets), parts: countOf(wb.CustomXMLParts), active: activeName(wb) };
  const restored = after.sheets === before.sheets && after.parts === before.parts && after.active === before.active;
  rec.note("工作簿", restored ? "已恢复原样（临时工作表和临时 XML 部件已删除）" : `未完全恢复：工作表 ${before.sheets}→${after.sheets} 个，XML 部件 ${before.parts}→${after.parts} 个，当前工作表 ${before.active}→${after.active}`);
  return { lines: rec.lines, restored };
}

function activeName(wb: EtWorkbook): string | null {
  try {
    return wb.ActiveSheet.Name;
  } catch {
    return null;
  }
}
