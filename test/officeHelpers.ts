import type { OfficeApi } from "../src/adapters/office/officeApi";
import { documentFromExcelJS } from "../src/testing/excelHost/fromExcelJS";
import { ExcelHost, type HostOptions } from "../src/testing/excelHost/host";
import { fixture, loadBook } from "./helpers";

/** The Office adapter's view of an in-memory host. */
export function apiOf(host: ExcelHost): OfficeApi {
  return {
    run: (options, batch) => (options ? host.run(options, batch as never) : host.run(batch as never)),
    isSetSupported: (name, version) => host.isSetSupported(name, version),
  };
}

/** A fixture workbook opened in the in-memory host, as Excel would open the file. */
export async function openInHost(name: string, options?: HostOptions): Promise<{ host: ExcelHost; api: OfficeApi }> {
  const doc = documentFromExcelJS(await loadBook(fixture(name)));
  const host = new ExcelHost(doc, options);
  return { host, api: apiOf(host) };
}
