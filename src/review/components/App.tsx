import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Field, makeStyles, mergeClasses, MessageBar, MessageBarBody, ProgressBar, Select, Text, tokens } from "@fluentui/react-components";
import { PROFILES } from "../../engine/profile";
import type { Submission } from "../../summary/submission";
import { CheckerClient } from "../client";
import { toBatch, type Batch, type PickedFile } from "../collect";
import type { Reply } from "../protocol";
import { FILTERS, filterLabel, matches, mergeBatch, tableRows, type Filter, type TableRow } from "../rows";
import { LaterPickDialog } from "./LaterPickDialog";
import { FindingsPanel } from "./FindingsPanel";
import { Picker } from "./Picker";
import { SubmissionTable } from "./SubmissionTable";

const useStyles = makeStyles({
  main: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`, minHeight: "100vh", boxSizing: "border-box", backgroundColor: tokens.colorNeutralBackground3 },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  title: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalL },
  scroll: { overflowX: "auto", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow4, "@media print": { overflowX: "visible", boxShadow: "none" } },
  // Ctrl+P prints the title, the result line and the table: the controls stay on screen.
  screenOnly: { "@media print": { display: "none" } },
  printed: { "@media print": { padding: 0, backgroundColor: "transparent", minHeight: 0, gap: tokens.spacingVerticalS } },
});

type Phase = "idle" | "checking" | "done";
type Workbook = Batch["workbooks"][number];

/** How often the progress bar moves while checking. */
const PROGRESS_EVERY_MS = 250;

/** 「批量核查」: a folder of submissions checked in this browser; nothing leaves the machine. */
export function App() {
  const s = useStyles();
  const client = useRef<CheckerClient | null>(null);
  const findingsHeading = useRef<HTMLHeadingElement>(null);
  const [profile, setProfile] = useState("seed");
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [subs, setSubs] = useState<Submission[]>([]);
  const [source, setSource] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [open, setOpen] = useState<TableRow | null>(null);
  const [status, setStatus] = useState("请选择或拖入要核查的文件夹。");
  const [busy, setBusy] = useState(false);
  // The checker starts with the page, so it is ready by the time a folder is picked.
  useEffect(() => {
    client.current ??= new CheckerClient();
  }, []);
  const [problem, setProblem] = useState<string | null>(null);
  // The files the table holds (File objects: read again when the rule profile changes), the table's
  // submissions as the last run left them, and the profile they were checked with.
  const batch = useRef<Workbook[]>([]);
  const held = useRef<Submission[]>([]);
  const [checkedWith, setCheckedWith] = useState("seed");
  const [stale, setStale] = useState(false);
  const [pending, setPending] = useState<{ workbooks: Workbook[]; source: string } | null>(null);
  const [replaced, setReplaced] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => tableRows(subs), [subs]);
  const shown = useMemo(() => rows.filter((r) => matches(r, filter)), [rows, filter]);
  const labels = useMemo(() => Object.fromEntries(FILTERS.map((f) => [f.value, filterLabel(rows, f.value)])) as Record<Filter, string>, [rows]);

  /** What the reviewer picked: a folder's name, else how many files. */
  const sourceOf = (picked: PickedFile[], workbooks: Workbook[]) => (picked.length ? picked[0].file.webkitRelativePath.split("/")[0] || `${workbooks.length} 个文件` : "");

  function pick(picked: PickedFile[]) {
    const { workbooks } = toBatch(picked);
    setProblem(null);
    if (!workbooks.length) {
      setStatus("所选内容中没有 Excel 工作簿（.xlsx）。");
      return;
    }
    const src = sourceOf(picked, workbooks);
    // A later pick never replaces the table unasked: add to it (the default) or start again.
    if (batch.current.length) setPending({ workbooks, source: src });
    else void run("restart", workbooks, src, profile);
  }

  /** Check files with a profile, in order; the progress bar moves as they come back. */
  async function checkAll(c: CheckerClient, list: Workbook[], profileId: string): Promise<Submission[]> {
    setPhase("checking");
    setProgress({ done: 0, total: list.length });
    const results: Submission[] = new Array(list.length);
    let done = 0;
    let frame = 0;
    let drawn = performance.now();
    // All requests are queued at once; the checker works through them in order while the page stays responsive.
    await Promise.all(
      list.map(async (w, i) => {
        let reply: Reply | null = null;
        let failure = "";
        try {
          const bytes = new Uint8Array(await w.file.arrayBuffer());
          const report = w.report ? { name: w.report.path, bytes: new Uint8Array(await w.report.file.arrayBuffer()) } : null;
          reply = await c.send({ type: "check", name: w.path, bytes, report, profile: profileId }, [bytes.buffer, ...(report ? [report.bytes.buffer] : [])]);
        } catch (e) {
          // A file moved or changed on disk since it was picked can no longer be read.
          failure = `无法再次读取文件（可能已被移动或修改），请重新选择：${(e as Error).message}`;
        }
        if (reply?.type === "checked") results[i] = reply.submission;
        else results[i] = { file: w.path, sha256: null, copy: null, report: null, failure: failure || `核查时发生内部错误：${reply?.type === "error" ? reply.message : reply?.type}`, forms: [], findings: [], errors: 0, warnings: 0 };
        done++;
        // The progress bar moves a few times a second, not every frame: each move re-renders the page
        // and lays it out again, on a processor the checker's worker needs (on the 200-file folder this
        // thread's busy time fell from 1.1 s to 0.85 s). The table is drawn once, at the end (redrawing
        // a growing table cost as much as the checks).
        if (!frame && performance.now() - drawn >= PROGRESS_EVERY_MS) frame = requestAnimationFrame(() => {
          frame = 0;
          drawn = performance.now();
          setProgress({ done, total: list.length });
        });
      }),
    );
    cancelAnimationFrame(frame);
    setProgress({ done, total: list.length });
    return results;
  }

  /**
   * restart: the picked files are the batch. add: they join it, a file picked again replacing its
   * own row. recheck: every file held is checked again with another rule profile (the table never
   * shows a grade the profile on screen did not compute, and the zip waits until it is done).
   */
  async function run(mode: "restart" | "add" | "recheck", picked: Workbook[], src: string, profileId: string) {
    client.current ??= new CheckerClient();
    const c = client.current;
    setOpen(null);
    let toCheck: Workbook[];
    let replacedNow: string[] = [];
    if (mode === "add") {
      const merged = mergeBatch(batch.current, picked);
      batch.current = merged.batch;
      replacedNow = merged.replaced;
      toCheck = picked;
      setSource((old) => (old && src ? `${old}、${src}` : old || src));
    } else {
      await c.send({ type: "reset" });
      if (mode === "restart") {
        batch.current = [...picked];
        held.current = [];
        setSubs([]);
        setSource(src);
      }
      toCheck = batch.current;
    }
    setStale(mode === "recheck");
    setStatus(mode === "recheck" ? `评分规则已改为「${PROFILES[profileId]?.name ?? profileId}」，正在重新核查 ${toCheck.length} 个文件……` : `正在核查 ${toCheck.length} 个文件……`);
    const results = await checkAll(c, toCheck, profileId);
    const paths = new Set(toCheck.map((w) => w.path));
    const all = mode === "add" ? [...held.current.filter((x) => !paths.has(x.file)), ...results] : results;
    held.current = all;
    setSubs(all);
    setCheckedWith(profileId);
    setStale(false);
    setReplaced(new Set(replacedNow));
    setPhase("done");
    const failed = all.filter((r) => r.failure).length;
    const withErrors = all.filter((r) => !r.failure && r.errors).length;
    const how = mode === "recheck" ? `（已按「${PROFILES[profileId]?.name ?? profileId}」重新核查）` : mode === "add" ? `（本次加入 ${toCheck.length} 个）` : "";
    const swapped = replacedNow.length ? `重新选择的 ${replacedNow.length} 个文件替换了原来的行：${replacedNow.join("、")}。` : "";
    setStatus(`核查完成${how}：共 ${all.length} 个文件，有错误 ${withErrors} 个，无法核查 ${failed} 个。${swapped}`);
  }

  function chooseProfile(id: string) {
    setProfile(id);
    if (batch.current.length && phase !== "checking" && id !== checkedWith) void run("recheck", [], "", id);
  }

  async function download() {
    const c = client.current;
    if (!c) return;
    setBusy(true);
    setStatus("正在生成汇总表和核查后的副本……");
    try {
      const names = tableRows(subs).map((r) => r.submission.file).filter((f, i, a) => a.indexOf(f) === i);
      // The profile the table's results were checked with: the summary never names another.
      const reply = await c.send({ type: "package", source: source || "所选文件", profile: checkedWith, names });
      if (reply.type !== "package") throw new Error(reply.type === "error" ? reply.message : reply.type);
      const url = URL.createObjectURL(new Blob([reply.zip as BlobPart], { type: "application/zip" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `核查结果-${stamp(new Date())}.zip`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      setStatus("已下载：汇总表（汇总.xlsx）和核查后的副本（已核查/）。");
    } catch (e) {
      setProblem(`生成下载文件时出错：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  /** Close a row's findings and give focus back to that row's file, where the reviewer was. */
  function closeFindings() {
    const key = open?.key;
    setOpen(null);
    if (key === undefined) return;
    setTimeout(() => {
      const row = [...document.querySelectorAll<HTMLElement>("tr[data-row]")].find((tr) => tr.dataset.row === key);
      row?.querySelector<HTMLButtonElement>("button")?.focus();
    }, 0);
  }

  // Esc closes the findings from anywhere on the page (a select's own Esc closes only its list).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || pending || (e.target as HTMLElement | null)?.tagName === "SELECT") return;
      e.preventDefault();
      closeFindings();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  async function openRow(r: TableRow) {
    const reply = await client.current?.send({ type: "findings", name: r.submission.file });
    if (reply?.type !== "findings") {
      // Never an empty list that would read as 未发现问题.
      setProblem(`无法显示 ${r.submission.file} 的问题明细：${reply?.type === "error" ? reply.message : "核查程序没有响应"}`);
      return;
    }
    setProblem(null);
    setOpen({ ...r, submission: { ...r.submission, findings: reply.findings } });
    // After the panel renders, move focus to its heading so a screen reader reads it next.
    setTimeout(() => findingsHeading.current?.focus(), 0);
  }

  return (
    <main className={mergeClasses(s.main, s.printed)} data-checker={client.current?.mode}>
      <header className={s.header}>
        <h1 className={s.title}>批量核查</h1>
        <Text>部门整体支出绩效自评表：一次核查整个文件夹。文件只在本机浏览器中核查，不会上传到任何地方。</Text>
      </header>
      <div className={mergeClasses(s.bar, s.screenOnly)}>
        <Field label="评分规则">
          <Select value={profile} onChange={(_, d) => chooseProfile(d.value)} disabled={phase === "checking"}>
            {Object.entries(PROFILES).map(([id, p]) => (
              <option key={id} value={id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={s.screenOnly}>
        <Picker disabled={phase === "checking" || !!pending} onPick={pick} />
      </div>
      {phase !== "idle" && (
        <Field className={s.screenOnly} label={`核查进度 ${progress.done}/${progress.total}`} validationState="none">
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} thickness="large" aria-label="核查进度" />
        </Field>
      )}
      <div role="status" aria-live="polite" aria-atomic="true">
        <Text weight="semibold">{status}</Text>
      </div>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {stale && (
        <MessageBar intent="warning">
          <MessageBarBody>评分规则已更改：表中的总分等级按原规则得出，正在按新规则重新核查，完成前不能下载。</MessageBarBody>
        </MessageBar>
      )}
      {rows.length > 0 && (
        <div className={mergeClasses(s.bar, s.screenOnly)}>
          <Field label="按问题筛选">
            <Select value={filter} onChange={(_, d) => setFilter(d.value as Filter)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {labels[f.value]}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabled={phase !== "done" || busy || stale || profile !== checkedWith} onClick={() => void download()}>
            下载汇总表和核查后的副本（.zip）
          </Button>
        </div>
      )}
      {open && <FindingsPanel ref={findingsHeading} row={open} onClose={closeFindings} />}
      {rows.length > 0 && (
        <div className={s.scroll}>
          <SubmissionTable rows={shown} selected={open?.key ?? null} stale={stale} replaced={replaced} onOpen={(r) => void openRow(r)} />
        </div>
      )}
      <LaterPickDialog
        pending={pending && { count: pending.workbooks.length, names: pending.workbooks.map((w) => w.path), held: batch.current.length, again: pending.workbooks.filter((w) => batch.current.some((b) => b.path === w.path)).length }}
        onAdd={() => {
          const p = pending!;
          setPending(null);
          void run("add", p.workbooks, p.source, profile);
        }}
        onRestart={() => {
          const p = pending!;
          setPending(null);
          void run("restart", p.workbooks, p.source, profile);
        }}
        onCancel={() => setPending(null)}
      />
    </main>
  );
}

const stamp = (d: Date) => {
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
};
