import { readFileSync, statSync } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { MAX_FILE_BYTES, tooLarge, unreadable, WorkbookReadError } from "./errors";
import { setBase64 } from "./journalStore";
import { jsCrc32, setZipCodec } from "./zip";

// In Node, parts are compressed by the native zlib (the core's default is fflate, for browsers).
const nativeCrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
/** The smallest deflate window (2^9 … 2^15 bytes) that still covers the whole part. */
export function windowBitsFor(size: number): number {
  return Math.max(9, Math.min(15, Math.ceil(Math.log2(size + 262))));
}

setZipCodec({
  // Level 1: parts a check rewrites are small XML; the fastest level costs a few percent in size.
  // A window no larger than the part compresses it the same, and spares zlib clearing 256 KB of
  // state per call (most of a small part's cost).
  deflateRaw: (d) => zlib.deflateRawSync(d, { level: 1, windowBits: windowBitsFor(d.length) }),
  inflateRaw: (d) => zlib.inflateRawSync(d),
  crc32: nativeCrc ? (d) => nativeCrc(d) >>> 0 : jsCrc32,
});

/**
 * Read a workbook file for the adapter: the size limit is checked before reading. Node only.
 * Synchronous inside: a file at a time per thread, and a blocking read of a small file costs less
 * than the event loop's round trip through the thread pool (measured on the 200-file batch).
 */
export async function readWorkbookBytes(file: string): Promise<Uint8Array> {
  return readWorkbookBytesSync(file);
}

export function readWorkbookBytesSync(file: string): Uint8Array {
  const name = path.basename(file);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new WorkbookReadError(file, `找不到文件：${name}`, "file not found");
  }
  if (stat.size > MAX_FILE_BYTES) throw tooLarge(file, stat.size);
  try {
    const buf = readFileSync(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw unreadable(file, (e as NodeJS.ErrnoException).code === "EISDIR" ? "这是文件夹，不是工作簿" : "文件无法打开", `cannot read: ${(e as Error).message}`);
  }
}

setBase64({
  encode: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64"),
  decode: (s) => new Uint8Array(Buffer.from(s, "base64")),
});
