import { promises as fs } from "fs";
import * as path from "path";
import { allBandWords } from "../engine/bandWords";
import type { Profile } from "../engine/profile";
import { buildSummaryWorkbook } from "../summary/workbook";
import type { Submission } from "../summary/submission";
import { TOOL_NAME } from "../summary/version";

/** Write the reviewer's summary workbook (built without Node APIs, see src/summary/workbook.ts). */
export async function writeSummary(rows: Submission[], file: string, meta: { profile: Profile; source: string }): Promise<void> {
  const bytes = await buildSummaryWorkbook(rows, { tool: TOOL_NAME, profile: meta.profile.name, bands: allBandWords(meta.profile), checkedAt: new Date(), source: meta.source });
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, bytes);
}
