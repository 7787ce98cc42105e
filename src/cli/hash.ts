import { createHash } from "crypto";
import { promises as fs } from "fs";

/** SHA-256 of bytes already read, as hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The file's SHA-256 as hex, or null when it cannot be read (the check reports why). */
export async function sha256File(file: string): Promise<string | null> {
  try {
    return sha256Hex(await fs.readFile(file));
  } catch {
    return null;
  }
}
