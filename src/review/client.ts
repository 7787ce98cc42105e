import workerCode from "!!../../scripts/inline-worker-loader.cjs!./worker";
import type { Reply, Request } from "./protocol";

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };
type Payload = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/**
 * Talks to the checker. It runs in a Web Worker started from a blob URL (works
 * served and from file://); where a worker cannot start (a policy forbids it),
 * the same checker runs in the page instead, loaded only then.
 */
export class CheckerClient {
  private worker: Worker | null = null;
  private inPage: Promise<typeof import("./checker")> | null = null;
  private pending = new Map<number, Pending>();
  private next = 1;
  /** "worker" or "page": where the checks run (shown to the reviewer, used by tests). */
  readonly mode: "worker" | "page";

  constructor() {
    try {
      const url = URL.createObjectURL(new Blob([workerCode], { type: "text/javascript" }));
      this.worker = new Worker(url);
      this.worker.onmessage = (e: MessageEvent<Reply>) => this.settle(e.data);
      this.worker.onerror = (e) => this.failAll(new Error(e.message || "worker failed"));
      this.mode = "worker";
    } catch {
      this.worker = null;
      this.mode = "page";
    }
  }

  send(payload: Payload, transfer: Transferable[] = []): Promise<Reply> {
    const id = this.next++;
    const req = { ...payload, id } as Request;
    return new Promise<Reply>((resolve, reject) => {
      if (this.worker) {
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage(req, transfer);
        return;
      }
      this.inPage ??= import(/* webpackChunkName: "checker" */ "./checker");
      this.inPage.then((m) => m.handle(req)).then((r) => resolve(r.reply), reject);
    });
  }

  private settle(r: Reply) {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    p?.resolve(r);
  }

  private failAll(e: Error) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
