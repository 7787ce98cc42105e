import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, CounterBadge, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../engine/findings";
import { SEVERITY_ZH } from "../../engine/plan";

const useStyles = makeStyles({
  item: { display: "flex", justifyContent: "flex-start", textAlign: "left", width: "100%", gap: tokens.spacingHorizontalS, alignItems: "flex-start", height: "auto", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  where: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "nowrap", color: tokens.colorBrandForeground1 },
  list: { listStyleType: "none", margin: 0, padding: 0 },
});

const COLOR: Record<Severity, "danger" | "important" | "informative"> = { error: "danger", warning: "important", info: "informative" };

export interface FindingsListProps {
  findings: Finding[];
  onSelect: (sheet: string, cell: string) => void;
}

/** Findings grouped by severity; each one selects its cell when clicked. */
export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const s = useStyles();
  const groups = (["error", "warning", "info"] as Severity[]).map((sev) => ({ sev, list: findings.filter((f) => f.severity === sev) })).filter((g) => g.list.length);
  if (!groups.length) return <Text>未发现问题。</Text>;
  return (
    <Accordion multiple collapsible defaultOpenItems={groups.filter((g) => g.sev !== "info").map((g) => g.sev)}>
      {groups.map(({ sev, list }) => (
        <AccordionItem value={sev} key={sev}>
          <AccordionHeader>
            {SEVERITY_ZH[sev]}&nbsp;
            <CounterBadge count={list.length} color={COLOR[sev]} size="small" aria-label={`${list.length} 项`} />
          </AccordionHeader>
          <AccordionPanel>
            <ul className={s.list} aria-label={`${SEVERITY_ZH[sev]}列表`}>
              {list.map((f, i) => (
                <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`}>
                  <Button appearance="subtle" className={s.item} onClick={() => onSelect(f.sheet, f.cell)} aria-label={`${SEVERITY_ZH[sev]}，${f.sheet} ${f.cell}：${f.message}`}>
                    <span className={s.where}>
                      {f.sheet}!{f.cell}
                    </span>
                    <span>{f.message}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
