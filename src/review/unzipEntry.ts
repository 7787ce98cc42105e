import { strFromU8, unzipSync } from "fflate";

/** One entry of a zip (a .docx) as text, or null when it is not there. Throws on a broken zip. */
export async function unzipEntryText(zip: Uint8Array, wanted: string): Promise<string | null> {
  const entries = unzipSync(zip, { filter: (f) => f.name === wanted });
  return wanted in entries ? strFromU8(entries[wanted]) : null;
}
