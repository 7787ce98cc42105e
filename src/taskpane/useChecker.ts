import { useCallback, useEffect, useReducer, useRef } from "react";
import { PROFILES } from "../engine/profile";
import { tablesOf } from "../engine/report";
import type { PaneHost, Watch } from "./host";
import { initialState, paneReducer, type PaneAction } from "./state";

/** Reading a report file (.docx, .txt) loads its reader on first use. */
const reportReader = () => import(/* webpackChunkName: "report-reader" */ "./readReportInBrowser");

/**
 * The pane's actions, each a thin call through the host (Excel or WPS): the
 * pane renders state and dispatches, the host does the work.
 */
export function useChecker(host: PaneHost) {
  const [state, dispatch] = useReducer(paneReducer, initialState);
  const watch = useRef<Watch | null>(null);
  const latest = useRef(state);
  latest.current = state;

  /** User-facing text for any failure; the English detail goes to the console log. */
  const failure = useCallback(
    async (e: unknown): Promise<PaneAction> => {
      const { zh, en } = await host.explain(e);
      console.error("[核算助手]", en);
      return { type: "failed", text: zh };
    },
    [host],
  );

  const options = () => {
    const s = latest.current;
    return { profile: PROFILES[s.profileId], narrative: s.narrative || undefined };
  };

  /**
   * 只检查 (and 自动核查's re-check): the report, or null when one of our own batches is still
   * running (an edit during it: its result is on its way). A failure is thrown to the caller.
   */
  const checkOnce = useCallback(
    async (isAuto: boolean) => {
      if (latest.current.busy) return null;
      dispatch({ type: "start", busy: "review" });
      try {
        const r = await host.checkOnly(options());
        dispatch({ type: "reviewed", report: r.report, profile: r.profile, auto: isAuto, skipped: r.skippedSheets });
        return r.report;
      } catch (e) {
        dispatch({ type: "waiting" });
        throw e;
      }
    },
    [host],
  );

  /** 只检查 from a button: a failure is said in the pane. */
  const review = useCallback(
    async (isAuto = false) => {
      try {
        return await checkOnce(isAuto);
      } catch (e) {
        dispatch(await failure(e));
        return null;
      }
    },
    [checkOnce, failure],
  );

  /**
   * 自动核查's re-check: its failure goes back to the host, which may try again (Excel, while a
   * cell is being edited) and calls `onError` when it gives up.
   */
  const autoReview = useCallback(() => checkOnce(true), [checkOnce]);

  const startAuto = useCallback(async () => {
    const report = await review(true);
    if (!report) return;
    await watch.current?.stop();
    watch.current = await host.watch(tablesOf(report), autoReview, (e) => void failure(e).then(dispatch));
  }, [host, review, autoReview, failure]);

  // When the pane opens: the workbook's stored settings.
  useEffect(() => {
    void host
      .open()
      .then(({ settings, canWatch }) => {
        dispatch({ type: "profile", profileId: settings.profile });
        dispatch({ type: "auto", on: settings.autoCheck && canWatch, available: canWatch });
        if (settings.autoCheck && canWatch) void startAuto();
      })
      .catch((e) => console.error("[核算助手] workbook not read on opening:", e));
    return () => void watch.current?.stop().catch(() => undefined);
  }, [host, startAuto]);

  const recalc = useCallback(async () => {
    dispatch({ type: "start", busy: "recalculate" });
    try {
      const s = latest.current;
      // The choices go with the plan: the host stores them where they differ from the workbook's.
      const r = await host.recalculate({ ...options(), settings: { profile: s.profileId, autoCheck: s.autoCheck } });
      dispatch({ type: "checked", report: r.report, outcome: r.outcome, profile: r.profile, skipped: r.skippedSheets });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [host, failure]);

  /**
   * Choices are written only where the pane writes anyway: at once after a
   * 一键核算 of this session, else with the next one (recalc passes them). A
   * reviewer who opens a submission, picks a profile and runs 只检查 leaves it
   * as it came.
   */
  const save = useCallback(
    async (profileId: string, autoCheck: boolean) => {
      if (latest.current.recalculated) await host.saveSettings({ profile: profileId, autoCheck });
    },
    [host],
  );

  const chooseProfile = useCallback(
    async (profileId: string) => {
      dispatch({ type: "profile", profileId });
      try {
        await save(profileId, latest.current.autoCheck);
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [save, failure],
  );

  const setAutoCheck = useCallback(
    async (on: boolean) => {
      dispatch({ type: "auto", on, available: latest.current.autoAvailable });
      try {
        await save(latest.current.profileId, on);
        if (on) await startAuto();
        else {
          await watch.current?.stop();
          watch.current = null;
        }
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [save, startAuto, failure],
  );

  const setNarrative = useCallback((text: string, source: string | null = null) => dispatch({ type: "narrative", text, source }), []);

  const pickReport = useCallback(async (file: File) => {
    try {
      dispatch({ type: "narrative", text: await (await reportReader()).readReportInBrowser(file), source: file.name });
    } catch (e) {
      dispatch({ type: "failed", text: `无法读取报告 ${file.name}：${(e as Error).message}` });
    }
  }, []);

  const clear = useCallback(async () => {
    dispatch({ type: "start", busy: "clear" });
    try {
      dispatch({ type: "cleared", cells: (await host.clearMarks()).cells });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [host, failure]);

  const undo = useCallback(async () => {
    dispatch({ type: "start", busy: "undo" });
    try {
      const r = await host.undo();
      dispatch({ type: "undone", undone: r.undone, kept: new Set(r.kept.map((k) => `${k.sheet}!${k.cell}`)).size, lines: r.lines });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [host, failure]);

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        dispatch({ type: "selected", ...(await host.select(sheet, cell)) });
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [host, failure],
  );

  return { state, recalc, review: () => void review(false), clear, undo, select, chooseProfile, setAutoCheck, setNarrative, pickReport };
}
