/**
 * Whether a UTF-16 code unit is white space as JavaScript defines it: what `\s` matches and
 * what String.prototype.trim removes (WhiteSpace and LineTerminator). For single passes over
 * char codes that replace a regular expression.
 */
export function isWhiteSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
