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

describe("the task pane's state: a scattered finding in an Excel without RangeAreas", () => {
  const run = (actions: PaneAction[]): PaneState => actions.reduce(paneReducer, initialState);

  it("names the areas it could not select, keeps the result banner, and drops the line at the next click or action", () => {
    const partly = run([{ type: "failed", text: "x" }, { type: "selected", selected: "I15:I17", others: ["I19", "I21"] }]);
    expect(partly.selectionNote).toBe("已选中 I15:I17；同一问题还在 I19、I21（此版本 Excel 不能一次选中不相邻的单元格）。");
    expect(partly.notice).toEqual({ intent: "error", text: "x" });
    expect(paneReducer(partly, { type: "selected", selected: "I15:I17,I19,I21", others: [] }).selectionNote).toBeNull();
    expect(paneReducer(partly, { type: "start", busy: "review" }).selectionNote).toBeNull();
  });
});

describe("the task pane's result banner", () => {
  const finding = (severity: string) => ({ severity, rule: "value-missing", sheet: "附件2", cell: "D5", message: "", form: 0 });
  const reportWith = (...sev: string[]) => ({ findings: sev.map(finding) }) as unknown as CheckReport;
  const outcome = { written: 6, marked: 30, notesSkipped: [], fillsUnknown: false } as unknown as ApplyOutcome;
  const profile: Profile = PROFILES.seed;

  it("uses the error style when there are errors, the warning style for warnings alone, success for neither", () => {
    expect(paneReducer(initialState, { type: "checked", report: reportWith("error", "warning"), outcome, profile }).notice!.intent).toBe("error");
    expect(paneReducer(initialState, { type: "reviewed", report: reportWith("error"), profile }).notice!.intent).toBe("error");
    expect(paneReducer(initialState, { type: "checked", report: reportWith("warning", "info"), outcome, profile }).notice!.intent).toBe("warning");
    expect(paneReducer(initialState, { type: "reviewed", report: reportWith("info"), profile }).notice!.intent).toBe("success");
  });

  it("goes when the rule profile changes: only 「规则已更改」 is shown, not a result of the old profile", () => {
    const checked = paneReducer(initialState, { type: "checked", report: reportWith(), outcome, profile });
    expect(checked.notice!.intent).toBe("success");
    const changed = paneReducer(checked, { type: "profile", profileId: "national" });
    expect(changed.stale).toBe(true);
    expect(changed.notice).toBeNull();
    // Choosing a profile before any result, or the same one again, leaves a banner alone.
    const failed = paneReducer(initialState, { type: "failed", text: "Excel 返回了错误" });
    expect(paneReducer(failed, { type: "profile", profileId: "national" }).notice).toEqual(failed.notice);
    expect(paneReducer(checked, { type: "profile", profileId: "seed" }).notice).toEqual(checked.notice);
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

describe("the task pane's state: sheets the check could not read, and 自动核查 waiting", () => {
  const report = { findings: [] } as unknown as CheckReport;
  const profile: Profile = PROFILES.seed;
  const skipped = [{ sheet: "总账", zh: "工作表“总账”内容过多（最后一个单元格在 XFD1048576），本次未检查该表（其余工作表已照常检查）。" }];

  it("names each skipped sheet under the result and warns, whatever the result", () => {
    const s = paneReducer(initialState, { type: "reviewed", report, profile, skipped });
    expect(s.notice).toMatchObject({ intent: "warning", lines: [skipped[0].zh] });
    expect(s.notice!.text).toContain("以下工作表未检查");
    expect(paneReducer(initialState, { type: "reviewed", report, profile }).notice).toMatchObject({ intent: "success" });
  });

  it("a re-check the host will try again leaves the pane idle with its last result", () => {
    const busy = paneReducer(paneReducer(initialState, { type: "reviewed", report, profile }), { type: "start", busy: "review" });
    const waiting = paneReducer(busy, { type: "waiting" });
    expect(waiting.busy).toBeNull();
    expect(waiting.report).toBe(report);
  });
});
