import { deflateSync, inflateSync } from "fflate";

/**
 * The zip container of an .xlsx, read from its central directory. Parts are
 * inflated (fflate) only when asked for, and a part we do not change is
 * written back as its original compressed bytes: untouched parts come through
 * byte for byte, and cost nothing. fflate's own zip/unzip cannot pass a
 * compressed entry through unchanged, which is why the container (a few
 * fixed-size headers) is handled here and only inflate/deflate come from fflate.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  /** Offset of the compressed data in the archive. */
  dataOffset: number;
}

export class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const utf8 = new TextDecoder("utf-8");

function findEndOfDirectory(zip: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65535.
  for (let p = zip.length - 22; p >= 0 && p >= zip.length - 22 - 65535; p--) {
    if (zip[p] === 0x50 && zip[p + 1] === 0x4b && zip[p + 2] === 0x05 && zip[p + 3] === 0x06) return p;
  }
  throw new ZipFormatError("no end of central directory");
}

/** Sizes and offset from a zip64 extra field, where the 32-bit fields say 0xFFFFFFFF. */
function zip64(zip: Uint8Array, extra: number, extraLen: number, want: { size: boolean; csize: boolean; offset: boolean }) {
  const out = { size: -1, csize: -1, offset: -1 };
  for (let p = extra; p + 4 <= extra + extraLen; ) {
    const id = u16(zip, p), len = u16(zip, p + 2);
    if (id === 1) {
      let q = p + 4;
      const read64 = () => {
        const v = u32(zip, q) + u32(zip, q + 4) * 0x100000000;
        q += 8;
        return v;
      };
      if (want.size) out.size = read64();
      if (want.csize) out.csize = read64();
      if (want.offset) out.offset = read64();
    }
    p += 4 + len;
  }
  return out;
}

export function readZipDirectory(zip: Uint8Array): ZipEntry[] {
  const eocd = findEndOfDirectory(zip);
  let count = u16(zip, eocd + 10);
  let p = u32(zip, eocd + 16);
  if (p === 0xffffffff || count === 0xffff) {
    // Zip64 end of central directory locator, just before the record.
    const loc = eocd - 20;
    if (loc < 0 || u32(zip, loc) !== 0x07064b50) throw new ZipFormatError("bad zip64 locator");
    const rec = u32(zip, loc + 8);
    if (u32(zip, rec) !== 0x06064b50) throw new ZipFormatError("bad zip64 end record");
    count = u32(zip, rec + 32);
    p = u32(zip, rec + 48);
  }
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || u32(zip, p) !== 0x02014b50) throw new ZipFormatError("bad central directory entry");
    const nameLen = u16(zip, p + 28), extraLen = u16(zip, p + 30), commentLen = u16(zip, p + 32);
    let size = u32(zip, p + 24), compressedSize = u32(zip, p + 20), local = u32(zip, p + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) {
      const z = zip64(zip, p + 46 + nameLen, extraLen, { size: size === 0xffffffff, csize: compressedSize === 0xffffffff, offset: local === 0xffffffff });
      if (z.size >= 0) size = z.size;
      if (z.csize >= 0) compressedSize = z.csize;
      if (z.offset >= 0) local = z.offset;
    }
    if (local + 30 > zip.length || u32(zip, local) !== 0x04034b50) throw new ZipFormatError("bad local header");
    const dataOffset = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    if (dataOffset + compressedSize > zip.length) throw new ZipFormatError("entry runs past the end of the file");
    out.push({
      name: utf8.decode(zip.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(zip, p + 8),
      method: u16(zip, p + 10),
      time: u16(zip, p + 12),
      date: u16(zip, p + 14),
      crc: u32(zip, p + 16),
      compressedSize,
      size,
      dataOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function rawData(zip: Uint8Array, e: ZipEntry): Uint8Array {
  return zip.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
}

export function inflateEntry(zip: Uint8Array, e: ZipEntry): Uint8Array {
  if (e.flags & 1) throw new ZipFormatError(`encrypted entry ${e.name}`);
  const raw = rawData(zip, e);
  if (e.method === 0) return raw;
  if (e.method === 8) {
    const out = codec.inflateRaw(raw, e.size);
    if (out.length !== e.size) throw new ZipFormatError(`size mismatch in ${e.name}`);
    return out;
  }
  throw new ZipFormatError(`unsupported compression method ${e.method} in ${e.name}`);
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * Deflate and CRC: fflate and the table above by default (they run in a
 * browser); Node injects its native zlib (src/adapters/xlsx/node.ts), several
 * times faster on the parts a check rewrites.
 */
export interface ZipCodec {
  deflateRaw(data: Uint8Array): Uint8Array;
  inflateRaw(data: Uint8Array, size: number): Uint8Array;
  crc32(data: Uint8Array): number;
}

let codec: ZipCodec = {
  deflateRaw: (d) => deflateSync(d, { level: 6 }),
  inflateRaw: (d, size) => inflateSync(d, { out: new Uint8Array(size) }),
  crc32: jsCrc32,
};

export function setZipCodec(c: ZipCodec): void {
  codec = c;
}

export function crc32(data: Uint8Array): number {
  return codec.crc32(data);
}

export function jsCrc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** One entry of the archive to write: the original compressed bytes, or new content. */
export type ZipOut =
  | { name: string; raw: Uint8Array; entry: ZipEntry }
  | { name: string; data: Uint8Array; time?: number; date?: number };

/** The MS-DOS time and date of now, for new entries. */
function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const utf8Enc = new TextEncoder();

/** Write a zip: kept entries copy their compressed bytes; new ones are deflated. */
export function writeZip(entries: ZipOut[]): Uint8Array {
  const now = dosNow();
  const rows = entries.map((e) => {
    const name = utf8Enc.encode(e.name);
    if ("raw" in e) {
      const x = e.entry;
      return { name, method: x.method, crc: x.crc, size: x.size, data: e.raw, time: x.time, date: x.date };
    }
    // Small parts are stored: compressing a few hundred bytes saves nothing worth a deflate call.
    const deflated = e.data.length >= 1024 ? codec.deflateRaw(e.data) : e.data;
    const stored = deflated.length >= e.data.length;
    return { name, method: stored ? 0 : 8, crc: codec.crc32(e.data), size: e.data.length, data: stored ? e.data : deflated, time: e.time ?? now.time, date: e.date ?? now.date };
  });
  let total = 22;
  for (const r of rows) total += 30 + r.name.length + r.data.length + 46 + r.name.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const r of rows) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 0x0800, true); // names are UTF-8
    view.setUint16(p + 8, r.method, true);
    view.setUint16(p + 10, r.time, true);
    view.setUint16(p + 12, r.date, true);
    view.setUint32(p + 14, r.crc, true);
    view.setUint32(p + 18, r.data.length, true);
    view.setUint32(p + 22, r.size, true);
    view.setUint16(p + 26, r.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(r.name, p + 30);
    out.set(r.data, p + 30 + r.name.length);
    p += 30 + r.name.length + r.data.length;
  }
  const dir = p;
  rows.forEach((r, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint16(p + 10, r.method, true);
    view.setUint16(p + 12, r.time, true);
    view.setUint16(p + 14, r.date, true);
    view.setUint32(p + 16, r.crc, true);
    view.setUint32(p + 20, r.data.length, true);
    view.setUint32(p + 24, r.size, true);
    view.setUint16(p + 28, r.name.length, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(r.name, p + 46);
    p += 46 + r.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, rows.length, true);
  view.setUint16(p + 10, rows.length, true);
  view.setUint32(p + 12, p - dir, true);
  view.setUint32(p + 16, dir, true);
  return out;
}
