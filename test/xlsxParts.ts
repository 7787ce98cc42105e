import { execFileSync } from "child_process";
import { inflateEntry, readZipDirectory } from "../src/adapters/xlsx/zip";

/** Every part of a package, inflated, by name. */
export function parts(bytes: Uint8Array): Map<string, Buffer> {
  const u = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Map(readZipDirectory(u).map((e) => [e.name, Buffer.from(inflateEntry(u, e))]));
}

/** Run Debian's python3 (with openpyxl) on a script. */
export function python(script: string, args: string[] = []): string {
  return execFileSync("/usr/bin/python3", ["-c", script, ...args], { encoding: "utf8", timeout: 120000 });
}

/** The seed workbook re-saved by openpyxl with a picture, a chart and a person's notes (openpyxl writes absolute relationship targets). */
export const OPENPYXL_DECORATE = `
import sys
from openpyxl import load_workbook
from openpyxl.drawing.image import Image
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from PIL import Image as PILImage
src, dst, png = sys.argv[1], sys.argv[2], sys.argv[3]
PILImage.new("RGB", (40, 40), (200, 30, 30)).save(png)
wb = load_workbook(src)
ws = wb["附件2"]
ws["D5"].comment = Comment("预算数待财政局核对", "王会计")
ws["A1"].comment = Comment("表头请勿修改", "王会计")
ws.add_image(Image(png), "K2")
ch = BarChart()
ch.add_data(Reference(ws, min_col=7, min_row=14, max_row=20))
ws.add_chart(ch, "K10")
ws.freeze_panes = "A4"
ws.print_options.gridLines = True
wb.save(dst)
`;
