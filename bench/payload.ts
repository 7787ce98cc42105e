import { recalculate } from "../src/adapters/office/recalculate";
import { openWorkbook } from "../src/adapters/office/readWorkbook";
import type { OfficeApi } from "../src/adapters/office/officeApi";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { ExcelHost } from "../src/testing/excelHost/host";
import { buildWorkbook } from "../fixtures/build/buildWorkbook";
import { FIXTURES } from "../fixtures/build/catalog";
import type { WorkbookSpec } from "../fixtures/build/spec";
import { largeWorkbook } from "./largeWorkbook";

export interface PayloadFigures {
  /** Largest request and response of one batch, in bytes (JSON of the queued actions / of the loaded values). */
  maxRequest: number;
  maxResponse: number;
  /** context.sync calls of a recalculation from the pane (the workbook's shape known). */
  syncs: number;
  /** The same from the ribbon (shape not known: two more small read batches). */
  coldSyncs: number;
}

const apiOf = (host: ExcelHost): OfficeApi => ({ run: (o, b) => (o ? host.run(o, b as never) : host.run(b as never)), isSetSupported: (n, v) => host.isSetSupported(n, v) });

/** One recalculation on the in-memory host, which refuses batches over Excel on the web's 5 MB. */
async function measure(spec: WorkbookSpec): Promise<PayloadFigures> {
  const doc = documentFromExcelJS(await buildWorkbook(spec));
  const cold = new ExcelHost(JSON.parse(JSON.stringify(doc)), { excelApi: 20 });
  await recalculate(apiOf(cold));
  const host = new ExcelHost(doc, { excelApi: 20 });
  const { shape } = await openWorkbook(apiOf(host));
  host.syncs = 0;
  host.maxRequest = 0;
  host.maxResponse = 0;
  await recalculate(apiOf(host), { shape });
  return { maxRequest: host.maxRequest, maxResponse: host.maxResponse, syncs: host.syncs, coldSyncs: cold.syncs };
}

/** payloadBytes of contract F: the seed and the 50× workbook, each within 5 MB a batch. */
export async function payloadBytes(): Promise<{ seed: PayloadFigures; large: PayloadFigures; limit: number }> {
  return { seed: await measure(FIXTURES.seed()), large: await measure(largeWorkbook(50)), limit: 5 * 1024 * 1024 };
}
