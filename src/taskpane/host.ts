import type { ApplyOutcome } from "../adapters/office/applyPlan";
import type { AddinSettings } from "../adapters/office/settings";
import type { KeptCell } from "../engine/undo/plan";
import type { Profile } from "../engine/profile";
import type { CheckReport, TableLocation } from "../engine/report";

/** What a check is run with: the pane's choices. */
export interface PaneRunOptions {
  profile: Profile;
  narrative?: string;
  /** The pane's choices, stored in the workbook by 一键核算 where they differ from it (never by 只检查). */
  settings?: AddinSettings;
}

/** A sheet the check could not read (a ledger far beyond Excel's read limit), said in Chinese. */
export interface SkippedSheet {
  sheet: string;
  zh: string;
}

/** A watch on the workbook's tables (自动核查), stopped when the pane closes or the clerk turns it off. */
export interface Watch {
  stop(): Promise<void>;
}

/**
 * The one interface between the task pane and the spreadsheet program it runs
 * in. The pane (useChecker, the components) knows nothing else of Excel or
 * WPS: each host implements these calls over its own adapter
 * (src/taskpane/excelHost.ts over Office.js, src/wps/paneHost.ts over ET), so
 * both programs show the same pane with the same behaviour.
 */
export interface PaneHost {
  /** The program's name as clerks know it, for messages: "Excel", "WPS 表格". */
  readonly appName: string;
  /** Why 自动核查 is off in this program, when `open` says it cannot watch. */
  readonly noWatchText: string;
  /** When the pane opens: the workbook's stored settings, and whether this program can watch edits. */
  open(): Promise<{ settings: AddinSettings; canWatch: boolean }>;
  /** 「只检查」: read and check, write nothing. */
  checkOnly(options: PaneRunOptions): Promise<{ report: CheckReport; profile: Profile; skippedSheets?: SkippedSheet[] }>;
  /** 「一键核算」: read, check, apply the engine's plan. */
  recalculate(options: PaneRunOptions): Promise<{ report: CheckReport; outcome: ApplyOutcome; profile: Profile; skippedSheets?: SkippedSheet[] }>;
  /** The profile and 自动核查, stored in the workbook (the same part in Excel and WPS). */
  saveSettings(settings: AddinSettings): Promise<void>;
  /** 「清除标记」: our fills and notes go; values stay. */
  clearMarks(): Promise<{ cells: number }>;
  /** 「撤销本次修改」: the engine's undo plan, applied. */
  undo(): Promise<{ undone: boolean; kept: KeptCell[]; lines: string[] }>;
  /** Select a finding's cells; `others`: areas this program could not select together with the first. */
  select(sheet: string, cells: string): Promise<{ selected: string; others: string[] }>;
  /**
   * 自动核查: `onEdit` after edits inside the tables; null where the program has no change events.
   * `onEdit` rejects when its check fails: a host may retry (Excel, while a cell is being edited)
   * before it gives up and calls `onError`.
   */
  watch(tables: TableLocation[], onEdit: () => Promise<unknown>, onError: (e: unknown) => void): Promise<Watch | null>;
  /** A failure in words for the clerk (Chinese) and for the log (English). */
  explain(e: unknown): Promise<{ zh: string; en: string }>;
}
