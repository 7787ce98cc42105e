import { a1, parseA1, parseRangeA1, qualifiedRef } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import { cloneDocument, type HostCell, type HostDocument, type HostSheet } from "./document";
import { evaluateFormula, type FValue } from "./formula";

/**
 * An in-memory Excel host that keeps Excel's proxy semantics, so that the
 * add-in's Office code is tested as Excel runs it:
 * - reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - writes and loads are queued and happen, in order, at context.sync();
 * - *OrNullObject accessors give null objects, known after sync;
 * - every sync is counted; each sync (or each run with mergeUndoGroup) is one
 *   Ctrl+Z step, and an API that Excel cannot undo throws UndoNotSupported
 *   inside a merged undo group;
 * - formulas are computed (see formula.ts), text beginning with "=" written
 *   through `values` becomes a formula, as in Excel.
 * It implements the part of the Excel API the add-in uses, nothing more.
 */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const notLoaded = (p: string) =>
  new HostError("PropertyNotLoaded", `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

export interface HostOptions {
  /** Highest ExcelApi minor version supported (20 → ExcelApi 1.20). */
  excelApi: number;
  /**
   * Reject, at sync, any method called on a null object (Excel's documentation
   * does not say whether a null object's methods chain); the add-in must
   * still work when they do not.
   */
  rejectNullChains?: boolean;
  /** A workbook opened read-only: every write fails with AccessDenied, as in Excel. */
  readOnly?: boolean;
  /** Requirement sets beyond ExcelApi, e.g. "ExcelUndoApiAll". */
  extraSets?: string[];
}

export class ExcelHost {
  syncs = 0;
  runs = 0;
  /** Loaded or written cells, summed over syncs (a payload measure for benchmarks). */
  cellsRead = 0;
  cellsWritten = 0;
  private undoStack: HostDocument[] = [];

  constructor(
    public doc: HostDocument,
    readonly options: HostOptions = { excelApi: 20 },
  ) {
    recalc(this.doc);
  }

  isSetSupported(name: string, version?: string): boolean {
    if (name === "ExcelApi") {
      const minor = Number((version ?? "1.1").split(".")[1] ?? 1);
      return minor <= this.options.excelApi;
    }
    return !!this.options.extraSets?.includes(name);
  }

  /** Excel.run, with or without RunOptions. */
  async run<T>(a: { mergeUndoGroup?: boolean } | ((ctx: HostContext) => Promise<T>), b?: (ctx: HostContext) => Promise<T>): Promise<T> {
    const batch = (typeof a === "function" ? a : b)!;
    const opts = typeof a === "function" ? {} : a;
    if (opts.mergeUndoGroup && !this.isSetSupported("ExcelApi", "1.20")) {
      throw new HostError("InvalidArgument", "mergeUndoGroup requires ExcelApi 1.20");
    }
    this.runs++;
    const ctx = new HostContext(this, !!opts.mergeUndoGroup);
    return batch(ctx);
  }

  /** Ctrl+Z: restore the document before the last undo step. */
  undo(): boolean {
    const prev = this.undoStack.pop();
    if (!prev) return false;
    this.doc = prev;
    return true;
  }

  /** Called by a context at each sync. */
  pushUndo(snapshot: HostDocument): void {
    this.undoStack.push(snapshot);
  }
}

type Action = () => void;

export class HostContext {
  readonly workbook: WorkbookProxy;
  private queue: Action[] = [];
  private undoPushed = false;
  /** Formulas need computing before the next read (Excel calculates automatically). */
  dirty = false;

  constructor(
    readonly host: ExcelHost,
    readonly mergeUndoGroup: boolean,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  get doc(): HostDocument {
    return this.host.doc;
  }

  enqueue(a: Action): void {
    this.queue.push(a);
  }

  /** Queue a change to the document (refused when the workbook is read-only). */
  enqueueWrite(a: Action): void {
    this.queue.push(() => {
      if (this.host.options.readOnly) throw new HostError("AccessDenied", "The workbook is read-only.");
      a();
    });
  }

  /** Mark an API that Excel's undo does not support (Worksheet.delete, Worksheet.visibility …). */
  notUndoable(api: string): void {
    this.enqueue(() => {
      if (this.mergeUndoGroup) throw new HostError("UndoNotSupported", `${api} does not support undo and cannot run inside an undo group`);
    });
  }

  async sync(): Promise<void> {
    this.host.syncs++;
    const before = cloneDocument(this.host.doc);
    const actions = this.queue;
    this.queue = [];
    let failure: unknown = null;
    for (const act of actions) {
      try {
        act();
      } catch (e) {
        failure = e;
        break;
      }
    }
    recalc(this.host.doc);
    this.dirty = false;
    if (!this.mergeUndoGroup || !this.undoPushed) {
      this.host.pushUndo(before);
      this.undoPushed = true;
    }
    if (failure) throw failure;
  }
}

/** Base of every proxy: queued loads, guarded reads, null-object state. */
abstract class ProxyBase<T> {
  protected loadedValues = new Map<string, unknown>();
  protected nullState: boolean | undefined;

  constructor(
    readonly context: HostContext,
    protected readonly resolver: () => T | null,
    private readonly orNull = false,
  ) {
    if (orNull) context.enqueue(() => void (this.nullState = this.resolver() === null));
  }

  /** The live target, or null for a null object. Throws ItemNotFound where Excel would. */
  protected resolve(): T | null {
    const t = this.resolver();
    if (t === null && !this.orNull) throw new HostError("ItemNotFound", `The requested resource doesn't exist. (${this.constructor.name})`);
    return t;
  }

  /** A child of this proxy: in strict hosts, deriving anything from a null object fails the batch. */
  protected chained<V>(get: (parent: T | null) => V | null): () => V | null {
    return () => {
      // Resolve the parent once: chains of getNextOrNullObject would otherwise recompute exponentially.
      const parent = this.resolver();
      if (parent === null && this.context.host.options.rejectNullChains) {
        throw new HostError("InvalidObjectPath", `A method was called on a null object (${this.constructor.name})`);
      }
      return get(parent);
    };
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject");
    return this.nullState;
  }

  protected abstract readProp(target: T, name: string): unknown;

  load(props?: string | string[] | Record<string, unknown>): this {
    const names = typeof props === "string" ? props.split(",").map((s) => s.trim()) : Array.isArray(props) ? props : Object.keys(props ?? {});
    this.context.enqueue(() => {
      if (this.context.dirty) {
        recalc(this.context.doc);
        this.context.dirty = false;
      }
      const t = this.resolve();
      // Once loaded and synced, any proxy can say whether it is a null object.
      this.nullState = t === null;
      if (t === null) return;
      for (const n of names) if (n) this.loadedValues.set(n, this.readProp(t, n));
    });
    return this;
  }

  protected get<V>(name: string): V {
    if (!this.loadedValues.has(name)) throw notLoaded(name);
    return this.loadedValues.get(name) as V;
  }

  /** Queue a write on the live target. */
  protected write(fn: (t: T) => void): void {
    this.context.enqueueWrite(() => {
      const t = this.resolve();
      if (t === null) throw new HostError("InvalidObjectPath", "Cannot write to a null object");
      fn(t);
      this.context.dirty = true;
    });
  }
}

export class ClientResult<V> {
  private v: { set: boolean; value?: V } = { set: false };
  setValue(value: V): void {
    this.v = { set: true, value };
  }
  get value(): V {
    if (!this.v.set) throw notLoaded("value");
    return this.v.value as V;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  constructor(readonly context: HostContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.customXmlParts = new CustomXmlPartCollectionProxy(context);
  }
}

class WorksheetCollectionProxy extends ProxyBase<HostSheet[]> {
  constructor(context: HostContext) {
    super(context, () => context.doc.sheets);
  }
  protected readProp(): unknown {
    return undefined;
  }
  override load(props?: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((s) => s.trim()) : props ?? ["items"];
    this.context.enqueue(() => {
      const sheets = this.context.doc.sheets;
      const fields = list.map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
      const items = sheets.map((s) => {
        const p = new WorksheetProxy(this.context, () => s);
        p.fill(s, fields.length ? fields : ["name"]);
        return p;
      });
      this.loadedValues.set("items", items);
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    return this.get("items");
  }
  getFirst(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.doc.sheets[0] ?? null);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.doc.sheets.find((s) => s.name === name) ?? null);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.doc.sheets.find((s) => s.name === name) ?? null, true);
  }
  add(name: string): WorksheetProxy {
    let created: HostSheet | null = null;
    this.context.enqueueWrite(() => {
      if (this.context.doc.sheets.some((s) => s.name === name)) throw new HostError("ItemAlreadyExists", `A sheet named ${name} already exists`);
      created = { name, visibility: "Visible", protected: false, cells: {}, merges: [] };
      this.context.doc.sheets.push(created);
    });
    return new WorksheetProxy(this.context, () => created);
  }
}

class WorksheetProxy extends ProxyBase<HostSheet> {
  readonly protection: ProtectionProxy;
  readonly notes: NoteCollectionProxy;
  constructor(context: HostContext, resolver: () => HostSheet | null, orNull = false) {
    super(context, resolver, orNull);
    // Children of a null object are null objects too.
    this.protection = new ProtectionProxy(context, this.chained((s) => s), orNull);
    this.notes = new NoteCollectionProxy(context, this.chained((s) => s), orNull);
  }
  /** Used by collection loads: set loaded values immediately. */
  fill(s: HostSheet, fields: string[]): void {
    for (const f of fields) this.loadedValues.set(f, this.readProp(s, f));
  }
  protected readProp(t: HostSheet, name: string): unknown {
    if (name === "name") return t.name;
    if (name === "visibility") return t.visibility;
    if (name === "position") return this.context.doc.sheets.indexOf(t);
    throw new HostError("InvalidArgument", `Worksheet has no property ${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.context.notUndoable("Worksheet.visibility");
    this.write((s) => void (s.visibility = v as HostSheet["visibility"]));
  }
  getNextOrNullObject(): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      this.chained((s) => {
        if (!s) return null;
        const sheets = this.context.doc.sheets;
        return sheets[sheets.indexOf(s) + 1] ?? null;
      }),
      true,
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      this.chained((s) => {
        if (!s) return null;
        const r = usedRange(s, valuesOnly);
        return r ? { sheet: s, range: r } : null;
      }),
      true,
    );
  }
  /** Excel gives A1 for a blank sheet rather than a null object. */
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      this.chained((s) => {
        if (!s) return null;
        return { sheet: s, range: usedRange(s, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }

  getRange(address: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this.resolve();
      const r = parseRangeA1(address);
      if (!s || !r) throw new HostError("InvalidArgument", `Bad address ${address}`);
      return { sheet: s, range: r };
    });
  }
  activate(): void {
    this.write((s) => void (this.context.doc.activeSheet = s.name));
  }
  delete(): void {
    this.context.notUndoable("Worksheet.delete");
    this.write((s) => {
      this.context.doc.sheets = this.context.doc.sheets.filter((x) => x !== s);
    });
  }
}

class ProtectionProxy extends ProxyBase<HostSheet> {
  protected readProp(t: HostSheet, name: string): unknown {
    if (name === "protected") return t.protected;
    throw new HostError("InvalidArgument", `WorksheetProtection has no property ${name}`);
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

interface RangeTarget {
  sheet: HostSheet;
  range: CellRange;
}

function usedRange(s: HostSheet, valuesOnly: boolean): CellRange | null {
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  for (const [addr, c] of Object.entries(s.cells)) {
    const hasValue = c.formula !== undefined || c.error !== undefined || (c.value !== undefined && c.value !== null && c.value !== "");
    if (!hasValue && (valuesOnly || (!c.fill && !c.note && !c.numberFormat))) continue;
    const p = parseA1(addr)!;
    top = Math.min(top, p.row);
    left = Math.min(left, p.col);
    bottom = Math.max(bottom, p.row);
    right = Math.max(right, p.col);
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

function forEachCell(t: RangeTarget, fn: (r: number, c: number, i: number, j: number) => void): void {
  for (let r = t.range.top; r <= t.range.bottom; r++) for (let c = t.range.left; c <= t.range.right; c++) fn(r, c, r - t.range.top, c - t.range.left);
}

function cellAt(s: HostSheet, r: number, c: number): HostCell | undefined {
  return s.cells[a1(r, c)];
}

function ensureCell(s: HostSheet, r: number, c: number): HostCell {
  const k = a1(r, c);
  return (s.cells[k] ??= {});
}

function guardProtected(s: HostSheet): void {
  if (s.protected) throw new HostError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${s.name}).`);
}

/** A 2D argument or a scalar broadcast over the range. */
function at<V>(v: V | V[][], i: number, j: number): V {
  return Array.isArray(v) ? (v as V[][])[i][j] : v;
}

function shownValue(c: HostCell | undefined): string | number | boolean {
  if (!c) return "";
  if (c.error) return c.error;
  return c.value ?? "";
}

class RangeProxy extends ProxyBase<RangeTarget> {
  readonly format: RangeFormatProxy;
  constructor(context: HostContext, resolver: () => RangeTarget | null, orNull = false) {
    super(context, resolver, orNull);
    this.format = new RangeFormatProxy(context, this.chained((t) => t));
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    const { sheet: s, range: r } = t;
    const grid = <V>(fn: (c: HostCell | undefined) => V): V[][] => {
      const out: V[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: V[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(fn(cellAt(s, row, col)));
        out.push(line);
      }
      return out;
    };
    const count = (r.bottom - r.top + 1) * (r.right - r.left + 1);
    switch (name) {
      case "address": {
        const tl = a1(r.top, r.left), br = a1(r.bottom, r.right);
        return qualifiedRef(s.name, tl === br ? tl : `${tl}:${br}`);
      }
      case "rowIndex": return r.top;
      case "columnIndex": return r.left;
      case "rowCount": return r.bottom - r.top + 1;
      case "columnCount": return r.right - r.left + 1;
      case "values":
        this.context.host.cellsRead += count;
        return grid(shownValue);
      case "formulas":
        this.context.host.cellsRead += count;
        return grid((c) => c?.formula ?? shownValue(c));
      case "valueTypes":
        return grid((c) => (!c || (c.value == null && !c.error) || c.value === "" ? "Empty" : c.error ? "Error" : typeof c.value === "number" ? "Double" : typeof c.value === "boolean" ? "Boolean" : "String"));
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "text":
        return grid((c) => String(shownValue(c)));
      default:
        throw new HostError("InvalidArgument", `Range has no property ${name}`);
    }
  }
  get address(): string { return this.get("address"); }
  get rowIndex(): number { return this.get("rowIndex"); }
  get columnIndex(): number { return this.get("columnIndex"); }
  get rowCount(): number { return this.get("rowCount"); }
  get columnCount(): number { return this.get("columnCount"); }
  get values(): unknown[][] { return this.get("values"); }
  get formulas(): unknown[][] { return this.get("formulas"); }
  get valueTypes(): string[][] { return this.get("valueTypes"); }
  get numberFormat(): string[][] { return this.get("numberFormat"); }

  set values(v: unknown) {
    this.write((t) => {
      guardProtected(t.sheet);
      forEachCell(t, (r, c, i, j) => {
        this.context.host.cellsWritten++;
        setFromInput(ensureCell(t.sheet, r, c), at(v as unknown, i, j));
      });
    });
  }
  set formulas(v: unknown) {
    this.values = v;
  }
  set numberFormat(v: unknown) {
    this.write((t) => {
      guardProtected(t.sheet);
      forEachCell(t, (r, c, i, j) => void (ensureCell(t.sheet, r, c).numberFormat = String(at(v as unknown, i, j))));
    });
  }
  set hyperlink(h: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.write((t) =>
      forEachCell(t, (r, c) => {
        const cell = ensureCell(t.sheet, r, c);
        cell.hyperlink = h.documentReference ?? h.address ?? "";
        if (h.textToDisplay !== undefined && cell.formula === undefined) cell.value = h.textToDisplay;
      }),
    );
  }
  getCell(row: number, col: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.resolve()!;
      const p = { top: t.range.top + row, left: t.range.left + col };
      return { sheet: t.sheet, range: { ...p, bottom: p.top, right: p.left } };
    });
  }
  getCellProperties(_opts: unknown): ClientResult<{ format: { fill: { color: string; pattern: string } } }[][]> {
    const res = new ClientResult<{ format: { fill: { color: string; pattern: string } } }[][]>();
    const target = this.chained((t) => t);
    this.context.enqueue(() => {
      const t = target();
      if (!t) return;
      const out: { format: { fill: { color: string; pattern: string } } }[][] = [];
      for (let r = t.range.top; r <= t.range.bottom; r++) {
        const line = [];
        for (let c = t.range.left; c <= t.range.right; c++) {
          const fill = cellAt(t.sheet, r, c)?.fill;
          line.push({ format: { fill: { color: fill ?? "#FFFFFF", pattern: fill ? "Solid" : "None" } } });
        }
        out.push(line);
      }
      res.setValue(out);
    });
    return res;
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, this.chained((t) => {
      if (!t) return null;
      const inside = t.sheet.merges.filter((m) => {
        const r = parseRangeA1(m)!;
        return r.top <= t.range.bottom && r.bottom >= t.range.top && r.left <= t.range.right && r.right >= t.range.left;
      });
      return inside.length ? { sheet: t.sheet, areas: inside } : null;
    }));
  }
  select(): void {
    this.write((t) => {
      const tl = a1(t.range.top, t.range.left), br = a1(t.range.bottom, t.range.right);
      this.context.doc.selection = { sheet: t.sheet.name, address: tl === br ? tl : `${tl}:${br}` };
      this.context.doc.activeSheet = t.sheet.name;
    });
  }
  clear(): void {
    this.write((t) => {
      guardProtected(t.sheet);
      forEachCell(t, (r, c) => void delete t.sheet.cells[a1(r, c)]);
    });
  }
}

class RangeAreasProxy extends ProxyBase<{ sheet: HostSheet; areas: string[] }> {
  constructor(context: HostContext, resolver: () => { sheet: HostSheet; areas: string[] } | null) {
    super(context, resolver, true);
  }
  protected readProp(t: { sheet: HostSheet; areas: string[] }, name: string): unknown {
    if (name === "address") return t.areas.map((a) => qualifiedRef(t.sheet.name, a)).join(",");
    if (name === "areaCount") return t.areas.length;
    throw new HostError("InvalidArgument", `RangeAreas has no property ${name}`);
  }
  get address(): string {
    return this.get("address");
  }
}

class RangeFormatProxy {
  readonly fill: { color: string; clear: () => void };
  readonly font: { bold: boolean; color: string };
  constructor(
    private readonly context: HostContext,
    private readonly resolver: () => RangeTarget | null,
  ) {
    const write = (fn: (cell: HostCell) => void) =>
      context.enqueueWrite(() => {
        const t = resolver();
        if (!t) throw new HostError("InvalidObjectPath", "Cannot format a null object");
        guardProtected(t.sheet);
        forEachCell(t, (r, c) => fn(ensureCell(t.sheet, r, c)));
        context.dirty = true;
      });
    this.fill = {
      set color(v: string) {
        write((cell) => void (cell.fill = v.toUpperCase()));
      },
      get color(): string {
        throw notLoaded("color");
      },
      clear: () => write((cell) => void delete cell.fill),
    } as { color: string; clear: () => void };
    this.font = {
      set bold(v: boolean) {
        write((cell) => void (cell.bold = v));
      },
      set color(v: string) {
        write((cell) => void (cell.fontColor = v));
      },
    } as { bold: boolean; color: string };
  }
  set columnWidth(w: number) {
    this.context.enqueue(() => {
      const t = this.resolver();
      if (!t) return;
      t.sheet.columnWidths ??= {};
      for (let c = t.range.left; c <= t.range.right; c++) t.sheet.columnWidths[c] = w;
    });
  }
  set wrapText(_v: boolean) {
    /* layout only */
  }
  set verticalAlignment(_v: string) {
    /* layout only */
  }
}

class NoteCollectionProxy extends ProxyBase<HostSheet> {
  protected readProp(): unknown {
    return undefined;
  }
  private require(): void {
    if (!this.context.host.isSetSupported("ExcelApi", "1.18")) throw new HostError("ApiNotFound", "Notes need ExcelApi 1.18");
  }
  getCount(): ClientResult<number> {
    this.require();
    const res = new ClientResult<number>();
    this.context.enqueue(() => {
      const s = this.resolver();
      res.setValue(s ? Object.values(s.cells).filter((c) => c.note !== undefined).length : 0);
    });
    return res;
  }
  add(cellAddress: string, content: string): NoteProxy {
    this.require();
    this.context.enqueueWrite(() => {
      const s = this.resolve()!;
      const p = parseA1(cellAddress.replace(/^.*!/, ""));
      if (!p) throw new HostError("InvalidCellAddress", cellAddress);
      const cell = ensureCell(s, p.row, p.col);
      if (cell.note !== undefined) throw new HostError("InvalidArgument", `A note already exists at ${cellAddress}`);
      cell.note = content;
    });
    return this.getItem(cellAddress);
  }
  getItem(key: string): NoteProxy {
    this.require();
    return new NoteProxy(this.context, () => this.noteCell(key), false);
  }
  getItemOrNullObject(key: string): NoteProxy {
    this.require();
    return new NoteProxy(this.context, () => this.noteCell(key), true);
  }
  private noteCell(key: string): HostCell | null {
    const s = this.resolver();
    const p = parseA1(key.replace(/^.*!/, ""));
    if (!s || !p) return null;
    const c = cellAt(s, p.row, p.col);
    return c && c.note !== undefined ? c : null;
  }
}

class NoteProxy extends ProxyBase<HostCell> {
  constructor(context: HostContext, resolver: () => HostCell | null, orNull: boolean) {
    super(context, resolver, orNull);
  }
  protected readProp(t: HostCell, name: string): unknown {
    if (name === "content") return t.note;
    throw new HostError("InvalidArgument", `Note has no property ${name}`);
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.write((c) => void (c.note = v));
  }
  delete(): void {
    this.write((c) => void delete c.note);
  }
}

interface XmlPart {
  id: string;
  namespace: string;
  xml: string;
}

class CustomXmlPartCollectionProxy {
  constructor(private readonly context: HostContext) {}
  add(xml: string): CustomXmlPartProxy {
    let part: XmlPart | null = null;
    this.context.enqueueWrite(() => {
      const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
      part = { id: `{${String(this.context.doc.customXmlParts.length + 1).padStart(8, "0")}}`, namespace: ns, xml };
      this.context.doc.customXmlParts.push(part);
    });
    return new CustomXmlPartProxy(this.context, () => part, false);
  }
  getByNamespace(ns: string): { getOnlyItemOrNullObject: () => CustomXmlPartProxy; getOnlyItem: () => CustomXmlPartProxy; getCount: () => ClientResult<number> } {
    const only = () => {
      const parts = this.context.doc.customXmlParts.filter((p) => p.namespace === ns);
      return parts.length === 1 ? parts[0] : null;
    };
    return {
      getOnlyItemOrNullObject: () => new CustomXmlPartProxy(this.context, only, true),
      getOnlyItem: () => new CustomXmlPartProxy(this.context, only, false),
      getCount: () => {
        const res = new ClientResult<number>();
        this.context.enqueue(() => res.setValue(this.context.doc.customXmlParts.filter((p) => p.namespace === ns).length));
        return res;
      },
    };
  }
}

class CustomXmlPartProxy extends ProxyBase<XmlPart> {
  protected readProp(t: XmlPart, name: string): unknown {
    if (name === "id") return t.id;
    if (name === "namespaceUri") return t.namespace;
    throw new HostError("InvalidArgument", `CustomXmlPart has no property ${name}`);
  }
  getXml(): ClientResult<string> {
    const res = new ClientResult<string>();
    const target = this.chained((t) => t);
    this.context.enqueue(() => {
      const t = target();
      if (t) res.setValue(t.xml);
    });
    return res;
  }
  setXml(xml: string): void {
    this.write((t) => void (t.xml = xml));
  }
  delete(): void {
    this.write((t) => {
      this.context.doc.customXmlParts = this.context.doc.customXmlParts.filter((p) => p !== t);
    });
  }
}

/** What Excel does with a value written through Range.values / formulas. */
function setFromInput(cell: HostCell, v: unknown): void {
  delete cell.formula;
  delete cell.error;
  if (v === null || v === undefined || v === "") {
    delete cell.value;
    return;
  }
  if (typeof v === "string" && v.startsWith("=") && v.length > 1) {
    cell.formula = v;
    return;
  }
  if (typeof v === "string" && v.startsWith("'")) {
    cell.value = v.slice(1);
    return;
  }
  if (typeof v === "string" && /^#(DIV\/0!|VALUE!|REF!|NAME\?|N\/A|NUM!|NULL!)$/.test(v)) {
    cell.error = v;
    return;
  }
  cell.value = v as string | number | boolean;
}

/**
 * Compute every formula cell of the document (memoised, cycle-safe), and drop
 * what Excel would not distinguish from an empty cell.
 */
export function recalc(doc: HostDocument): void {
  for (const s of doc.sheets) {
    for (const [k, c] of Object.entries(s.cells)) {
      if (c.numberFormat === "General") delete c.numberFormat;
      if (Object.keys(c).length === 0) delete s.cells[k];
    }
    const memo = new Map<string, FValue>();
    const visiting = new Set<string>();
    const valueOf = (row: number, col: number): FValue => {
      const k = a1(row, col);
      const c = s.cells[k];
      if (!c) return null;
      if (c.formula === undefined) return c.error ? { error: c.error } : (c.value ?? null);
      if (memo.has(k)) return memo.get(k)!;
      if (visiting.has(k)) return { error: "#REF!" };
      visiting.add(k);
      const v = evaluateFormula(c.formula, { cell: valueOf });
      visiting.delete(k);
      memo.set(k, v);
      return v;
    };
    for (const [k, c] of Object.entries(s.cells)) {
      if (c.formula === undefined) continue;
      const p = parseA1(k)!;
      const v = valueOf(p.row, p.col);
      if (v !== null && typeof v === "object") {
        c.error = v.error;
        delete c.value;
      } else {
        delete c.error;
        c.value = v ?? "";
      }
    }
  }
}

