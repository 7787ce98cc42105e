/**
 * ET colours are BGR integers: R + G·256 + B·65536 (VBA's RGB function [M-RGB];
 * Interior.Color [M]); the engine's and the journal's are ARGB text ("FFFFC7CE").
 */
export function bgrOfArgb(argb: string): number {
  const n = parseInt(argb.slice(-6), 16);
  return ((n >> 16) & 0xff) + ((n >> 8) & 0xff) * 256 + (n & 0xff) * 65536;
}

export function argbOfBgr(bgr: number): string {
  const hex = (x: number) => x.toString(16).padStart(2, "0");
  return `FF${hex(bgr & 0xff)}${hex((bgr >> 8) & 0xff)}${hex((bgr >> 16) & 0xff)}`.toUpperCase();
}
