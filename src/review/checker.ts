import { allBandWords } from "../engine/bandWords";
import { PROFILES } from "../engine/profile";
import { checkedName, uniqueCheckedNames } from "../summary/paths";
import { pairedReport } from "../summary/pairedReport";
import { failedSubmission, NOTHING_TO_CHECK_ZH, nothingToCheck, submissionOf, type Submission } from "../summary/submission";
import { TOOL_NAME } from "../summary/version";
import { checkBytes, UnreadableWorkbook } from "./checkBytes";
import { downloadZip } from "./downloadZip";
import { sha256Hex } from "./hash";
import { COPIES_FOLDER, SUMMARY_NAME, type CheckRequest, type PackageRequest, type Reply, type Request } from "./protocol";

/**
 * The page's checker: runs in a Web Worker (or, where no worker may start, in
 * the page). Keeps each checked workbook until the reviewer downloads the zip,
 * so copies are written only when asked for.
 */
const kept = new Map<string, { submission: Submission; write: (() => Uint8Array) | null }>();

export async function handle(req: Request): Promise<{ reply: Reply; transfer: ArrayBuffer[] }> {
  try {
    // The table needs each submission's rows, not its findings: copying every finding to the page
    // and keeping them there cost both threads time and memory for nothing until a row is opened,
    // when they are sent.
    if (req.type === "check") return { reply: { type: "checked", id: req.id, submission: { ...(await check(req)), findings: [] } }, transfer: [] };
    if (req.type === "findings") {
      const k = kept.get(req.name);
      if (!k) return { reply: { type: "error", id: req.id, message: "该文件不在本次核查中，请重新选择文件夹" }, transfer: [] };
      return { reply: { type: "findings", id: req.id, findings: k.submission.findings }, transfer: [] };
    }
    if (req.type === "package") {
      const zip = await pack(req);
      return { reply: { type: "package", id: req.id, zip }, transfer: [zip.buffer as ArrayBuffer] };
    }
    kept.clear();
    return { reply: { type: "reset", id: req.id }, transfer: [] };
  } catch (e) {
    return { reply: { type: "error", id: req.id, message: (e as Error)?.message ?? String(e) }, transfer: [] };
  }
}

async function check(req: CheckRequest): Promise<Submission> {
  const profile = PROFILES[req.profile] ?? PROFILES.seed;
  const hash = await sha256Hex(req.bytes);
  const report = req.report;
  const paired = report ? pairedReport(report.name, () => report.bytes) : null;
  const status = paired?.status ?? null;
  let submission: Submission;
  let write: (() => Uint8Array) | null = null;
  try {
    const checked = checkBytes(req.bytes, req.name, profile, paired?.text ?? undefined);
    const r = checked.report;
    if (nothingToCheck(r)) submission = failedSubmission(req.name, NOTHING_TO_CHECK_ZH, { sha256: hash, report: status });
    else {
      submission = submissionOf(req.name, r, { sha256: hash, copy: `${COPIES_FOLDER}/${checkedName(req.name)}`, report: status });
      write = checked.write;
    }
  } catch (e) {
    if (!(e instanceof UnreadableWorkbook)) throw e;
    submission = failedSubmission(req.name, e.message, { sha256: hash, report: status });
  }
  kept.set(req.name, { submission, write });
  return submission;
}

/** The summary workbook and every checked copy, the folder's tree mirrored under 已核查/. */
async function pack(req: PackageRequest): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const submissions: Submission[] = [];
  const copies = uniqueCheckedNames(req.names.filter((n) => kept.get(n)?.write));
  for (const name of req.names) {
    const k = kept.get(name);
    if (!k) continue;
    const copy = copies.get(name);
    // The summary links each file to the copy it is written as.
    submissions.push(copy ? { ...k.submission, copy: `${COPIES_FOLDER}/${copy}` } : k.submission);
    if (k.write && copy) files[`${COPIES_FOLDER}/${copy}`] = k.write();
  }
  // ExcelJS (the summary's writer) is loaded on the first download, not when the worker starts:
  // its start-up was most of the wait before the first file was checked.
  const { buildSummaryWorkbook } = await import("../summary/workbook");
  const profile = PROFILES[req.profile] ?? PROFILES.seed;
  files[SUMMARY_NAME] = await buildSummaryWorkbook(submissions, { tool: TOOL_NAME, profile: profile.name, bands: allBandWords(profile), checkedAt: new Date(), source: req.source });
  return downloadZip(files);
}
