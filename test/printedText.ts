import { execFileSync, spawnSync } from "child_process";

/**
 * Reading back what LibreOffice printed. pdftotext gives the text of a page in the order the
 * PDF draws it; with a CJK font (Debian's fonts-noto-cjk, which a default `apt-get install`
 * brings) a full-width quote mark can be drawn apart from the characters around it, so
 * “年初预算数” may come back as 年初预算数“” or ”年初预算数“. Everything else comes back in order.
 */
export const QUOTE_MARKS = /[“”‘’「」『』]/g;

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
export const havePdfTools = () => has("pdftotext") && has("pdfinfo");

/** Whitespace out: line breaks fall wherever the column's width puts them. */
export const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * Whether `printed` shows `message` in full: every character in order, quote marks and
 * whitespace aside, and on the printed lines it covers, at least as many of each quote mark as
 * the message has (a mark drawn apart stays on its line).
 */
export function printedInFull(printed: string, message: string): boolean {
  // The printed characters that are neither whitespace nor quote marks, and where each stands.
  const bare: string[] = [];
  const at: number[] = [];
  let i = 0;
  for (const ch of printed) {
    if (!/\s/.test(ch) && !ch.match(QUOTE_MARKS)) bare.push(ch), at.push(i);
    i += ch.length;
  }
  const wanted = squash(message);
  const chars = [...wanted.replace(QUOTE_MARKS, "")];
  const marks = count(wanted);
  if (chars.length === 0) return false;
  for (let from = 0; ; from++) {
    const k = indexOfChars(bare, chars, from);
    if (k < 0) return false;
    // The printed lines the message covers, whole.
    const start = printed.lastIndexOf("\n", at[k]) + 1;
    const nl = printed.indexOf("\n", at[k + chars.length - 1]);
    if (enoughMarks(count(printed.slice(start, nl < 0 ? printed.length : nl)), marks)) return true;
    from = k;
  }
}

function indexOfChars(hay: string[], needle: string[], from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function count(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s.match(QUOTE_MARKS) ?? []) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

/** The lines hold at least the message's marks (other text on them may have its own). */
function enoughMarks(found: Map<string, number>, wanted: Map<string, number>): boolean {
  for (const [ch, n] of wanted) if ((found.get(ch) ?? 0) < n) return false;
  return true;
}

/** Each page's text (`pdftotext -raw`) and its size line from pdfinfo. */
export function pdfPages(pdf: string): { text: string; size: string }[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  const out: { text: string; size: string }[] = [];
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-raw", pdf, "-"], { encoding: "utf8" });
    const info = execFileSync("pdfinfo", ["-f", String(p), "-l", String(p), pdf], { encoding: "utf8" });
    out.push({ text, size: /Page\s+\d+ size:\s+([^\n]*)/.exec(info)?.[1] ?? "" });
  }
  return out;
}
