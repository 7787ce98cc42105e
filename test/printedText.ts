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

export interface PdfWord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Every word of each page with its box (`pdftotext -bbox`), in points from the page's top left. */
export function pdfWords(pdf: string): PdfWord[][] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return html
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: unescape(m[5]),
      })),
    );
}

/**
 * How many empty lines each table row of a printed page leaves below its text. A row starts where
 * a word starts in the first column (left of `firstColumnEnd`), below the header word `header`;
 * the line pitch is the smallest step between two lines of one cell.
 */
export function spareLinesPerRow(words: PdfWord[], header: string, firstColumnEnd: number): number[] {
  const head = words.find((w) => w.text === header);
  if (!head) return [];
  const body = words.filter((w) => w.y0 > head.y1 - 0.5 && !/^第$|^页$/.test(w.text));
  const footer = Math.max(...words.filter((w) => /^第$/.test(w.text)).map((w) => w.y0), Infinity);
  const rows = [...new Set(body.filter((w) => w.x0 < firstColumnEnd && w.y1 < footer).map((w) => Math.round(w.y0 * 10) / 10))].sort((a, b) => a - b);
  const lines = [...new Set(body.map((w) => Math.round(w.y0 * 10) / 10))].sort((a, b) => a - b);
  const steps = lines.slice(1).map((y, i) => y - lines[i]).filter((d) => d > 2);
  const pitch = Math.min(...steps);
  const spare: number[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    const bottom = Math.max(...body.filter((w) => w.y0 >= rows[i] - 1 && w.y0 < rows[i + 1] - 1).map((w) => w.y1));
    spare.push((rows[i + 1] - bottom) / pitch);
  }
  return spare;
}
