import { recalculate as officeRecalculate } from "../src/adapters/office/recalculate";
import { recalculate as etRecalculate } from "../src/adapters/wps";
import { FIXTURES } from "../fixtures/build/catalog";
import { openInHost } from "./officeHelpers";
import { openInEt, seen } from "./wpsHelpers";
import { QUIRK_VARIANTS, type EtQuirks } from "../src/testing/etHost/quirks";

/** WPS honouring ranges of several areas, and each way it might not (quirks unionAddress, unionWrites, unionReads): one call per area then, the same workbook. */
const BUILDS: [string, Partial<EtQuirks>][] = [["multi-area ranges as in Excel", {}], ...QUIRK_VARIANTS.filter(([, q]) => Object.keys(q).some((k) => k.startsWith("union")))];

const strip = (r: Awaited<ReturnType<typeof officeRecalculate>>["report"]) => ({
  computed: r.computed,
  tables: r.tables,
  findings: r.findings,
  plan: r.plan,
});

/** Run a click, giving its result or the error (a workbook without forms is refused by both). */
async function outcome<T>(p: Promise<T>): Promise<{ ok: T } | { error: { zh?: string; code?: string } }> {
  try {
    return { ok: await p };
  } catch (e) {
    return { error: { zh: (e as { zh?: string }).zh, code: (e as { code?: string }).code } };
  }
}

describe.each(BUILDS)("%s", (_build, quirks) => {
  // Where the journal lives does not change how areas are written: the builds that do not honour unions run with the default home only.
  describe.each(Object.keys(quirks).length ? (["sheet"] as const) : (["part", "sheet"] as const))("ET host + ET adapter against Excel host + Office adapter (journal in the %s)", (journalHome) => {
    it.each(Object.keys(FIXTURES))("%s: the same report, plan, cells, formats, fills, notes and 「核查结果」, click after click", async (name) => {
      const { host: excel, api } = await openInHost(name);
      const et = await openInEt(name, { quirks });
      for (let click = 0; click < 2; click++) {
        const a = await outcome(officeRecalculate(api));
        const b = await outcome(etRecalculate(et.root, { journalHome }));
        if ("error" in a || "error" in b) {
          expect(b).toEqual(a);
          expect(et.writes).toBe(0);
          return;
        }
        expect(strip(b.ok.report)).toEqual(strip(a.ok.report));
        expect(seen(et.doc, "characters")).toEqual(seen(excel.doc, "points"));
        expect(et.stateRestored).toBe(true);
        expect(et.prompts).toBe(0);
      }
    });
  });
});
