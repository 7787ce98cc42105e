import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, CounterBadge, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../engine/findings";
import { groupFindings } from "../../engine/findingGroups";
import { SEVERITY_ZH } from "../../engine/plan";
import { ruleNameZh } from "../../engine/ruleNames";

const useStyles = makeStyles({
  item: { display: "flex", flexDirection: "column", justifyContent: "flex-start", textAlign: "left", width: "100%", gap: tokens.spacingVerticalXXS, alignItems: "flex-start", height: "auto", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  where: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, overflowWrap: "anywhere" },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular },
  message: { fontWeight: tokens.fontWeightRegular },
  list: { listStyleType: "none", margin: 0, padding: 0 },
});

const COLOR: Record<Severity, "danger" | "important" | "informative"> = { error: "danger", warning: "important", info: "informative" };

export interface FindingsListProps {
  findings: Finding[];
  /** Select a finding's cells on a sheet: one area ("E14:E23") or several ("I15:I17,I19,I21"). */
  onSelect: (sheet: string, cell: string) => void;
}

/**
 * Findings by severity; the same problem repeated down a column is one entry
 * over its range (the counter still counts cells). Clicking an entry selects
 * its cells, every area of a scattered group.
 */
export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const s = useStyles();
  const all = groupFindings(findings);
  const bySeverity = (["error", "warning", "info"] as Severity[])
    .map((sev) => ({ sev, list: all.filter((g) => g.severity === sev), count: findings.filter((f) => f.severity === sev).length }))
    .filter((g) => g.list.length);
  if (!bySeverity.length) return <Text>未发现问题。</Text>;
  return (
    <Accordion multiple collapsible defaultOpenItems={bySeverity.filter((g) => g.sev !== "info").map((g) => g.sev)}>
      {bySeverity.map(({ sev, list, count }) => (
        <AccordionItem value={sev} key={sev}>
          <AccordionHeader>
            {SEVERITY_ZH[sev]}&nbsp;
            <CounterBadge count={count} color={COLOR[sev]} size="small" aria-label={`${count} 项`} />
          </AccordionHeader>
          <AccordionPanel>
            <ul className={s.list} aria-label={`${SEVERITY_ZH[sev]}列表`}>
              {list.map((g) => {
                const where = `${g.sheet}!${g.range}`;
                const many = g.findings.length > 1 ? `（${g.findings.length} 处）` : "";
                return (
                  <li key={`${where}:${g.rule}:${g.message}`}>
                    <Button appearance="subtle" className={s.item} onClick={() => onSelect(g.sheet, g.range)} aria-label={`${SEVERITY_ZH[sev]}，${g.sheet} ${g.range}${many}：${g.message}（${ruleNameZh(g.rule)}）`}>
                      <span className={s.head}>
                        <span className={s.where}>
                          {where}
                          {many}
                        </span>
                        <span className={s.rule}>{ruleNameZh(g.rule)}</span>
                      </span>
                      <span className={s.message}>{g.message}</span>
                    </Button>
                  </li>
                );
              })}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
