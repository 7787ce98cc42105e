import { handle } from "./checker";
import type { Request } from "./protocol";

/**
 * The reviewers' page's Web Worker: every file is checked here, off the page's
 * thread. Bundled into a string at build time and started from a blob URL, so
 * it runs from any static host and from file:// alike.
 */
const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown, t: Transferable[]): void };
scope.onmessage = async (e) => {
  const { reply, transfer } = await handle(e.data);
  scope.postMessage(reply, transfer);
};
