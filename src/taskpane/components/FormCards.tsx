import { Badge, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { CheckReport, FormReport } from "../../engine/report";
import { fmtAmount, fmtPercent } from "../../engine/values";
import { ReadingDetails } from "./ReadingDetails";
import { GRADE_PENDING, gradeWord } from "./SummaryCard";

/** The report's forms (a report kept from an older version of the pane may have none). */
export function formsOf(report: CheckReport): FormReport[] {
  return Array.isArray(report.forms) ? report.forms : [];
}

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  card: { padding: tokens.spacingHorizontalS },
  where: { color: tokens.colorNeutralForeground3 },
  figures: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
});

export interface FormCardsProps {
  forms: FormReport[];
  stale: boolean;
}

/** One compact card per form: where it is and its figures. */
export function FormCards({ forms, stale }: FormCardsProps) {
  const s = useStyles();
  const pct = (v: number | null) => (v === null ? "—" : fmtPercent(v));
  const num = (v: number | null) => (v === null ? "—" : `${fmtAmount(v)} 分`);
  return (
    <section aria-label="各张自评表">
      <Text weight="semibold">共 {forms.length} 张自评表</Text>
      <ul className={s.list}>
        {forms.map((f, i) => {
          const word = gradeWord(f.computed);
          return (
            <li key={`${f.sheet}!${f.range}:${i}`}>
              <Card className={s.card} aria-label={`${f.kind === "department" ? "部门整体" : "项目"}：${f.title}`} size="small">
                <Text weight="semibold">{f.title}</Text>
                <Text size={200} className={s.where}>
                  {f.sheet}!{f.range}
                  {f.unit ? ` · ${f.unit}` : ""}
                </Text>
                <div className={s.figures}>
                  <Text size={200}>执行率 {pct(f.computed.executionRate)}</Text>
                  <Text size={200}>执行率得分 {num(f.computed.executionScore)}</Text>
                  <Text size={200}>总分 {num(f.computed.totalScore)}</Text>
                  <Text size={200}>
                    等级 {stale ? "—" : word === null ? "—" : <Badge appearance={word === GRADE_PENDING ? "outline" : "filled"} color={word === GRADE_PENDING ? "warning" : "brand"}>{word}</Badge>}
                  </Text>
                </div>
                <ReadingDetails reading={f.reading} />
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
