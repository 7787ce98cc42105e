import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";

/**
 * A file's SHA-256 in hex, for the summary's 核查信息. The browser's own digest where the page
 * may use it (https, localhost, file://); a page served over plain http on an intranet has no
 * crypto.subtle (it is only offered to secure contexts), so there @noble/hashes computes it.
 * https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/digest
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle) {
    try {
      return bytesToHex(new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
    } catch {
      /* fall back to the JavaScript digest */
    }
  }
  return bytesToHex(sha256(bytes));
}
