import { reportText } from "../adapters/docx/reportText";

/**
 * Read a report the clerk picks in the pane: a .docx or plain text, decided as the command
 * line and the reviewers' page decide (reportText). Nothing leaves the machine.
 */
export async function readReportInBrowser(file: File): Promise<string> {
  const read = reportText(file.name, new Uint8Array(await file.arrayBuffer()));
  if ("refused" in read) throw new Error(read.refused.zh);
  return read.text;
}
