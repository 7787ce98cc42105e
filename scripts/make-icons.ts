/**
 * Draws the add-in's icons (a ledger-green tile with a white check mark) at
 * the sizes the manifest names, as PNG files in assets/. Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from "fs";
import * as path from "path";
import { deflateSync } from "zlib";

const SIZES = [16, 32, 64, 80, 128];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Distance from point p to segment ab. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size: number): Buffer {
  const rows: Buffer[] = [];
  const r = size * 0.18; // corner radius
  const stroke = Math.max(1.2, size * 0.09);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      // Rounded square mask with a soft edge.
      const qx = Math.max(r - cx, cx - (size - r), 0), qy = Math.max(r - cy, cy - (size - r), 0);
      const inside = Math.max(0, Math.min(1, r - Math.hypot(qx, qy) + 0.5));
      // Check mark: two strokes.
      const u = cx / size, v = cy / size;
      const d = Math.min(segDist(u, v, 0.24, 0.52, 0.43, 0.7), segDist(u, v, 0.43, 0.7, 0.77, 0.32)) * size;
      const ink = Math.max(0, Math.min(1, stroke / 2 - d + 0.5));
      const [gr, gg, gb] = [0x10, 0x7c, 0x41]; // Excel green
      const o = 1 + x * 4;
      row[o] = Math.round(gr + (255 - gr) * ink);
      row[o + 1] = Math.round(gg + (255 - gg) * ink);
      row[o + 2] = Math.round(gb + (255 - gb) * ink);
      row[o + 3] = Math.round(255 * inside);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

for (const s of SIZES) writeFileSync(path.join(__dirname, "..", "assets", `icon-${s}.png`), icon(s));
console.log(`icons: ${SIZES.join(", ")}`);
