import { parentPort, workerData } from "worker_threads";
import type { Profile } from "../engine/profile";
import { processFile, type FileTask } from "./processFile";

/** A pool worker: checks the files it is sent, one at a time, and posts each outcome back. */
const profile = (workerData as { profile: Profile }).profile;
parentPort!.on("message", async (msg: { index: number; task: FileTask }) => {
  const outcome = await processFile(msg.task, profile);
  parentPort!.postMessage({ index: msg.index, outcome });
});
