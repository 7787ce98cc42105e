import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { fmtAmount, fmtPercent } from "../../engine/values";
import { mainProblem, reportLine, type TableRow } from "../rows";

/**
 * Table elements styled with Fluent's tokens, not Fluent's Table components, and laid out
 * row by row: each row is a grid on the same column template, so a row off screen is
 * skipped by the browser (content-visibility) until it is scrolled to. A folder of hundreds
 * of submissions is drawn at once when its check ends; as one HTML table, every cell had to
 * be laid out before the first paint (about 90 ms of layout for 200 rows in Chromium), and
 * Fluent's Table components took twice as long again. The explicit roles keep it a table for
 * screen readers whatever its display. A browser without content-visibility (Chromium before 85,
 * Safari before 18) draws every row, as before.
 */
const cellBorder = `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`;
/** 文件, 单位, 表, 执行率, 控制率, 总分, 等级, 错误, 警告, 主要问题. */
const COLUMNS = "minmax(150px, 1.6fr) minmax(110px, 1.1fr) minmax(130px, 1.3fr) 76px 76px 64px 56px 48px 48px minmax(220px, 3fr)";
/** On paper every column shares the page's width: none is cut off at the right edge. */
const PRINT_COLUMNS = "minmax(0, 1.6fr) minmax(0, 1.1fr) minmax(0, 1.3fr) 60px 60px 44px 40px 36px 36px minmax(0, 3fr)";
const PRINT = "@media print";
const useStyles = makeStyles({
  table: { display: "block", width: "100%", minWidth: "1100px", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground1, [PRINT]: { minWidth: 0, fontSize: "9pt", lineHeight: "1.35" } },
  group: { display: "block" },
  tr: { display: "grid", gridTemplateColumns: COLUMNS, alignItems: "center", minHeight: "32px", borderBottom: cellBorder, [PRINT]: { gridTemplateColumns: PRINT_COLUMNS, breakInside: "avoid", minHeight: 0 } },
  // Rows off screen are neither laid out nor painted; "auto" remembers a drawn row's height.
  // On paper every row is drawn.
  body: { contentVisibility: "auto", containIntrinsicSize: "auto 33px", ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover }, [PRINT]: { contentVisibility: "visible" } },
  // The file column stays in view when a narrow window (800 px) scrolls the table sideways.
  first: { position: "sticky", left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1, boxShadow: `inset -1px 0 0 ${tokens.colorNeutralStroke2}`, [PRINT]: { position: "static", boxShadow: "none" } },
  firstSelected: { backgroundColor: tokens.colorBrandBackground2 },
  th: { display: "block", textAlign: "left", whiteSpace: "nowrap", fontWeight: tokens.fontWeightRegular, padding: `0 ${tokens.spacingHorizontalS}` },
  td: { display: "block", padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, overflowWrap: "anywhere" },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  file: {
    border: "none",
    background: "none",
    padding: `${tokens.spacingVerticalXS} 0`,
    font: "inherit",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    textAlign: "left",
    overflowWrap: "anywhere",
    cursor: "pointer",
    ":hover": { color: tokens.colorBrandForeground1, textDecorationLine: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusMedium },
  },
  right: { textAlign: "right" },
  report: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, overflowWrap: "anywhere" },
  unread: { color: tokens.colorPaletteDarkOrangeForeground1 },
  // Results of a profile no longer chosen: shown greyed until the re-check replaces them.
  stale: { opacity: 0.45 },
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
  /** The rule profile changed and the rows are being checked again. */
  stale?: boolean;
  /** Files picked again that replaced their own row in the last pick. */
  replaced?: ReadonlySet<string>;
  onOpen: (row: TableRow) => void;
}

/** Columns of figures: their headers align with the figures, on the right. */
const NUMERIC_HEADERS = new Set([3, 4, 5, 7, 8]);
const HEADERS = ["文件", "单位", "表", "执行率", "控制率", "总分", "等级", "错误", "警告", "主要问题"];

/** The submissions, worst first; a row's file button opens its findings. */
export function SubmissionTable({ rows, selected, stale = false, replaced, onOpen }: SubmissionTableProps) {
  const s = useStyles();
  return (
    <table role="table" className={mergeClasses(s.table, stale && s.stale)} aria-label="核查结果一览" aria-busy={stale}>
      <thead role="rowgroup" className={s.group}>
        <tr role="row" className={s.tr}>
          {HEADERS.map((h, i) => (
            <th key={h} role="columnheader" className={mergeClasses(s.th, NUMERIC_HEADERS.has(i) && s.right, i === 0 && s.first)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className={s.group}>
        {rows.map((r) => {
          const c = r.cells;
          return (
            <tr key={r.key} role="row" className={mergeClasses(s.tr, s.body, selected === r.key && s.selected)} data-row={r.key} aria-selected={selected === r.key}>
              <td role="cell" className={mergeClasses(s.td, s.first, selected === r.key && s.firstSelected)}>
                <button type="button" className={s.file} onClick={() => onOpen(r)} aria-label={`${r.submission.file}${c?.title ? ` ${c.title}` : ""}：查看问题`}>
                  {r.submission.file}
                </button>
                {replaced?.has(r.submission.file) && (
                  <Badge appearance="tint" color="informative" size="small" aria-label="重新选择，已替换原来的结果">
                    已替换
                  </Badge>
                )}
                <span className={mergeClasses(s.report, !!r.submission.report && !r.submission.report.read && s.unread)} data-report>
                  {reportLine(r.submission)}
                </span>
              </td>
              <td role="cell" className={s.td}>{c?.unit ?? "—"}</td>
              <td role="cell" className={s.td}>
                {c ? c.title || "（未找到自评表）" : "—"}
                {/* What the reader could not read on this form, so a missing figure explains itself in the table. */}
                {c?.reading?.find((l) => l.startsWith("未能识别：")) && (
                  <span className={s.report} data-unread>
                    {c.reading.find((l) => l.startsWith("未能识别："))}
                  </span>
                )}
              </td>
              <td role="cell" className={mergeClasses(s.td, s.num)}>{pct(c?.executionRate)}</td>
              <td role="cell" className={mergeClasses(s.td, s.num)}>{pct(c?.controlRate)}</td>
              <td role="cell" className={mergeClasses(s.td, s.num)}>{num(c?.totalScore)}</td>
              <td role="cell" className={mergeClasses(s.td, s.nowrap)}>{c?.grade ?? "—"}</td>
              <td role="cell" className={mergeClasses(s.td, c?.errors ? s.bad : s.num)}>{c ? c.errors : "—"}</td>
              <td role="cell" className={mergeClasses(s.td, c?.warnings ? s.warn : s.num)}>{c ? c.warnings : "—"}</td>
              <td role="cell" className={mergeClasses(s.td, c ? s.problem : s.failed)}>{mainProblem(r)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
