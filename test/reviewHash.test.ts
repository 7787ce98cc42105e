import { createHash } from "crypto";
import { sha256Hex } from "../src/review/hash";

describe("the reviewers' page hashes each file", () => {
  const bytes = new TextEncoder().encode("部门整体支出绩效自评表".repeat(500));
  const expected = createHash("sha256").update(bytes).digest("hex");

  it("with the browser's digest where the page is a secure context", async () => {
    expect(globalThis.crypto?.subtle).toBeDefined();
    const spy = jest.spyOn(globalThis.crypto.subtle, "digest");
    expect(await sha256Hex(bytes)).toBe(expected);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("with @noble/hashes where crypto.subtle is not offered (a plain-http intranet page)", async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto")!;
    Object.defineProperty(globalThis, "crypto", { value: {}, configurable: true });
    try {
      expect(await sha256Hex(bytes)).toBe(expected);
    } finally {
      Object.defineProperty(globalThis, "crypto", saved);
    }
  });
});
