import { readFileSync } from "fs";
import * as path from "path";
import { ROOT } from "./helpers";

/** docs/deploy.md, as IT reads it: the tests take its blocks as they are written, not copies. */
export const DEPLOY_MD = readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8");

/** The fenced blocks of docs/deploy.md in a language (```nginx …```), in order. */
export function docBlocks(lang: string): string[] {
  return [...DEPLOY_MD.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]);
}

/** The one block of a language whose text matches `which`; fails when there is not exactly one. */
export function docBlock(lang: string, which: RegExp = /[\s\S]/): string {
  const found = docBlocks(lang).filter((b) => which.test(b));
  if (found.length !== 1) throw new Error(`docs/deploy.md has ${found.length} \`\`\`${lang} blocks matching ${which}, not one`);
  return found[0];
}

/** Replace `from` with `to` in `text`, insisting it is there exactly once (so a changed doc fails loudly). */
export function replaceOnce(text: string, from: string, to: string): string {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`expected "${from}" once in the documented block, found it ${n} times`);
  return text.replace(from, () => to);
}
