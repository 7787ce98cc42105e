import { deflateRawSync } from "zlib";

/**
 * Re-compress a zip whose entries are stored (method 0) with Node's native
 * deflate. ExcelJS compresses with a pure-JavaScript deflate that costs more
 * than everything else the CLI does to a file; writing with STORE and
 * deflating here gives the same standard .xlsx several times faster.
 * Entries already compressed are copied as they are.
 */
export function deflateStoredZip(zip: Buffer, level = 4): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const count = zip.readUInt16LE(eocd + 10);
  let cd = zip.readUInt32LE(eocd + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(cd) !== 0x02014b50) throw new Error("bad central directory entry");
    const flags = zip.readUInt16LE(cd + 8);
    const method = zip.readUInt16LE(cd + 10);
    const time = zip.readUInt16LE(cd + 12);
    const date = zip.readUInt16LE(cd + 14);
    const crc = zip.readUInt32LE(cd + 16);
    const compSize = zip.readUInt32LE(cd + 20);
    const size = zip.readUInt32LE(cd + 24);
    const nameLen = zip.readUInt16LE(cd + 28);
    const extraLen = zip.readUInt16LE(cd + 30);
    const commentLen = zip.readUInt16LE(cd + 32);
    const extAttr = zip.readUInt32LE(cd + 38);
    const local = zip.readUInt32LE(cd + 42);
    const name = zip.subarray(cd + 46, cd + 46 + nameLen);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compSize);
    const data = method === 0 ? deflateRawSync(raw, { level }) : raw;
    const outMethod = method === 0 ? 8 : method;
    // Bit 3 (sizes in a trailing descriptor) is dropped: sizes go in the headers. Bit 11 (UTF-8 names) stays.
    const outFlags = flags & ~0x0008;

    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(outFlags, 6);
    lh.writeUInt16LE(outMethod, 8);
    lh.writeUInt16LE(time, 10);
    lh.writeUInt16LE(date, 12);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(nameLen, 26);
    lh.writeUInt16LE(0, 28);
    locals.push(lh, name, data);

    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(outFlags, 8);
    ch.writeUInt16LE(outMethod, 10);
    ch.writeUInt16LE(time, 12);
    ch.writeUInt16LE(date, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(nameLen, 28);
    ch.writeUInt32LE(extAttr, 38);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);

    offset += 30 + nameLen + data.length;
    cd += 46 + nameLen + extraLen + commentLen;
  }
  const cdSize = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
