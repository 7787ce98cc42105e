import { startAutoCheck } from "../src/adapters/office/autoCheck";
import { checkOnly, recalculate } from "../src/adapters/office/recalculate";
import { loadSettings, SETTINGS_NS } from "../src/adapters/office/settings";
import { openWorkbook } from "../src/adapters/office/readWorkbook";
import { PROFILES } from "../src/engine/profile";
import { cloneDocument } from "../src/testing/excelHost/document";
import { openInHost } from "./officeHelpers";

/**
 * A reviewer's choices (rule profile, 自动核查) while only checking (只检查) are not written into the
 * department's submission: the settings part is written by 一键核算 only, in its own write batch
 * (one Ctrl+Z step with the rest where ExcelApi 1.20 has undo groups).
 */
const settingsParts = (doc: { customXmlParts: { namespace: string }[] }) => doc.customXmlParts.filter((p) => p.namespace === SETTINGS_NS);

describe("reviewer choices in 只检查", () => {
  it("choosing a profile and 自动核查, then 只检查 with them, writes nothing", async () => {
    const { host, api } = await openInHost("seed");
    const before = cloneDocument(host.doc);
    const { shape } = await openWorkbook(api);
    // The reviewer picks 财预〔2020〕10号 and turns 自动核查 on: the pane keeps the choice and checks with it.
    const choice = { profile: "national", autoCheck: true };
    const { report, profile } = await checkOnly(api, { profile: PROFILES[choice.profile], shape });
    expect(profile.id).toBe("national");
    const auto = await startAutoCheck(api, [report.tables.basicData!, report.tables.selfEvaluation!], () => undefined);
    await auto?.stop();
    expect([host.writes, host.undoSteps]).toEqual([0, 0]);
    expect(host.doc).toEqual(before);
    expect(await loadSettings(api)).toEqual({ profile: "seed", autoCheck: false });
  });

  it("一键核算 stores the choice with its changes: one part, read back, used by the ribbon, replaced only when it changes", async () => {
    const { host, api } = await openInHost("seed");
    const { shape } = await openWorkbook(api);
    const settings = { profile: "national", autoCheck: true };
    const r = await recalculate(api, { profile: PROFILES.national, settings, shape });
    expect(r.outcome.shape.settings).toBe(true);
    expect(settingsParts(host.doc)).toHaveLength(1);
    expect(await loadSettings(api)).toEqual(settings);
    expect(host.undoSteps).toBe(1);
    // The ribbon's next run uses the stored profile.
    expect((await recalculate(api)).profile.id).toBe("national");
    // A changed choice replaces the part's text; the same choice writes nothing more.
    await recalculate(api, { profile: PROFILES.seed, settings: { profile: "seed", autoCheck: true } });
    expect(settingsParts(host.doc)).toHaveLength(1);
    expect(await loadSettings(api)).toEqual({ profile: "seed", autoCheck: true });
    const parts = JSON.stringify(settingsParts(host.doc));
    await recalculate(api, { profile: PROFILES.seed, settings: { profile: "seed", autoCheck: true } });
    expect(JSON.stringify(settingsParts(host.doc))).toBe(parts);
  });

  it("Ctrl+Z after 一键核算 takes the stored choice away with the marks (ExcelApi 1.20: one undo group)", async () => {
    const { host, api } = await openInHost("seed");
    const before = cloneDocument(host.doc);
    await recalculate(api, { profile: PROFILES.national, settings: { profile: "national", autoCheck: false } });
    expect(host.undo()).toBe(true);
    expect(host.doc).toEqual(before);
  });

  it("without custom XML parts (below ExcelApi 1.5) there is nowhere to store it: 一键核算 still runs", async () => {
    const { host, api } = await openInHost("seed", { excelApi: 4 });
    const r = await recalculate(api, { profile: PROFILES.national, settings: { profile: "national", autoCheck: false } });
    expect(r.outcome.written).toBeGreaterThan(0);
    expect(settingsParts(host.doc)).toHaveLength(0);
  });
});
