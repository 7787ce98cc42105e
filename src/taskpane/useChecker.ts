import { useCallback, useEffect, useReducer, useRef } from "react";
import { PROFILES } from "../engine/profile";
import { AddinError, has, type OfficeApi } from "../adapters/office/officeApi";
import type { AutoCheck } from "../adapters/office/autoCheck";
import type { WorkbookShape } from "../adapters/office/readPlan";
import { initialState, paneReducer, type PaneAction } from "./state";

/** The engine and the Office adapter load after the first paint: nothing needs them until a click. */
const adapter = () => import(/* webpackChunkName: "engine" */ "./adapter");

/** User-facing text for any failure; the English detail goes to the console log. */
async function failure(e: unknown): Promise<PaneAction> {
  const err = (await adapter()).asAddinError(e);
  console.error("[核算助手]", err instanceof Error ? err.message : err);
  return { type: "failed", text: err instanceof AddinError ? err.zh : "操作未能完成：Excel 返回了错误。请稍后重试；如果问题持续，请把工作簿和此提示反馈给开发者。" };
}

/** The pane's actions, each a thin call into the Office adapter. */
export function useChecker(api: OfficeApi) {
  const [state, dispatch] = useReducer(paneReducer, initialState);
  // The workbook's shape from the last read or write: the next read is then one batch.
  const shape = useRef<WorkbookShape | null>(null);
  const auto = useRef<AutoCheck | null>(null);
  const latest = useRef(state);
  latest.current = state;

  const review = useCallback(
    async (isAuto = false) => {
      const s = latest.current;
      if (s.busy) return null; // an edit during our own batch: its result is on its way
      dispatch({ type: "start", busy: "review" });
      try {
        const r = await (await adapter()).checkOnly(api, { profile: PROFILES[s.profileId], narrative: s.narrative || undefined, shape: shape.current });
        shape.current = r.shape;
        dispatch({ type: "reviewed", report: r.report, profile: r.profile, auto: isAuto });
        return r.report;
      } catch (e) {
        shape.current = null;
        dispatch(await failure(e));
        return null;
      }
    },
    [api],
  );

  const startAuto = useCallback(async () => {
    const report = await review(true);
    if (!report) return;
    const tables = [report.tables.basicData, report.tables.selfEvaluation].filter((t) => t !== null);
    await auto.current?.stop();
    auto.current = await (await adapter()).startAutoCheck(api, tables, () => void review(true));
  }, [api, review]);

  // When the pane opens: the workbook's shape and its stored settings (two small batches).
  useEffect(() => {
    const available = has(api, "events");
    void adapter()
      .then((a) => a.openWorkbook(api))
      .then(({ shape: s, settings }) => {
        shape.current = s;
        dispatch({ type: "profile", profileId: settings.profile });
        dispatch({ type: "auto", on: settings.autoCheck && available, available });
        if (settings.autoCheck && available) void startAuto();
      })
      .catch((e) => console.error("[核算助手] workbook not read on opening:", e));
    return () => void auto.current?.stop().catch(() => undefined);
  }, [api, startAuto]);

  const recalc = useCallback(async () => {
    const s = latest.current;
    dispatch({ type: "start", busy: "recalculate" });
    try {
      const r = await (await adapter()).recalculate(api, { profile: PROFILES[s.profileId], narrative: s.narrative || undefined, shape: shape.current });
      shape.current = r.outcome.shape;
      dispatch({ type: "checked", report: r.report, outcome: r.outcome, profile: r.profile });
    } catch (e) {
      shape.current = null;
      dispatch(await failure(e));
    }
  }, [api]);

  const save = useCallback(
    async (profileId: string, autoCheck: boolean) => {
      await (await adapter()).saveSettings(api, { profile: profileId, autoCheck });
      if (shape.current && has(api, "customXml")) shape.current = { ...shape.current, settings: true };
    },
    [api],
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
    [save],
  );

  const setAutoCheck = useCallback(
    async (on: boolean) => {
      dispatch({ type: "auto", on, available: latest.current.autoAvailable });
      try {
        await save(latest.current.profileId, on);
        if (on) await startAuto();
        else {
          await auto.current?.stop();
          auto.current = null;
        }
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [save, startAuto],
  );

  const setNarrative = useCallback((text: string, source: string | null = null) => dispatch({ type: "narrative", text, source }), []);

  const pickReport = useCallback(async (file: File) => {
    try {
      dispatch({ type: "narrative", text: await (await adapter()).readReportInBrowser(file), source: file.name });
    } catch (e) {
      dispatch({ type: "failed", text: `无法读取报告 ${file.name}：${(e as Error).message}` });
    }
  }, []);

  const clear = useCallback(async () => {
    dispatch({ type: "start", busy: "clear" });
    try {
      const r = await (await adapter()).clearMarksInExcel(api, shape.current);
      shape.current = r.shape;
      dispatch({ type: "cleared", cells: r.cells });
    } catch (e) {
      shape.current = null;
      dispatch(await failure(e));
    }
  }, [api]);

  const undo = useCallback(async () => {
    dispatch({ type: "start", busy: "undo" });
    try {
      const r = await (await adapter()).undoInExcel(api, shape.current);
      shape.current = r.shape;
      dispatch({ type: "undone", undone: r.undone, kept: new Set(r.kept.map((k) => `${k.sheet}!${k.cell}`)).size, lines: r.lines });
    } catch (e) {
      shape.current = null;
      dispatch(await failure(e));
    }
  }, [api]);

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        const r = await (await adapter()).selectCellInExcel(api, sheet, cell);
        dispatch({ type: "selected", ...r });
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [api],
  );

  return { state, recalc, review: () => void review(false), clear, undo, select, chooseProfile, setAutoCheck, setNarrative, pickReport };
}
