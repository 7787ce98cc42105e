/** A file the engine cannot open, with the reason in both languages. No Node API: runs in a browser too. */
export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    readonly zh: string,
    en: string,
    /** The Chinese reason alone, for lists that name the file beside it (folder lines, summary, page). */
    readonly reason: string = zh,
  ) {
    super(`${file}: ${en}`);
    this.name = "WorkbookReadError";
  }
}

/** "无法读取 <file>：<reason>", the reason kept apart for lists that name the file beside it. */
export const unreadable = (file: string, reason: string, en: string) => new WorkbookReadError(file, `无法读取 ${baseName(file)}：${reason}`, en, reason);

/** Larger files are refused with a message instead of exhausting memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/**
 * Worksheets and shared strings a check reads, unpacked. Reading costs about 20 bytes of memory
 * for each byte of that XML (measured: 92 MB of it, 2 million cells, took 1.9 GB in Node), and
 * Node's default heap on an 8 GB machine, like a browser tab's, is about 2 GB: past this a file
 * would crash the check instead of being refused. The forms themselves are well under 1 MB.
 */
export const MAX_CELL_XML_BYTES = 64 * 1024 * 1024;

/** What a workbook may unpack to; a zip bomb says far more in its directory. */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;

/** A file name's extension, lower case, without the dot ("" when it has none). */
export function extensionOf(file: string): string {
  return (/\.([^./\\]+)$/.exec(file)?.[1] ?? "").toLowerCase();
}

/** The last path segment, for messages (a browser has no `path`). */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i >= 0 ? file.slice(i + 1) : file;
}

export const tooLarge = (file: string, size: number) =>
  new WorkbookReadError(file, `文件过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）：${baseName(file)}`, `file larger than ${MAX_FILE_BYTES} bytes`);

export const broken = (file: string, en: string) => unreadable(file, "文件已损坏或不完整", en);
