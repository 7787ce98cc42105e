import { createHash } from "crypto";
import { promises as fs } from "fs";

/** The file's SHA-256 as hex, or null when it cannot be read (the check reports why). */
export async function sha256File(file: string): Promise<string | null> {
  try {
    return createHash("sha256").update(await fs.readFile(file)).digest("hex");
  } catch {
    return null;
  }
}
