import { isReportName, isWorkbookName, pairReports } from "../summary/pairing";
import { compareNames } from "../summary/compareNames";

/** A file picked or dropped, with its path relative to what was picked. */
export interface PickedFile {
  path: string;
  file: File;
}

/** What the page checks: workbooks, with their paired reports. */
export interface Batch {
  workbooks: { path: string; file: File; report: PickedFile | null }[];
}

const isLockFile = (p: string) => /(^|\/)~\$[^/]*$/.test(p);

/**
 * Sort what was picked: workbooks are checked (an old .xls or a WPS .et too, to
 * be listed with the reason it cannot be read); each department's report
 * (信访局.docx beside 信访局.xlsx) is paired by name.
 */
export function toBatch(picked: PickedFile[]): Batch {
  const files = picked.filter((p) => !isLockFile(p.path));
  const books = files.filter((p) => isWorkbookName(p.path));
  const pairs = pairReports(
    books.map((b) => b.path),
    files.filter((p) => isReportName(p.path)).map((p) => p.path),
  );
  const byPath = new Map(files.map((p) => [p.path, p]));
  const workbooks = books.map((b) => ({ path: b.path, file: b.file, report: pairs.has(b.path) ? byPath.get(pairs.get(b.path)!)! : null }));
  workbooks.sort((a, b) => compareNames(a.path, b.path));
  return { workbooks };
}

/** Paths relative to the one folder picked: its own name is dropped, as the command line does. */
export function relativeTo(paths: string[]): (p: string) => string {
  const tops = new Set(paths.map((p) => (p.includes("/") ? p.split("/")[0] : "")));
  if (tops.size === 1 && !tops.has("")) {
    const top = [...tops][0];
    return (p) => p.slice(top.length + 1);
  }
  return (p) => p;
}

/** Files from <input type=file> (webkitdirectory gives webkitRelativePath "folder/sub/x.xlsx"). */
export function fromInput(list: FileList): PickedFile[] {
  const all = [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  const rel = relativeTo(all.map((p) => p.path));
  return all.map((p) => ({ path: rel(p.path), file: p.file }));
}

/** Files and folders dropped on the page; folders are walked with webkitGetAsEntry. */
export async function fromDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const out: PickedFile[] = [];
  for (const e of entries) await walk(e, "", out);
  const rel = relativeTo(out.map((p) => p.path));
  return out.map((p) => ({ path: rel(p.path), file: p.file }));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns a batch at a time (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walk(child, path, out);
  }
}
