import * as React from "react";
import { Badge, Card, CardHeader, makeStyles, Text, tokens } from "@fluentui/react-components";
import { SEED_PROFILE, type Profile } from "../../engine/profile";
import type { CheckReport, Computed } from "../../engine/report";
import { fmtAmount, fmtPercent } from "../../engine/values";
import { bandWords } from "../../engine/bandWords";
import { GRADE_PENDING } from "../../engine/grade";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  label: { color: tokens.colorNeutralForeground3 },
  missing: { color: tokens.colorNeutralForeground4 },
});

const GRADE_COLOR: Record<string, "success" | "brand" | "warning" | "danger"> = { 优秀: "success", 优: "success", 良好: "brand", 良: "brand", 较差: "warning", 中: "warning", 差: "danger" };

export { GRADE_PENDING };

/** 待定 when there is a total but no grade (a disputed total); null when there is nothing to show. */
export function gradeWord(c: Pick<Computed, "grade" | "totalScore">): string | null {
  if (c.grade !== null) return c.grade;
  return c.totalScore !== null ? GRADE_PENDING : null;
}

export interface SummaryCardProps {
  report: CheckReport;
  /** The profile the report was made with (its bands are shown). */
  profile?: Profile;
  /** The rule profile changed since: the grade and band are not shown. */
  stale?: boolean;
}

/** 单位, 执行率, 控制率, 总分 and 等级 with its band in words. */
export function SummaryCard({ report, profile = SEED_PROFILE, stale = false }: SummaryCardProps) {
  const s = useStyles();
  const c = report.computed;
  const none = <span className={s.missing}>无法计算</span>;
  const rows: [string, React.ReactNode][] = [
    ["执行率", c.executionRate === null ? none : fmtPercent(c.executionRate)],
    ["执行率得分", c.executionScore === null ? none : `${fmtAmount(c.executionScore)} 分`],
    ["编制控制率", c.staffControlRate === null ? none : fmtPercent(c.staffControlRate)],
    ...c.buildings.map((b, i): [string, React.ReactNode] => [
      `楼堂馆所 ${i + 1}`,
      `规模 ${b.scaleControlRate === null ? "—" : fmtPercent(b.scaleControlRate)} · 投资 ${b.investmentControlRate === null ? "—" : fmtPercent(b.investmentControlRate)}`,
    ]),
    ["总分", c.totalScore === null ? none : `${fmtAmount(c.totalScore)} 分`],
    ["评价等级", stale ? <span className={s.missing}>规则已更改，请重新核算</span> : gradeCell(c, profile, none)],
  ];
  return (
    <Card aria-label="核算结果">
      <CardHeader header={<Text weight="semibold">{report.unit ?? "（未找到单位名称）"}</Text>} />
      <dl className={s.grid} style={{ margin: 0 }}>
        {rows.map(([k, v]) => (
          <React.Fragment key={k}>
            <dt className={s.label}>{k}</dt>
            <dd style={{ margin: 0 }}>{v}</dd>
          </React.Fragment>
        ))}
      </dl>
    </Card>
  );
}

function gradeCell(c: Computed, profile: Profile, none: React.ReactNode): React.ReactNode {
  const word = gradeWord(c);
  if (word === null) return none;
  if (word === GRADE_PENDING) return <Badge appearance="outline" color="warning">{GRADE_PENDING}</Badge>;
  return (
    <>
      <Badge appearance="filled" color={GRADE_COLOR[word] ?? "brand"}>
        {word}
      </Badge>{" "}
      <Text size={200}>
        {bandWords(word, profile)} · {profile.name}
      </Text>
    </>
  );
}
