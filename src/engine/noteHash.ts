import { isWhiteSpace } from "./whiteSpace";

/**
 * A note's text, whitespace aside, hashed: how undo knows our note after
 * another program re-saved it (and renamed its author), and that a person has
 * not edited it since. Shared by every host's journal.
 */
export function noteHash(text: string): string {
  // FNV-1a over the text without its white space (\s), in one pass: every note we write is hashed.
  let h = 0x811c9dc5;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpace(c)) continue;
    h = Math.imul(h ^ c, 0x01000193);
    n++;
  }
  return `${n}:${(h >>> 0).toString(16)}`;
}
