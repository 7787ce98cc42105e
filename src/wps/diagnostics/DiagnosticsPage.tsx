import { useCallback, useEffect, useRef, useState } from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { EtApplication, EtRoot } from "../../adapters/wps/etApi";
import { diagnose, startSaveCheck, type ProbeEnv } from "./probe";
import { diagnosisText } from "./text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, boxSizing: "border-box", minHeight: "100vh" },
  title: { display: "block", margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Plain text the clerk copies as it is: a monospace, read-only, wrapped box.
  text: { width: "100%", boxSizing: "border-box", minHeight: "24em", fontFamily: "Consolas, 'Courier New', monospace", fontSize: "12px", whiteSpace: "pre-wrap", resize: "vertical" },
});

export interface DiagnosticsPageProps {
  root: (EtRoot & Partial<EtApplication>) | null;
  env: ProbeEnv;
}

type Notice = { intent: "success" | "warning" | "info"; text: string } | null;

/**
 * 「诊断」: what this WPS returns for each call the add-in relies on (probe.ts),
 * as text for an email to IT, with a 复制 button. Runs once when opened; 重新诊断 again.
 */
export function DiagnosticsPage({ root, env }: DiagnosticsPageProps) {
  const s = useStyles();
  const [text, setText] = useState("正在诊断…");
  const [busy, setBusy] = useState(true);
  const [notice, setNotice] = useState<Notice>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const run = useCallback(async () => {
    setBusy(true);
    try {
      setText(diagnosisText(await diagnose(root, env), new Date()));
    } catch (e) {
      // diagnose records each call's error itself; this is the unexpected rest.
      console.error("[核算助手] diagnostics failed:", e);
      setText(`诊断未能完成：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }, [root, env]);

  useEffect(() => {
    void run();
  }, [run]);

  /** The clipboard API needs a secure context, which a WPS pane served over plain http is not: then the old way, then by hand. */
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice({ intent: "success", text: "已复制，可以粘贴到邮件中。" });
      return;
    } catch (e) {
      console.warn("[核算助手] clipboard API refused:", e);
    }
    box.current?.select();
    const copied = (() => {
      try {
        return document.execCommand("copy");
      } catch {
        return false;
      }
    })();
    setNotice(copied ? { intent: "success", text: "已复制，可以粘贴到邮件中。" } : { intent: "warning", text: "无法自动复制：文本已选中，请按 Ctrl+C 复制。" });
  };

  const saveCheck = () => {
    try {
      const r = startSaveCheck(root!, env);
      console.info("[核算助手]", r.en);
      setNotice({ intent: "info", text: r.zh });
    } catch (e) {
      console.warn("[核算助手] save check not started:", e);
      setNotice({ intent: "warning", text: `无法开始检测（${e instanceof Error ? e.message : String(e)}）。工作簿可能只读或受保护。` });
    }
  };

  return (
    <main className={s.root}>
      <Text as="h1" size={500} weight="semibold" className={s.title}>
        WPS 表格诊断
      </Text>
      <Text as="p">
        记录此 WPS 表格的版本和加载项用到的各项调用的实际结果，供信息技术人员或开发者排查。诊断在一张临时工作表上进行，结束后删除，不改动您的工作簿。
      </Text>
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void copy()}>
          复制
        </Button>
        <Button disabled={busy} onClick={() => void run()}>
          重新诊断
        </Button>
        {root && (
          <Button disabled={busy} onClick={saveCheck}>
            检测保存后是否保留
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {notice && (
          <MessageBar intent={notice.intent}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <textarea ref={box} className={s.text} readOnly value={text} aria-label="诊断结果" />
    </main>
  );
}
