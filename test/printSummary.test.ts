import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
const SUMMARY_TITLE = "绩效自评材料核查汇总"; const localDate = (d: Date) => d.toISOString().slice(0, 10);
import { cli, fixture, loadBook } from "./helpers";
import { sofficePath } from "./libreoffice";
import { havePdfTools, pdfPages, pdfWords, printedInFull, spareLinesPerRow, squash } from "./printedText";

const havePdf = sofficePath() !== null && havePdfTools();
if (!havePdf && process.env.CI) throw new Error("CI must install libreoffice-calc and poppler-utils (see .ci/run)");

/** A folder of submissions: errors, warnings, a project form, several forms in one file, an unreadable file. */
const SUBMISSIONS = ["seed", "seed-complete", "disputed-total-95", "dept-plus-projects", "project-sichuan", "split-mismatch", "broken-truncated"];

describe("汇总.xlsx prints as a document", () => {
  let dir: string;
  let summary: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "print-summary-"));
    const input = path.join(dir, "2023自评材料");
    await fs.mkdir(input);
    for (const n of SUBMISSIONS) await fs.copyFile(fixture(n), path.join(input, `${n}.xlsx`));
    summary = path.join(dir, "汇总.xlsx");
    expect(cli([input, "--summary", summary]).code).toBe(2);
  });

  it("every sheet has a header (title, sheet, date of the check) and a footer 第 N 页 / 共 M 页", async () => {
    const wb = await loadBook(summary);
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.oddHeader).toContain(SUMMARY_TITLE);
      expect(ws.headerFooter.oddHeader).toContain(ws.name);
      expect(ws.headerFooter.oddHeader).toContain(`核查日期：${localDate(new Date())}`);
      expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页 / 共 &N 页");
    }
  });

  (havePdf ? it : it.skip)(
    "LibreOffice's PDF: the title, the date and 第 N 页 / 共 M 页 on every page; every problem in full; rows as tall as their text",
    async () => {
      const profile = `file://${path.join(dir, "lo-profile")}`;
      execFileSync(sofficePath()!, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, summary], { stdio: "ignore", timeout: 180000 });
      const pdf = path.join(dir, "汇总.pdf");
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach(({ text, size }, i) => {
        expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts/);
        expect(squash(text)).toContain(squash(SUMMARY_TITLE));
        expect(text).toContain(`核查日期：${localDate(new Date())}`);
        expect(text).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
      });
      // Every 主要问题 and every 说明 is printed whole: no row is too short for its text.
      const wb = await loadBook(summary);
      const all = pages.map((p) => p.text).join("\n");
      const wanted: string[] = [];
      wb.getWorksheet("汇总")!.eachRow((r, n) => n > 1 && wanted.push(...r.getCell(11).text.split("\n")));
      wb.getWorksheet("问题明细")!.eachRow((r, n) => n > 1 && wanted.push(r.getCell(7).text));
      expect(wanted.length).toBeGreaterThan(40);
      expect(wanted.filter((m) => m && !printedInFull(all, m))).toEqual([]);
      // And no row is much taller than its text: under two empty lines below the last line of each
      // (the height is estimated for Excel, whose CJK glyphs are a little wider than LibreOffice's).
      const words = pdfWords(pdf);
      const spare: number[] = [];
      for (const [i, page] of words.entries()) {
        const sheet = pages[i].text.includes("主要问题") ? "汇总" : pages[i].text.includes("规则名称") ? "问题明细" : null;
        if (!sheet) continue;
        const first = sheet === "汇总" ? "文件" : "单位";
        const boundary = page.find((w) => w.text === first)!.x0;
        spare.push(...spareLinesPerRow(page, sheet === "汇总" ? "主要问题" : "说明", boundary));
      }
      expect(spare.length).toBeGreaterThan(20);
      expect(spare.filter((s) => s >= 2)).toEqual([]);
    },
    200000,
  );
});
