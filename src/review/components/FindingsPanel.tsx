import { forwardRef } from "react";
import { Badge, Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Severity } from "../../engine/findings";
import { SEVERITY_ZH } from "../../engine/plan";
import { groupFindingRows } from "../../summary/groups";
import { reportNote } from "../../summary/submission";
import type { TableRow } from "../rows";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  head: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  where: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, marginRight: tokens.spacingHorizontalS },
  detail: { margin: `${tokens.spacingVerticalXS} 0 0 ${tokens.spacingHorizontalL}`, padding: 0, color: tokens.colorNeutralForeground2 },
});

const COLOR: Record<Severity, "danger" | "warning" | "informative"> = { error: "danger", warning: "warning", info: "informative" };

export interface FindingsPanelProps {
  row: TableRow;
  onClose: () => void;
}

/** A row's findings, worst first, the same problem down a column shown once with its range. */
export const FindingsPanel = forwardRef<HTMLHeadingElement, FindingsPanelProps>(function FindingsPanel({ row, onClose }, ref) {
  const s = useStyles();
  const sub = row.submission;
  const own = sub.findings.filter((f) => f.form === row.form);
  const order: Severity[] = ["error", "warning", "info"];
  const groups = groupFindingRows([...own].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity)));
  const note = row.form === 0 || row.form === null ? reportNote(sub) : null;
  const title = `${sub.file}${row.cells?.title ? ` · ${row.cells.title}` : ""}`;
  return (
    <section className={s.panel} aria-labelledby="findings-title">
      <div className={s.head}>
        <h2 id="findings-title" ref={ref} tabIndex={-1} style={{ margin: 0, fontSize: tokens.fontSizeBase500 }}>
          问题明细：{title}
        </h2>
        <Button onClick={onClose} aria-keyshortcuts="Escape">
          关闭
        </Button>
      </div>
      {sub.failure && <Text weight="semibold">无法核查：{sub.failure}</Text>}
      {note && <Text>{note}</Text>}
      {!sub.failure && !groups.length && <Text>未发现问题。</Text>}
      {!!row.cells?.reading?.length && (
        <section aria-label="表格识别情况">
          <Text weight="semibold">表格识别情况</Text>
          <ul className={s.list}>
            {row.cells.reading.map((line) => (
              <li key={line}>
                <Text size={200}>{line}</Text>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul className={s.list} aria-label="问题列表">
        {groups.map((g, i) => (
          <li key={`${g.rule}:${g.sheet}:${g.range}:${i}`}>
            <Badge appearance="tint" color={COLOR[g.severity]}>
              {SEVERITY_ZH[g.severity]}
            </Badge>{" "}
            <span className={s.where}>
              {g.sheet}!{g.range}
            </span>
            <Text weight="semibold">{g.ruleName}</Text>
            <div className={s.detail}>{g.message}</div>
          </li>
        ))}
      </ul>
    </section>
  );
});
