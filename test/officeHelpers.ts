import { patientOf, type OfficeApi } from "../src/adapters/office/officeApi";
import { openWorkbook, type WorkbookShape } from "../src/adapters/office/readWorkbook";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { ExcelHost, PANE_RUNTIME, type HostOptions } from "../src/testing/excelHost/host";
import { fixture, loadBook } from "./helpers";

/** The Office adapter's view of an in-memory host, bound as production binds Excel (patientOf: delayForCellEdit). */
export function apiOf(host: ExcelHost, runtime = PANE_RUNTIME): OfficeApi {
  return patientOf({
    run: (options, batch) => (options ? host.runIn(runtime, options, batch as never) : host.runIn(runtime, batch as never)),
    isSetSupported: (name, version) => host.isSetSupported(name, version),
    rerun: (context, batch) => host.run(context as never, batch as never),
  });
}

/** A fixture workbook opened in the in-memory host, as Excel would open the file. */
export async function openInHost(name: string, options?: HostOptions): Promise<{ host: ExcelHost; api: OfficeApi }> {
  const doc = documentFromExcelJS(await loadBook(fixture(name)));
  const host = new ExcelHost(doc, options);
  return { host, api: apiOf(host) };
}

/** What the task pane learns when it opens (the workbook's shape); the host's counters then start from zero. */
export async function paneShape(host: ExcelHost, api: OfficeApi): Promise<WorkbookShape> {
  const { shape } = await openWorkbook(api);
  host.syncs = 0;
  host.maxRequest = 0;
  host.maxResponse = 0;
  return shape;
}
