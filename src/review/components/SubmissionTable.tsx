import { Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow as Row, tokens } from "@fluentui/react-components";
import { fmtAmount, fmtPercent } from "../../engine/values";
import { mainProblem, type TableRow } from "../rows";

const useStyles = makeStyles({
  table: { minWidth: "1100px", tableLayout: "auto" },
  nowrap: { whiteSpace: "nowrap" },
  file: { textAlign: "left", justifyContent: "flex-start", height: "auto", minWidth: 0, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  problem: { color: tokens.colorNeutralForeground2 },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, textAlign: "right" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, textAlign: "right" },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
});

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : fmtPercent(v));
const num = (v: number | null | undefined) => (v === null || v === undefined ? "—" : fmtAmount(v));

export interface SubmissionTableProps {
  rows: TableRow[];
  selected: string | null;
  onOpen: (row: TableRow) => void;
}

const HEADERS = ["文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"];

/** The submissions, worst first; a row's file button opens its findings. */
export function SubmissionTable({ rows, selected, onOpen }: SubmissionTableProps) {
  const s = useStyles();
  return (
    <Table className={s.table} aria-label="核查结果一览" size="small">
      <TableHeader>
        <Row>
          {HEADERS.map((h) => (
            <TableHeaderCell key={h} className={s.nowrap}>
              {h}
            </TableHeaderCell>
          ))}
        </Row>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const c = r.cells;
          return (
            <Row key={r.key} className={selected === r.key ? s.selected : undefined} data-row={r.key} aria-selected={selected === r.key}>
              <TableCell>
                <Button appearance="transparent" className={s.file} onClick={() => onOpen(r)} aria-label={`${r.submission.file}${c?.title ? ` ${c.title}` : ""}：查看问题`}>
                  {r.submission.file}
                </Button>
              </TableCell>
              <TableCell>{c?.unit ?? "—"}</TableCell>
              <TableCell>{c ? c.title || "（未找到自评表）" : "—"}</TableCell>
              <TableCell className={s.num}>{pct(c?.executionRate)}</TableCell>
              <TableCell className={s.num}>{pct(c?.controlRate)}</TableCell>
              <TableCell className={s.num}>{num(c?.totalScore)}</TableCell>
              <TableCell className={s.nowrap}>{c?.grade ?? "—"}</TableCell>
              <TableCell className={c?.errors ? s.bad : s.num}>{c ? c.errors : "—"}</TableCell>
              <TableCell className={c?.warnings ? s.warn : s.num}>{c ? c.warnings : "—"}</TableCell>
              <TableCell className={c ? s.problem : s.failed}>{mainProblem(r)}</TableCell>
            </Row>
          );
        })}
      </TableBody>
    </Table>
  );
}
