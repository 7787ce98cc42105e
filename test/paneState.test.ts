import { initialState, paneReducer, type PaneAction, type PaneState } from "../src/taskpane/state";
import type { ApplyOutcome } from "../src/adapters/office/applyPlan";
import type { CheckReport } from "../src/engine/report";
import type { Profile } from "../src/engine/profile";
import { PROFILES } from "../src/engine/profile";

/** The pane's first button: 一键核算 until a recalculation has run, then 重新核算, and 一键核算 again once undone. */
describe("the task pane's state: when 一键核算 becomes 重新核算", () => {
  const report = { findings: [] } as unknown as CheckReport;
  const profile: Profile = PROFILES.seed;
  const outcome = { written: 6, marked: 30, notesSkipped: [], fillsUnknown: false } as unknown as ApplyOutcome;
  const run = (actions: PaneAction[]): PaneState => actions.reduce(paneReducer, initialState);

  it("only 一键核算 makes it 重新核算; 只检查 and 自动核查 do not, and undoing resets it", () => {
    expect(run([]).recalculated).toBe(false);
    expect(run([{ type: "reviewed", report, profile }]).recalculated).toBe(false);
    const recalculated = run([{ type: "reviewed", report, profile }, { type: "checked", report, outcome, profile }]);
    expect(recalculated.recalculated).toBe(true);
    // 自动核查 after a recalculation reads again; what was filled in is still there.
    const auto = paneReducer(recalculated, { type: "reviewed", report, profile, auto: true });
    expect(auto.mode).toBe("review");
    expect(auto.recalculated).toBe(true);
    expect(paneReducer(auto, { type: "undone", undone: true }).recalculated).toBe(false);
    expect(paneReducer(auto, { type: "undone", undone: false }).recalculated).toBe(true);
  });
});

describe("the task pane's state after 撤销本次修改", () => {
  it("says the workbook is as it was only when nothing was kept; otherwise lists the kept cells", () => {
    const clean = paneReducer(initialState, { type: "undone", undone: true, kept: 0, lines: [] });
    expect(clean.notice).toEqual({ intent: "success", text: "已撤销核算助手所做的全部修改，工作簿恢复原样。" });
    const kept = paneReducer(initialState, { type: "undone", undone: true, kept: 1, lines: ["附件1!D4 已被修改，保留现值"] });
    expect(kept.notice?.intent).toBe("warning");
    expect(kept.notice?.text).not.toContain("恢复原样");
    expect(kept.notice?.text).toContain("1 个单元格");
    expect(kept.notice?.lines).toEqual(["附件1!D4 已被修改，保留现值"]);
  });
});
