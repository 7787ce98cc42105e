import type { ApplyOutcome } from "../adapters/office/applyPlan";
import type { Profile } from "../engine/profile";
import type { CheckReport } from "../engine/report";

/**
 * The task pane's state, as a reducer: the pane renders it and dispatches
 * actions; everything that touches Excel lives in useChecker.
 */
export type Busy = "recalculate" | "clear" | "undo" | null;

export interface Notice {
  intent: "success" | "warning" | "error" | "info";
  text: string;
}

export interface PaneState {
  busy: Busy;
  report: CheckReport | null;
  /** The profile the report was made with. */
  profile: Profile | null;
  notice: Notice | null;
  /** Rule profile chosen for this workbook (stored in it). */
  profileId: string;
  /** Narrative report text to check against the tables ("" for none). */
  narrative: string;
  narrativeSource: string | null;
}

export type PaneAction =
  | { type: "start"; busy: Exclude<Busy, null> }
  | { type: "checked"; report: CheckReport; outcome: ApplyOutcome; profile: Profile }
  | { type: "profile"; profileId: string }
  | { type: "narrative"; text: string; source: string | null }
  | { type: "cleared"; cells: number }
  | { type: "undone"; undone: boolean }
  | { type: "failed"; text: string };

export const initialState: PaneState = { busy: null, report: null, profile: null, notice: null, profileId: "seed", narrative: "", narrativeSource: null };

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "start":
      return { ...state, busy: action.busy, notice: null };
    case "checked": {
      const errors = action.report.findings.filter((f) => f.severity === "error").length;
      const skipped = action.outcome.notesSkipped.length
        ? `工作表“${action.outcome.notesSkipped.join("”“")}”已有他人批注，未添加说明批注，详见「核查结果」。`
        : "";
      const text = `核算完成：填入 ${action.outcome.written} 处，标记 ${action.outcome.marked} 处${errors ? `，有 ${errors} 项错误需要更正` : "，未发现错误"}。${skipped}`;
      return { ...state, busy: null, report: action.report, profile: action.profile, notice: { intent: errors ? "warning" : "success", text } };
    }
    case "cleared":
      return { ...state, busy: null, notice: { intent: "info", text: action.cells ? `已清除 ${action.cells} 处标记，数值未改动。` : "没有需要清除的标记。" } };
    case "undone":
      return action.undone
        ? { ...state, busy: null, report: null, notice: { intent: "success", text: "已撤销核算助手所做的全部修改，工作簿恢复原样。" } }
        : { ...state, busy: null, notice: { intent: "info", text: "没有可撤销的修改。" } };
    case "profile":
      return { ...state, profileId: action.profileId };
    case "narrative":
      return { ...state, narrative: action.text, narrativeSource: action.source };
    case "failed":
      return { ...state, busy: null, notice: { intent: "error", text: action.text } };
  }
}
