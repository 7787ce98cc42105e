import { writeFileSync } from "fs";
import writeFileAtomic from "write-file-atomic";

/** A checked (or undone) workbook that could not be written, with the reason for the clerk and for logs. */
export class WorkbookWriteError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = "WorkbookWriteError";
  }
}

/** Why a write failed, as a clerk can act on it (Windows and Linux error codes). */
function reason(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "所在文件夹不存在";
    case "EBUSY":
      return "文件正被其他程序（如 Excel、WPS）打开，请关闭后重试";
    case "EACCES":
    case "EPERM":
      return "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开";
    case "ENOSPC":
      return "磁盘空间不足";
    case "EROFS":
      return "磁盘或文件夹是只读的";
    case "EISDIR":
      return "同名的文件夹已存在";
    case "ENOTDIR":
    case "EEXIST":
      return "路径中有一个同名的文件，不是文件夹";
    default:
      return code ? `系统错误 ${code}` : "写入失败";
  }
}

/**
 * Write a workbook out. In place, the department's file is replaced whole or not at all:
 * written beside it, flushed to disk, then renamed over it (write-file-atomic, which keeps
 * its mode and owner), so a crash or a full disk mid-write never leaves half a file. A new
 * copy (--out) is written directly: the input is untouched whatever happens to it.
 * A failure is a WorkbookWriteError naming the path, never an "internal error".
 */
export function writeWorkbook(target: string, bytes: Uint8Array, inPlace: boolean): void {
  try {
    if (inPlace) writeFileAtomic.sync(target, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    else writeFileSync(target, bytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new WorkbookWriteError(`无法写入 ${target}：${reason(err.code)}${inPlace ? "（原文件未改动）" : ""}`, `cannot write ${target}: ${err.message}`);
  }
}
