import { cloneDocument, type HostCell, type HostDocument, type HostSheet } from "../excelHost/document";
import { recalc } from "../excelHost/host";
import { deleteRows, insertRows, renameSheet } from "../excelHost/moves";
import type { EtApplication, EtComments, EtCustomXMLPart, EtCustomXMLParts, EtRoot, EtSheets, EtWorkbook, EtWorksheet } from "../../adapters/wps/etApi";
import { EtEvents } from "./events";
import { DEFAULT_QUIRKS, type EtQuirks } from "./quirks";
import { EtRangeObject, writeInput } from "./range";
import { etError, guardLastVisible, guardSheetName, guardStructure, VISIBILITY, VISIBLE_OF } from "./rules";

/**
 * A strict in-memory WPS 表格 (ET) host over the Excel host's document model
 * (src/testing/excelHost/document.ts), so the same fixtures load in both
 * (documentFromExcelJS / documentFromXlsx). It follows docs/wps-addin.md §5:
 * 1. every get, set or call acts on the document at once and is counted (`calls`);
 * 2. indices are 1-based; Item(0), out-of-range indices and unknown names throw;
 * 3. Value2/Formula: a scalar for one cell, else 2-D (quirk: 1-D single rows; errors as text or COM integers);
 * 4. NumberFormat, Interior.Color/Pattern, MergeCells, Font.Bold give the common value, or null when cells differ;
 * 5. MergeArea only on a single cell;
 * 6. arrays of the wrong size throw; "'" keeps text; "=" makes a formula;
 * 7. writes to a ProtectContents sheet throw a plain Error; a read-only workbook refuses or allows writes (option);
 * 8. AddComment on a cell with a comment throws; Comment is null when there is none;
 * 9. Range.Select throws unless its sheet is active;
 * 10. Add needs a unique name of at most 31 characters; the last visible sheet cannot go;
 * 11. fills are stored as BGR and mapped to HostCell.fill ("#RRGGBB");
 * 12. ScreenUpdating/EnableEvents/Calculation are checked restored (`stateRestored`);
 * 13. no `Et` or `Application.Enum` globals;
 * 14. pessimistic undo: every write is one step (`undoSteps`).
 * Members are exactly those of src/adapters/wps/etApi.ts, which is type-checked
 * against et-jsapi-declare; where WPS's behaviour is unconfirmed, quirks.ts decides.
 */
export interface EtHostOptions {
  quirks?: Partial<EtQuirks>;
  /** Workbook.ReadOnly: "refuse" makes every write throw; "allow" lets edits through (saving is what is blocked) (§8.6, U). */
  readOnly?: "refuse" | "allow";
  /** A build without wps.ApiEvent (自动核查 then stays off). */
  noEvents?: boolean;
}

const INITIAL = { ScreenUpdating: true, EnableEvents: true, DisplayAlerts: true, Calculation: -4105 };

export class EtHost {
  calls = 0;
  /** Calls by member ("Range.Value2"), for budgets. */
  readonly byMember = new Map<string, number>();
  writes = 0;
  /** Rule 14: every write is one Ctrl+Z step (pessimistic; whether WPS groups JS edits is U). */
  undoSteps = 0;
  /** Confirmation dialogs a clerk would have seen (Worksheet.Delete with DisplayAlerts on). */
  prompts = 0;
  readonly quirks: EtQuirks;
  readonly state = { ...INITIAL };
  readonly application: EtApplication;
  /** What the add-in is given as `window.wps` / `window.Application`. */
  readonly root: EtRoot & EtApplication;
  /** wps.ApiEvent (events.ts). */
  readonly events: EtEvents;

  constructor(
    public doc: HostDocument,
    readonly options: EtHostOptions = {},
  ) {
    this.quirks = { ...DEFAULT_QUIRKS, ...options.quirks };
    recalc(this.doc);
    this.application = new ApplicationObject(this);
    const app = this.application;
    this.events = new EtEvents((m) => this.tick(m));
    // wps.EtApplication: a function [J] or a property [E] (U); everything else of the root is the application.
    this.root = Object.create(app, {
      EtApplication: this.quirks.etApplication === "function" ? { value: () => app } : { get: () => app },
      ...(options.noEvents ? {} : { ApiEvent: { value: this.events } }),
    });
  }

  /** Count one host round trip. */
  tick(member: string): void {
    this.calls++;
    this.byMember.set(member, (this.byMember.get(member) ?? 0) + 1);
  }

  /** A write: refused on a read-only workbook when so configured; one undo step; formulas recalculated while calculation is automatic. */
  /** Make the n-th write from now throw (a failure midway through a run). */
  failWriteAt: number | null = null;

  write(fn: () => void): void {
    if (this.options.readOnly === "refuse") throw etError("This workbook is read-only.");
    if (this.failWriteAt !== null && --this.failWriteAt <= 0) {
      this.failWriteAt = null;
      throw etError("Injected failure: WPS stopped midway.");
    }
    fn();
    this.writes++;
    this.undoSteps++;
    if (this.state.Calculation !== -4135) recalc(this.doc);
  }

  /** The application state the add-in must leave as it found it (rule 12). */
  get stateRestored(): boolean {
    return Object.entries(INITIAL).every(([k, v]) => this.state[k as keyof typeof INITIAL] === v);
  }

  resetCounters(): void {
    this.calls = 0;
    this.byMember.clear();
    this.writes = 0;
  }

  sheet(name: string): HostSheet {
    const s = this.doc.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** A person types into cells (outside the add-in). */
  edit(sheet: string, cells: Record<string, HostCell["value"]>): void {
    const s = this.sheet(sheet);
    for (const [addr, v] of Object.entries(cells)) writeInput((s.cells[addr] ??= {}), v === null ? "" : v);
    recalc(this.doc);
    this.fireSheetChange(sheet, Object.keys(cells).join(","));
  }

  /** SheetChange with the sheet and the range at `address` ("D5", "D5,F7"), as WPS calls it after an edit. */
  fireSheetChange(sheet: string, address: string): void {
    const ws = new WorksheetObject(this, this.sheet(sheet));
    const first = address.split(",")[0];
    const target = EtRangeObject.at(this, () => this.sheet(sheet), first);
    // Target.Address of an area list gives the whole list, as Excel's does.
    this.events.fire(ws, address.includes(",") ? { Address: () => address } : target);
  }

  insertRows(sheet: string, row: number, count = 1): void {
    insertRows(this.doc, this.sheet(sheet), row - 1, count);
    recalc(this.doc);
  }

  deleteRows(sheet: string, row: number, count = 1): void {
    deleteRows(this.doc, this.sheet(sheet), row - 1, count);
    recalc(this.doc);
  }

  renameSheet(sheet: string, name: string): void {
    renameSheet(this.doc, this.sheet(sheet), name);
    recalc(this.doc);
  }

  /**
   * The clerk saves and WPS reopens the file: what survives. Custom XML parts
   * go unless the quirk says WPS keeps them (§8.5, U).
   */
  saveAndReopen(): void {
    const saved = cloneDocument(this.doc);
    if (!this.quirks.customXmlSurvivesSave) saved.customXmlParts = [];
    saved.selection = null;
    this.doc = saved;
  }
}

/** Application (excel.application): the speed switches and the active workbook. */
class ApplicationObject implements EtApplication {
  constructor(private readonly h: EtHost) {}
  get ActiveWorkbook(): EtWorkbook {
    this.h.tick("Application.ActiveWorkbook");
    return new WorkbookObject(this.h);
  }
  private flag<K extends keyof EtHost["state"]>(k: K): EtHost["state"][K] {
    this.h.tick(`Application.${k}`);
    return this.h.state[k];
  }
  private setFlag<K extends keyof EtHost["state"]>(k: K, v: EtHost["state"][K]): void {
    this.h.tick(`Application.${k}=`);
    this.h.state[k] = v;
    // Back to automatic calculation: formulas are brought up to date (excel.application.calculation).
    if (k === "Calculation" && v !== -4135) recalc(this.h.doc);
  }
  get ScreenUpdating(): boolean { return this.flag("ScreenUpdating"); }
  set ScreenUpdating(v: boolean) { this.setFlag("ScreenUpdating", v); }
  get EnableEvents(): boolean { return this.flag("EnableEvents"); }
  set EnableEvents(v: boolean) { this.setFlag("EnableEvents", v); }
  get DisplayAlerts(): boolean { return this.flag("DisplayAlerts"); }
  set DisplayAlerts(v: boolean) { this.setFlag("DisplayAlerts", v); }
  get Calculation(): number { return this.flag("Calculation"); }
  set Calculation(v: number) {
    if (![-4105, -4135, 2].includes(v)) throw etError(`Invalid XlCalculation ${v}`);
    this.setFlag("Calculation", v);
  }
  get Version(): string {
    this.h.tick("Application.Version");
    return "12.1.0.in-memory";
  }
  get Build(): number {
    this.h.tick("Application.Build");
    return 0;
  }
}

class WorkbookObject implements EtWorkbook {
  constructor(private readonly h: EtHost) {}
  get Name(): string {
    this.h.tick("Workbook.Name");
    return "workbook.xlsx";
  }
  get Worksheets(): EtSheets {
    this.h.tick("Workbook.Worksheets");
    return new SheetsObject(this.h);
  }
  get ActiveSheet(): EtWorksheet {
    this.h.tick("Workbook.ActiveSheet");
    const s = this.h.doc.sheets.find((x) => x.name === this.h.doc.activeSheet) ?? this.h.doc.sheets.find((x) => x.visibility === "Visible");
    if (!s) throw etError("No active sheet");
    return new WorksheetObject(this.h, s);
  }
  get ReadOnly(): boolean {
    this.h.tick("Workbook.ReadOnly");
    return !!this.h.options.readOnly;
  }
  get ProtectStructure(): boolean {
    this.h.tick("Workbook.ProtectStructure");
    return !!this.h.doc.structureProtected;
  }
  get CustomXMLParts(): EtCustomXMLParts {
    this.h.tick("Workbook.CustomXMLParts");
    return new PartsObject(this.h, null);
  }
}

/** Count, or count on the builds that spell it so (quirk); the other spelling is not there. */
function counted(h: EtHost, what: string, n: () => number): { Count?: number; count?: number } {
  return {
    get Count() {
      h.tick(`${what}.Count`);
      return h.quirks.count === "Count" ? n() : undefined;
    },
    get count() {
      h.tick(`${what}.count`);
      return h.quirks.count === "count" ? n() : undefined;
    },
  };
}

/** A 1-based index (Item(1) is the first: excel.worksheets.item); 0, fractions and out-of-range throw. */
function indexed<T>(list: T[], i: number, what: string): T {
  if (!Number.isInteger(i) || i < 1 || i > list.length) throw etError(`${what}: index ${i} out of range 1..${list.length}`);
  return list[i - 1];
}

class SheetsObject implements EtSheets {
  constructor(private readonly h: EtHost) {
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(counted(h, "Sheets", () => h.doc.sheets.length)));
  }
  declare readonly Count?: number;
  declare readonly count?: number;
  /** Item(index or name): names compare case-insensitively; an unknown one throws (excel.worksheets.item). */
  Item(index: string | number): EtWorksheet {
    this.h.tick("Sheets.Item");
    const sheets = this.h.doc.sheets;
    if (typeof index === "number") return new WorksheetObject(this.h, indexed(sheets, index, "Worksheets.Item"));
    const s = sheets.find((x) => x.name.toLocaleUpperCase() === String(index).toLocaleUpperCase());
    if (!s) throw etError(`Worksheets.Item: no sheet named ${index}`);
    return new WorksheetObject(this.h, s);
  }
  /**
   * Worksheets.Add(Before, After): "The new worksheet becomes the active sheet";
   * "If Before and After are both omitted, the new sheet is inserted before the
   * active sheet." https://learn.microsoft.com/en-us/office/vba/api/excel.worksheets.add
   */
  Add(Before?: unknown, After?: unknown): EtWorksheet {
    this.h.tick("Sheets.Add");
    const doc = this.h.doc;
    let created: HostSheet | null = null;
    this.h.write(() => {
      guardStructure(doc, "adding a sheet");
      let n = doc.sheets.length + 1;
      while (doc.sheets.some((s) => s.name.toLocaleUpperCase() === `SHEET${n}`)) n++;
      created = { name: `Sheet${n}`, visibility: "Visible", protected: false, cells: {}, merges: [] };
      const anchor = (x: unknown) => (x instanceof WorksheetObject ? doc.sheets.indexOf(x.target()) : -1);
      const active = doc.sheets.findIndex((s) => s.name === doc.activeSheet);
      const at = Before !== undefined ? anchor(Before) : After !== undefined ? anchor(After) + 1 : Math.max(0, active);
      if ((Before !== undefined || After !== undefined) && at < (After !== undefined ? 1 : 0)) throw etError("Worksheets.Add: Before/After is not a sheet of this workbook");
      doc.sheets.splice(at, 0, created);
      doc.activeSheet = created.name;
    });
    return new WorksheetObject(this.h, created!);
  }
}

export class WorksheetObject implements EtWorksheet {
  constructor(
    private readonly h: EtHost,
    private readonly s: HostSheet,
  ) {}
  /** The live sheet; a deleted one throws, as a released COM object would. */
  target(): HostSheet {
    if (!this.h.doc.sheets.includes(this.s)) throw etError("The object has been deleted.");
    return this.s;
  }
  get Name(): string {
    this.h.tick("Worksheet.Name");
    return this.target().name;
  }
  set Name(v: string) {
    this.h.tick("Worksheet.Name=");
    const s = this.target();
    this.h.write(() => {
      guardSheetName(this.h.doc, v, s);
      if (this.h.doc.activeSheet === s.name) this.h.doc.activeSheet = v;
      renameSheet(this.h.doc, s, v);
    });
  }
  get Visible(): number {
    this.h.tick("Worksheet.Visible");
    return VISIBLE_OF[this.target().visibility];
  }
  set Visible(v: number) {
    this.h.tick("Worksheet.Visible=");
    const s = this.target();
    const vis = VISIBILITY[typeof v === "boolean" ? (v ? -1 : 0) : v];
    if (!vis) throw etError(`Invalid XlSheetVisibility ${v}`);
    this.h.write(() => {
      guardStructure(this.h.doc, `changing the visibility of ${s.name}`);
      if (vis !== "Visible") guardLastVisible(this.h.doc, s);
      s.visibility = vis;
      // Hiding the active sheet activates the next visible one, as the UI does.
      if (vis !== "Visible" && this.h.doc.activeSheet === s.name) this.h.doc.activeSheet = this.h.doc.sheets.find((x) => x.visibility === "Visible")?.name ?? null;
    });
  }
  /**
   * Worksheet.UsedRange: every cell ever used, formatted ones included (not
   * only values, unlike Office.js getUsedRange(true)); a blank sheet gives A1.
   * https://learn.microsoft.com/en-us/office/vba/api/excel.worksheet.usedrange
   */
  get UsedRange(): EtRangeObject {
    this.h.tick("Worksheet.UsedRange");
    const s = this.target();
    let top = Infinity, left = Infinity, bottom = 0, right = 0;
    for (const [addr, c] of Object.entries(s.cells)) {
      if (!Object.keys(c).length) continue;
      const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(m[2]) - 1;
      top = Math.min(top, row); left = Math.min(left, col); bottom = Math.max(bottom, row); right = Math.max(right, col);
    }
    if (top === Infinity) top = left = 0;
    return new EtRangeObject(this.h, () => this.target(), { top, left, bottom, right });
  }
  Range(Cell1: string): EtRangeObject {
    this.h.tick("Worksheet.Range");
    return EtRangeObject.at(this.h, () => this.target(), Cell1);
  }
  get ProtectContents(): boolean {
    this.h.tick("Worksheet.ProtectContents");
    return this.target().protected;
  }
  get Comments(): EtComments {
    this.h.tick("Worksheet.Comments");
    const s = this.target();
    const h = this.h;
    const list = () => Object.entries(s.cells).filter(([, c]) => c.note !== undefined);
    const base = counted(h, "Comments", () => list().length);
    return Object.assign(base, {
      Item: (i: number) => {
        h.tick("Comments.Item");
        const [addr] = indexed(list(), i, "Comments.Item");
        return EtRangeObject.at(h, () => this.target(), addr).commentOf();
      },
    }) as EtComments;
  }
  get Index(): number {
    this.h.tick("Worksheet.Index");
    return this.h.doc.sheets.indexOf(this.target()) + 1;
  }
  /** Activate: a hidden sheet cannot be activated (Excel raises 1004). Not a change of the document. */
  Activate(): void {
    this.h.tick("Worksheet.Activate");
    const s = this.target();
    if (s.visibility !== "Visible") throw etError(`Activate method of Worksheet class failed (${s.name} is hidden)`);
    this.h.doc.activeSheet = s.name;
  }
  /**
   * Worksheet.Delete "displays a dialog box that prompts the user to confirm
   * the deletion … To delete a worksheet without displaying a dialog box, set
   * the Application.DisplayAlerts property to False."
   * https://learn.microsoft.com/en-us/office/vba/api/excel.worksheet.delete
   * The host counts the prompt (a clerk would see it) and deletes. A very
   * hidden sheet is refused (WPS unconfirmed; Office.js refuses it too: the
   * harder case), as is the last visible one.
   */
  Delete(): void {
    this.h.tick("Worksheet.Delete");
    const s = this.target();
    this.h.write(() => {
      guardStructure(this.h.doc, `deleting ${s.name}`);
      if (s.visibility === "VeryHidden") throw etError(`Cannot delete the very hidden sheet ${s.name}`);
      guardLastVisible(this.h.doc, s);
      if (this.h.state.DisplayAlerts) this.h.prompts++;
      this.h.doc.sheets = this.h.doc.sheets.filter((x) => x !== s);
      if (this.h.doc.activeSheet === s.name) this.h.doc.activeSheet = this.h.doc.sheets.find((x) => x.visibility === "Visible")?.name ?? null;
      if (this.h.doc.selection?.sheet === s.name) this.h.doc.selection = null;
    });
  }
}

/**
 * Workbook.CustomXMLParts (Office's _CustomXMLParts [E]): Count, Item (1-based),
 * Add(XML), SelectByNamespace(uri) giving the parts of that namespace.
 */
class PartsObject implements EtCustomXMLParts {
  constructor(
    private readonly h: EtHost,
    private readonly ns: string | null,
  ) {
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(counted(h, "CustomXMLParts", () => this.list().length)));
  }
  declare readonly Count?: number;
  declare readonly count?: number;
  private list() {
    return this.h.doc.customXmlParts.filter((p) => this.ns === null || p.namespace === this.ns);
  }
  Item(Index: string | number): EtCustomXMLPart {
    this.h.tick("CustomXMLParts.Item");
    const part = typeof Index === "number" ? indexed(this.list(), Index, "CustomXMLParts.Item") : this.list().find((p) => p.id === Index);
    if (!part) throw etError(`CustomXMLParts.Item: no part ${Index}`);
    return partObject(this.h, part);
  }
  Add(XML?: string): EtCustomXMLPart {
    this.h.tick("CustomXMLParts.Add");
    const xml = XML ?? "";
    const part = { id: `{ET-${this.h.doc.customXmlParts.length + 1}}`, namespace: /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "", xml };
    this.h.write(() => void this.h.doc.customXmlParts.push(part));
    return partObject(this.h, part);
  }
  SelectByNamespace(NamespaceURI: string): EtCustomXMLParts {
    this.h.tick("CustomXMLParts.SelectByNamespace");
    return new PartsObject(this.h, NamespaceURI);
  }
}

function partObject(h: EtHost, part: HostDocument["customXmlParts"][number]): EtCustomXMLPart {
  const live = () => {
    if (!h.doc.customXmlParts.includes(part)) throw etError("The custom XML part has been deleted.");
    return part;
  };
  return {
    get XML() {
      h.tick("CustomXMLPart.XML");
      return live().xml;
    },
    get NamespaceURI() {
      h.tick("CustomXMLPart.NamespaceURI");
      return live().namespace;
    },
    get Id() {
      h.tick("CustomXMLPart.Id");
      return live().id;
    },
    Delete() {
      h.tick("CustomXMLPart.Delete");
      const p = live();
      h.write(() => void (h.doc.customXmlParts = h.doc.customXmlParts.filter((x) => x !== p)));
    },
  };
}
