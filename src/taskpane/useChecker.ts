import { useCallback, useReducer } from "react";
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

  const recalc = useCallback(async () => {
    dispatch({ type: "start", busy: "recalculate" });
    try {
      const { report, outcome } = await (await adapter()).recalculate(api);
      dispatch({ type: "checked", report, outcome });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [api]);

  const clear = useCallback(async () => {
    dispatch({ type: "start", busy: "clear" });
    try {
      dispatch({ type: "cleared", cells: await (await adapter()).clearMarksInExcel(api) });
    } catch (e) {
      dispatch(await failure(e));
    }
  }, [api]);

  const undo = useCallback(async () => {
    dispatch({ type: "start", busy: "undo" });
    try {
      dispatch({ type: "undone", undone: await (await adapter()).undoInExcel(api) });
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

  return { state, recalc, clear, undo, select };
}
