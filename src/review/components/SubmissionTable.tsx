import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { fmtAmount, fmtPercent } from "../../engine/values";
import { mainProblem, type TableRow } from "../rows";

/**
 * Plain table elements styled with Fluent's tokens, not Fluent's Table components: the
 * table is drawn once with every submission (hundreds of rows), and with Fluent's
 * components 200 rows took about twice as long to draw (React's commit 150 → 60 ms,
 * first paint 330 → 200 ms, measured in Chromium on the 200-file benchmark folder).
 */
const cellBorder = `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`;
const useStyles = makeStyles({
  table: { width: "100%", minWidth: "1100px", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground1 },
  th: { textAlign: "left", whiteSpace: "nowrap", fontWeight: tokens.fontWeightRegular, padding: `0 ${tokens.spacingHorizontalS}`, height: "32px", borderBottom: cellBorder },
  td: { padding: `0 ${tokens.spacingHorizontalS}`, height: "32px", borderBottom: cellBorder },
  row: { ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover } },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  file: {
    border: "none",
    background: "none",
    padding: `${tokens.spacingVerticalXS} 0`,
    font: "inherit",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    textAlign: "left",
    cursor: "pointer",
    ":hover": { color: tokens.colorBrandForeground1, textDecorationLine: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusMedium },
  },
  nowrap: { whiteSpace: "nowrap" },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  problem: { color: tokens.colorNeutralForeground2 },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, textAlign: "right" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, textAlign: "right" },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
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
    <table className={s.table} aria-label="核查结果一览">
      <thead>
        <tr>
          {HEADERS.map((h) => (
            <th key={h} className={s.th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const c = r.cells;
          return (
            <tr key={r.key} className={mergeClasses(s.row, selected === r.key && s.selected)} data-row={r.key} aria-selected={selected === r.key}>
              <td className={s.td}>
                <button type="button" className={s.file} onClick={() => onOpen(r)} aria-label={`${r.submission.file}${c?.title ? ` ${c.title}` : ""}：查看问题`}>
                  {r.submission.file}
                </button>
              </td>
              <td className={s.td}>{c?.unit ?? "—"}</td>
              <td className={s.td}>{c ? c.title || "（未找到自评表）" : "—"}</td>
              <td className={mergeClasses(s.td, s.num)}>{pct(c?.executionRate)}</td>
              <td className={mergeClasses(s.td, s.num)}>{pct(c?.controlRate)}</td>
              <td className={mergeClasses(s.td, s.num)}>{num(c?.totalScore)}</td>
              <td className={mergeClasses(s.td, s.nowrap)}>{c?.grade ?? "—"}</td>
              <td className={mergeClasses(s.td, c?.errors ? s.bad : s.num)}>{c ? c.errors : "—"}</td>
              <td className={mergeClasses(s.td, c?.warnings ? s.warn : s.num)}>{c ? c.warnings : "—"}</td>
              <td className={mergeClasses(s.td, c ? s.problem : s.failed)}>{mainProblem(r)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
