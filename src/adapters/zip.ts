import { crc32, deflateRawSync, inflateRawSync } from "zlib";

/**
 * Just enough of the zip format for an .xlsx: list a file's entries (from its
 * central directory, without inflating anything), read them, and write a zip
 * with Node's native deflate. ExcelJS compresses with a pure-JavaScript
 * deflate that costs more than everything else the CLI does to a file, and it
 * drops parts it does not know (a .xlsm's macros); writing with STORE and
 * repacking here fixes both.
 */
export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  flags: number;
  localOffset: number;
}

export class ZipFormatError extends Error {}

export function listZip(zip: Buffer): ZipEntryInfo[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new ZipFormatError("no end of central directory");
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError("bad central directory entry");
    const nameLen = zip.readUInt16LE(p + 28);
    out.push({
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.subarray(p + 46, p + 46 + nameLen).toString("utf8"),
    });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

export function readEntry(zip: Buffer, e: ZipEntryInfo): Buffer {
  const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
  const raw = zip.subarray(start, start + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method === 8) return inflateRawSync(raw);
  throw new ZipFormatError(`unsupported compression method ${e.method} in ${e.name}`);
}

export interface ZipOut {
  name: string;
  data: Buffer;
  time?: number;
  date?: number;
}

/** The fields of one entry that both of its headers carry. */
export interface EntryHeader {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  time?: number;
  date?: number;
  /** Offset of the local header, for the central directory. */
  offset: number;
}

/** Local and central-directory headers of one entry (UTF-8 names, no data descriptor). */
export function entryHeaders(e: EntryHeader): { local: Buffer; central: Buffer } {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6);
  local.writeUInt16LE(e.method, 8);
  local.writeUInt16LE(e.time ?? 0, 10);
  local.writeUInt16LE(e.date ?? 0x21, 12);
  local.writeUInt32LE(e.crc, 14);
  local.writeUInt32LE(e.compressedSize, 18);
  local.writeUInt32LE(e.size, 22);
  local.writeUInt16LE(e.name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  // The central header repeats the local one from "flags" (offset 6 there, 8 here) to "name length".
  local.copy(central, 8, 6, 28);
  central.writeUInt32LE(e.offset, 42);
  return { local, central };
}

export function endOfCentralDirectory(count: number, cdSize: number, cdOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  return end;
}

export function writeZip(entries: ZipOut[], level = 1): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = deflateRawSync(e.data, { level });
    const h = entryHeaders({ name, method: 8, crc: crc32(e.data), compressedSize: data.length, size: e.data.length, time: e.time, date: e.date, offset });
    locals.push(h.local, name, data);
    centrals.push(h.central, name);
    offset += 30 + name.length + data.length;
  }
  const cdSize = centrals.reduce((s, b) => s + b.length, 0);
  return Buffer.concat([...locals, ...centrals, endOfCentralDirectory(entries.length, cdSize, offset)]);
}

/** Re-compress every entry of a (stored) zip natively, changing or adding parts on the way. */
export function repackZip(zip: Buffer, edit: (name: string, data: Buffer) => Buffer = (_n, d) => d, extra: ZipOut[] = []): Buffer {
  const entries = listZip(zip).map((e) => ({ name: e.name, time: e.time, date: e.date, data: edit(e.name, readEntry(zip, e)) }));
  return writeZip([...entries, ...extra]);
}
