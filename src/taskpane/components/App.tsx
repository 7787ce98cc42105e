import { Button, Divider, makeStyles, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Text, tokens } from "@fluentui/react-components";
import type { PaneHost } from "../host";
import { useChecker } from "../useChecker";
import { ActionBar } from "./ActionBar";
import { FormCards, formsOf } from "./FormCards";
import { ReadingDetails } from "./ReadingDetails";
import { SettingsPanel } from "./SettingsPanel";
import { FindingsList } from "./FindingsList";
import { SummaryCard } from "./SummaryCard";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minHeight: "100vh", boxSizing: "border-box", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  title: { display: "block", margin: 0 },
  subtitle: { display: "block", marginTop: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground3 },
  // Fluent's Divider grows to fill its flex line (made for rows): in this column it took the pane's
  // free height, leaving a gap with a rule in its middle before the first check.
  divider: { flexGrow: 0 },
  hint: { display: "block", margin: 0, color: tokens.colorNeutralForeground2 },
  // A notice's details (undo's kept cells): one a line, scrolled when many.
  lines: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, maxHeight: "12em", overflowY: "auto" },
});

const BUSY_TEXT = { recalculate: "正在核算…", review: "正在检查（不修改工作簿）…", clear: "正在清除标记…", undo: "正在撤销…" };

export interface AppProps {
  /** The spreadsheet program the pane runs in (Excel or WPS 表格). */
  host: PaneHost;
}

export function App({ host }: AppProps) {
  const s = useStyles();
  const { state, recalc, review, clear, undo, select, chooseProfile, setAutoCheck, setNarrative, pickReport } = useChecker(host);
  const forms = state.report ? formsOf(state.report) : [];
  const rerun = state.mode === "review" ? review : recalc;
  return (
    <main className={s.root}>
      <header>
        <Text as="h1" size={500} weight="semibold" className={s.title}>
          绩效自评核算
        </Text>
        <Text as="p" size={200} className={s.subtitle}>
          核对部门整体支出绩效自评表的合计、执行率、控制率、总分和等级。
        </Text>
      </header>
      <ActionBar busy={state.busy} recalculated={state.recalculated} onRecalculate={recalc} onReview={review} onClear={clear} onUndo={undo} />
      {state.busy && <ProgressBar aria-label={BUSY_TEXT[state.busy]} thickness="large" />}
      <div aria-live="polite">
        {state.busy && <Text>{BUSY_TEXT[state.busy]}</Text>}
        {state.notice && (
          <MessageBar intent={state.notice.intent}>
            <MessageBarBody>
              {state.notice.text}
              {state.notice.lines?.length ? (
                <ul className={s.lines}>
                  {state.notice.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        )}
        {state.selectionNote && <Text as="p" className={s.hint}>{state.selectionNote}</Text>}
        {state.stale && !state.busy && (
          <MessageBar intent="warning">
            <MessageBarBody>{state.mode === "review" ? "规则已更改，请重新检查" : "规则已更改，请重新核算"}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={rerun}>
                {state.mode === "review" ? "只检查" : "重新核算"}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
      {state.report && (
        <>
          <SummaryCard report={state.report} profile={state.profile ?? undefined} stale={state.stale} />
          {forms.length > 1 && <FormCards forms={forms} stale={state.stale} />}
          {forms.length === 1 && <ReadingDetails reading={forms[0].reading} />}
          <Divider className={s.divider} />
          <section aria-label="发现的问题">
            {/* A new result mounts the list afresh, so 错误 opens again whenever there are errors. */}
            <FindingsList key={state.runs} findings={state.report.findings} onSelect={select} />
          </section>
        </>
      )}
      {/* Settings last: after a check, the results are what fits in the pane's first screen. */}
      {!state.report && !state.busy && !state.notice && (
        <Text as="p" size={300} className={s.hint}>
          「一键核算」填入执行率、控制率、总分和等级，并标出与表中数字不一致的单元格；「只检查」只列出问题，不修改工作簿。核算所做的修改可用「撤销本次修改」全部撤回。
        </Text>
      )}
      <Divider className={s.divider} />
      <SettingsPanel
        profileId={state.profileId}
        narrative={state.narrative}
        narrativeSource={state.narrativeSource}
        autoCheck={state.autoCheck}
        autoAvailable={state.autoAvailable}
        noAutoText={host.noWatchText}
        disabled={state.busy !== null}
        onProfile={chooseProfile}
        onAutoCheck={setAutoCheck}
        onNarrative={(t) => setNarrative(t)}
        onPickReport={pickReport}
      />
    </main>
  );
}
