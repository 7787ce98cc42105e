import type { ApplyOutcome } from "../adapters/office/applyPlan";
import type { Profile } from "../engine/profile";
import type { CheckReport } from "../engine/report";
import type { SkippedSheet } from "./host";

/**
 * The task pane's state, as a reducer: the pane renders it and dispatches
 * actions; everything that touches Excel lives in useChecker.
 */
export type Busy = "recalculate" | "review" | "clear" | "undo" | null;

export interface Notice {
  intent: "success" | "warning" | "error" | "info";
  text: string;
  /** Details, one a line (undo: each cell kept as a person changed it, 「附件1!D4 已被修改，保留现值」). */
  lines?: string[];
}

export interface PaneState {
  busy: Busy;
  report: CheckReport | null;
  /** The profile the report was made with. */
  profile: Profile | null;
  /** What made the report: 一键核算 (writes) or 只检查 (reads only). */
  mode: "recalculate" | "review" | null;
  /** 一键核算 has run since the pane opened (or since its changes were undone): its button says 重新核算. */
  recalculated: boolean;
  /** The rule profile changed since the report: its grade and band no longer hold. */
  stale: boolean;
  /** Results shown so far: each new result re-opens the findings list as for a first one. */
  runs: number;
  notice: Notice | null;
  /**
   * After a click on a scattered finding in an Excel without RangeAreas (below ExcelApi 1.9):
   * only its first area is selected; this line names the others.
   */
  selectionNote: string | null;
  /** Rule profile chosen for this workbook (stored in it). */
  profileId: string;
  /** Narrative report text to check against the tables ("" for none). */
  narrative: string;
  narrativeSource: string | null;
  /** 自动核查 on (stored in the workbook), and whether this Excel offers it (ExcelApi 1.7). */
  autoCheck: boolean;
  autoAvailable: boolean;
}

export type PaneAction =
  | { type: "start"; busy: Exclude<Busy, null> }
  | { type: "checked"; report: CheckReport; outcome: ApplyOutcome; profile: Profile; skipped?: SkippedSheet[] }
  | { type: "reviewed"; report: CheckReport; profile: Profile; auto?: boolean; skipped?: SkippedSheet[] }
  /** A check failed: not busy, nothing said yet (the caller says it, or its host tries again). */
  | { type: "waiting" }
  | { type: "profile"; profileId: string }
  | { type: "narrative"; text: string; source: string | null }
  | { type: "cleared"; cells: number }
  | { type: "undone"; undone: boolean; kept?: number; lines?: string[] }
  | { type: "auto"; on: boolean; available: boolean }
  | { type: "selected"; selected: string; others: string[] }
  | { type: "failed"; text: string };

export const initialState: PaneState = {
  busy: null,
  report: null,
  profile: null,
  mode: null,
  recalculated: false,
  stale: false,
  runs: 0,
  notice: null,
  selectionNote: null,
  profileId: "seed",
  narrative: "",
  narrativeSource: null,
  autoCheck: false,
  autoAvailable: true,
};

const count = (r: CheckReport, sev: string) => r.findings.filter((f) => f.severity === sev).length;

/** A result's banner: the error style when there are errors, the warning style for warnings alone. */
const resultIntent = (r: CheckReport): Notice["intent"] => (count(r, "error") ? "error" : count(r, "warning") ? "warning" : "success");

/** Sheets the check could not read are named under its result, one a line, and the banner warns. */
function withSkipped(notice: Notice, skipped: SkippedSheet[] | undefined): Notice {
  if (!skipped?.length) return notice;
  return { intent: notice.intent === "error" ? "error" : "warning", text: `${notice.text}以下工作表未检查：`, lines: skipped.map((s) => s.zh) };
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "start":
      return { ...state, busy: action.busy, notice: null, selectionNote: null };
    case "selected":
      return {
        ...state,
        selectionNote: action.others.length ? `已选中 ${action.selected}；同一问题还在 ${action.others.join("、")}（此版本 Excel 不能一次选中不相邻的单元格）。` : null,
      };
    case "checked": {
      const errors = count(action.report, "error");
      const skipped = action.outcome.notesSkipped.length
        ? `工作表“${action.outcome.notesSkipped.join("”“")}”中已有他人批注的单元格未添加说明批注，详见「核查结果」。`
        : "";
      const edited = action.outcome.notesKept?.length ? `${action.outcome.notesKept.join("、")} 的批注已被他人修改，保留未更新。` : "";
      const dropped = action.outcome.journalDropped?.length ? `${action.outcome.journalDropped.join("；")}。` : "";
      const fills = action.outcome.fillsUnknown ? "此版本 Excel 无法读取底纹图案：清除标记或撤销时，图案底纹恢复为纯色，白色底纹恢复为无底纹。" : "";
      const text = `核算完成：填入 ${action.outcome.written} 处，标记 ${action.outcome.marked} 处${errors ? `，有 ${errors} 项错误需要更正` : "，未发现错误"}。${skipped}${edited}${dropped}${fills}`;
      return { ...state, busy: null, report: action.report, profile: action.profile, mode: "recalculate", recalculated: true, stale: false, runs: state.runs + 1, notice: withSkipped({ intent: resultIntent(action.report), text }, action.skipped) };
    }
    case "reviewed": {
      const errors = count(action.report, "error");
      const what = action.auto ? "自动核查" : "只检查";
      const text = `${what}完成（未修改工作簿）：${errors ? `有 ${errors} 项错误` : "未发现错误"}，警告 ${count(action.report, "warning")} 项。点击问题可定位到单元格。`;
      return { ...state, busy: null, report: action.report, profile: action.profile, mode: "review", stale: false, runs: state.runs + 1, notice: withSkipped({ intent: resultIntent(action.report), text }, action.skipped) };
    }
    case "waiting": {
      return { ...state, busy: null };
    }
    case "cleared":
      return { ...state, busy: null, notice: { intent: "info", text: action.cells ? `已清除 ${action.cells} 处标记，数值未改动。` : "没有需要清除的标记。" } };
    case "undone": {
      if (!action.undone) return { ...state, busy: null, notice: { intent: "info", text: "没有可撤销的修改。" } };
      // Only a workbook with nothing kept is said to be as it was.
      const notice: Notice = action.kept
        ? { intent: "warning", text: `已撤销核算助手的修改；${action.kept} 个单元格在核算后已被修改，保留现值，未恢复：`, lines: action.lines }
        : { intent: "success", text: "已撤销核算助手所做的全部修改，工作簿恢复原样。", ...(action.lines?.length ? { lines: action.lines } : {}) };
      return { ...state, busy: null, report: null, mode: null, recalculated: false, stale: false, notice };
    }
    case "profile": {
      const stale = !!state.report && state.profile?.id !== action.profileId;
      // The result's banner spoke of the old profile: the 「规则已更改」 one replaces it.
      return { ...state, profileId: action.profileId, stale, notice: stale ? null : state.notice };
    }
    case "narrative":
      return { ...state, narrative: action.text, narrativeSource: action.source };
    case "auto":
      return { ...state, autoCheck: action.on, autoAvailable: action.available };
    case "failed":
      return { ...state, busy: null, notice: { intent: "error", text: action.text } };
  }
}
