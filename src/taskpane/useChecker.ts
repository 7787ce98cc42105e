import { useCallback, useEffect, useReducer } from "react";
import { PROFILES } from "../engine/profile";
import { AddinError, type OfficeApi } from "../adapters/office/officeApi";
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

  // The rule profile stored in the workbook, once the pane opens.
  useEffect(() => {
    void adapter()
      .then((a) => a.loadSettings(api))
      .then((s) => dispatch({ type: "profile", profileId: s.profile }))
      .catch((e) => console.error("[核算助手] settings not read:", e));
  }, [api]);

  const recalc = useCallback(async () => {
    dispatch({ type: "start", busy: "recalculate" });
    try {
      const { report, outcome, profile } = await (await adapter()).recalculate(api, { profile: PROFILES[state.profileId], narrative: state.narrative || undefined });
      dispatch({ type: "checked", report, outcome, profile });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [api, state.profileId, state.narrative]);

  const chooseProfile = useCallback(
    async (profileId: string) => {
      dispatch({ type: "profile", profileId });
      try {
        await (await adapter()).saveSettings(api, { profile: profileId, autoCheck: false });
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [api],
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
      dispatch({ type: "cleared", cells: (await (await adapter()).clearMarksInExcel(api)).cells });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [api]);

  const undo = useCallback(async () => {
    dispatch({ type: "start", busy: "undo" });
    try {
      dispatch({ type: "undone", undone: (await (await adapter()).undoInExcel(api)).undone });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [api]);

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        await (await adapter()).selectCellInExcel(api, sheet, cell);
      } catch (e) {
        dispatch(await failure(e));
      }
    },
    [api],
  );

  return { state, recalc, clear, undo, select, chooseProfile, setNarrative, pickReport };
}
