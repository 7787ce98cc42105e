/**
 * The names in an OLE compound file's directory ([MS-CFB]), enough to tell what
 * a file that is not a zip really is: an .xlsx with an open password
 * (EncryptedPackage), an Excel 97-2003 workbook (Workbook, or Book for Excel 5),
 * a Word 97-2003 document (WordDocument).
 *
 * Written here rather than taken from the `cfb` library, which reads the same
 * directory and much more (streams, mini-streams, writing): only the names are
 * needed, for a message, and this runs in the reviewers' page worker too. The
 * tests hold this listing to `cfb`'s on real files from Excel and WPS.
 *
 * Every read is bounded: a damaged or hostile file gives null, never a loop.
 */
const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const HEADER_DIFAT = 109;
const ENTRY_SIZE = 128;

/** The signature's first four bytes: enough to know an OLE file, even one cut short, from a zip or text. */
export function looksLikeCompoundFile(bytes: Uint8Array): boolean {
  return SIGNATURE.slice(0, 4).every((b, i) => bytes[i] === b);
}

function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Every stream and storage name in the directory (the root entry left out), or null if it cannot be read. */
export function compoundFileNames(bytes: Uint8Array): string[] | null {
  if (!isCompoundFile(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : END_OF_CHAIN);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor(bytes.length / sectorSize) - 1;
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const valid = (sector: number) => sector < sectorCount;

  // Where the FAT's own sectors are: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT; i++) fatSectors.push(u32(0x4c + 4 * i));
  const perSector = sectorSize / 4;
  let difat = u32(0x44);
  for (let hops = 0; valid(difat) && hops < sectorCount; hops++) {
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(u32(offsetOf(difat) + 4 * i));
    difat = u32(offsetOf(difat) + 4 * (perSector - 1));
  }
  const next = (sector: number) => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    return fat !== undefined && valid(fat) ? u32(offsetOf(fat) + 4 * (sector % perSector)) : END_OF_CHAIN;
  };

  const names: string[] = [];
  let sector = u32(0x30);
  for (let hops = 0; sector !== END_OF_CHAIN; hops++) {
    if (!valid(sector) || hops >= sectorCount) return null;
    for (let at = offsetOf(sector); at < offsetOf(sector) + sectorSize; at += ENTRY_SIZE) {
      const type = bytes[at + 66];
      const length = view.getUint16(at + 64, true);
      // 1 storage, 2 stream (5 is the root entry, 0 an unused slot); the length counts the closing NUL.
      if ((type !== 1 && type !== 2) || length < 2 || length > 64) continue;
      let name = "";
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(at + i, true));
      names.push(name);
    }
    sector = next(sector);
  }
  return names;
}
