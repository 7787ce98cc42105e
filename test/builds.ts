import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import { buildAddin } from "../scripts/build";
import { ROOT } from "./helpers";

/**
 * The production builds the browser tests load, made once per `jest` run and shared by every
 * test file: webpack takes minutes on a 2-core machine, and two test files building into one
 * folder at once would read each other's half-written files. Jest runs test files in several
 * worker processes, so a lock directory serialises the build and a stamp names the run that
 * made it (globalSetup sets JIXIAO_TEST_RUN).
 */
export type BuildKind = "production" | "harness";

export const BUILD_DIRS: Record<BuildKind, string> = {
  production: path.join(ROOT, "dist-test", "production"),
  harness: path.join(ROOT, "dist-test", "harness"),
};

const STALE_LOCK_MS = 15 * 60 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stampOf(dir: string): string | null {
  try {
    return readFileSync(path.join(dir, ".test-run"), "utf8");
  } catch {
    return null;
  }
}

/** Whether the process that took a lock has ended (no pid written yet: it is just starting). */
function ownerGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    return false;
  }
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The folder of a build made in this run, building it first if no worker has yet. */
export async function ensureBuild(kind: BuildKind): Promise<string> {
  const dir = BUILD_DIRS[kind];
  const run = process.env.JIXIAO_TEST_RUN ?? `single-${process.pid}`;
  if (stampOf(dir) === run) return dir;
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      // Another worker is building. A lock left by a killed run is taken over: at once when the
      // process that took it is gone, else after a while (a pid reused by another program).
      if (existsSync(lock) && (ownerGone(lock) || Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS)) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (stampOf(dir) !== run) {
      // The CDN build, whatever the developer's shell says: the tests check what ships by default.
      await buildAddin({ out: dir, officeJs: "cdn", ...(kind === "harness" ? { harness: true } : {}) });
      writeFileSync(path.join(dir, ".test-run"), run);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return dir;
}
