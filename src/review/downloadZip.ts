import { zipSync } from "fflate";

/** Unix (APPNOTE 4.4.2.2), so unzip reads the names as the UTF-8 their flag says they are. */
const MADE_BY_UNIX = 3;
/** A regular file, rw-r--r--, in the high half of the external attributes (as Info-ZIP writes it). */
const REGULAR_FILE_644 = (0o100644 << 16) >>> 0;

/**
 * The page's download: the files under their UTF-8 names, stored (workbooks are zips already).
 * fflate sets the UTF-8 flag (bit 11) on a non-ASCII name, but marks the entry as made by MS-DOS;
 * Debian's unzip then reads every name in the DOS code page, flag or not
 * (已核查/县直/财政所 came out as mojibake). Made by Unix, it and Windows' own zip folder read UTF-8.
 */
export function downloadZip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 0, os: MADE_BY_UNIX, attrs: REGULAR_FILE_644 });
}
