import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { Profile } from "../engine/profile";
import type { FileOutcome, FileTask } from "./processFile";

/**
 * Check many files on every core with worker threads. Outcomes come back in
 * the order of the input, whatever order the workers finish in.
 */
export async function processAll(tasks: FileTask[], profile: Profile, onDone?: (done: number, outcome: FileOutcome) => void): Promise<FileOutcome[]> {
  // Threads pay off from 3 cores: each worker loads ExcelJS (~0.3 s), and on the 2-core CI
  // machine two ExcelJS threads measured slower than one (the work is allocation-bound there).
  // JIXIAO_WORKERS overrides the count (1: no workers), e.g. to compare in benchmarks.
  const available = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const cores = Number(process.env.JIXIAO_WORKERS) || (available > 2 ? available : 1);
  const workers = Math.min(cores, tasks.length);
  if (workers <= 1) {
    // Loaded here only: with workers, the main thread never needs ExcelJS.
    const { processFile } = await import("./processFile");
    const out: FileOutcome[] = [];
    for (const t of tasks) {
      const outcome = await processFile(t, profile);
      out.push(outcome);
      onDone?.(out.length, outcome);
    }
    return out;
  }
  const results: FileOutcome[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  // From source (npm run check runs under tsx) the worker needs tsx's loader too; compiled, it does not.
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  const boot = ext === ".ts" ? `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(file)});` : null;
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const w = boot ? new Worker(boot, { eval: true, workerData: { profile } }) : new Worker(file, { workerData: { profile } });
        const feed = () => {
          if (next >= tasks.length) {
            void w.terminate().then(() => resolve());
            return;
          }
          const index = next++;
          w.postMessage({ index, task: tasks[index] });
        };
        w.on("message", (m: { index: number; outcome: FileOutcome }) => {
          results[m.index] = m.outcome;
          onDone?.(++done, m.outcome);
          feed();
        });
        w.on("error", reject);
        feed();
      }),
    ),
  );
  return results;
}
