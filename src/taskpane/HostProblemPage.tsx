import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import type { HostProblem } from "./hostProblem";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  title: { display: "block", margin: 0 },
});

/** Shown instead of the pane where it cannot run (see hostProblem.ts). */
export function HostProblemPage({ problem }: { problem: HostProblem }) {
  const s = useStyles();
  return (
    <main className={s.root} data-host-problem={problem.kind}>
      <Text as="h1" size={500} weight="semibold" className={s.title}>
        绩效自评核算
      </Text>
      <div role={problem.kind === "office-js-missing" ? "alert" : "status"}>
        <MessageBar intent={problem.kind === "office-js-missing" ? "error" : "info"} layout="multiline">
          <MessageBarBody>
            {/* The title is inline in Fluent's MessageBar: the detail goes on its own line. */}
            <MessageBarTitle>{problem.title}</MessageBarTitle>
            <div>{problem.detail}</div>
          </MessageBarBody>
        </MessageBar>
      </div>
    </main>
  );
}
