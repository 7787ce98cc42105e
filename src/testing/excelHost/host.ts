import { a1, parseA1, parseRangeA1, qualifiedRef, rangeA1 } from "../../engine/address";
import type { CellRange } from "../../engine/snapshot";
import { cloneDocument, type HostCell, type HostDocument, type HostSheet } from "./document";
import { evaluateFormula, type FValue } from "./formula";
import { deleteColumns, deleteRows, deleteSheet, insertColumns, insertRows, renameSheet } from "./moves";
import { CELL_EDIT_DELAY_API, cellEditRefusal, findSheet, guardDelete, guardFormulaLimits, guardNoteBesideComment, guardShown, guardProtected, guardStructure, HostError, jsonBytes, MERGED_AREAS_LIMIT, PAYLOAD_LIMIT, requireApi, sameSheetName, type GatedApi } from "./rules";

export { HostError } from "./rules";

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
 * - what Excel refuses is refused (rules.ts, each rule citing its page): the
 *   5 MB request/response payload of Excel on the web, APIs above the host's
 *   ExcelApi level, protection, very hidden sheets, over 512 merged areas;
 * - worksheet.onChanged handlers run after the sync that changed the sheet.
 * It implements the part of the Excel API the add-in uses, nothing more.
 */

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
  /** APIs to treat as not undoable (UndoNotSupported inside a merged undo group), e.g. "Worksheet.pageLayout". */
  undoUnsupported?: string[];
  /** Request/response limit in bytes; Excel on the web's 5 MB by default, false for desktop Excel (no documented limit). */
  payloadLimit?: number | false;
  /** A host that ignores RunOptions.delayForCellEdit: in cell-edit mode every batch fails (see rules.ts, CELL_EDIT_DELAY_API). */
  ignoresCellEditDelay?: boolean;
  /** A change made by another runtime of the add-in reaches handlers as triggerSource "ThisLocalAddin" (undocumented; default "Unknown"). */
  sameAddinAcrossRuntimes?: boolean;
  /** Worksheet.activate / Range.select on a hidden sheet: refused (default) or done (undocumented; rules.ts). */
  activateHidden?: "refuse" | "allow";
  /**
   * Setting RangeFill.color on a patterned fill: the page does not say whether the pattern stays.
   * By default it becomes solid (what the issue saw: patterns came back solid); true keeps it.
   */
  colorKeepsPattern?: boolean;
  /** A note added on a cell with a threaded comment: refused (default) or kept beside it (undocumented; rules.ts). */
  noteBesideComment?: "refuse" | "allow";
}

export interface ChangeEvent {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited";
  source: "Local";
  /**
   * ExcelApi 1.14: "ThisLocalAddin" for a change the handler's own add-in made, "Unknown" otherwise
   * (a person's edit); absent below 1.14.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.eventtriggersource
   * Whether a change by the same add-in's other runtime (the ribbon's function file) is
   * "ThisLocalAddin" is not documented: the host says "Unknown" unless
   * HostOptions.sameAddinAcrossRuntimes, and the add-in must cope with both.
   */
  triggerSource?: "Unknown" | "ThisLocalAddin";
}

/** The runtime a batch runs in: the task pane's, or the ribbon's function file (a separate runtime). */
export const PANE_RUNTIME = "pane";

export class ExcelHost {
  syncs = 0;
  runs = 0;
  /** Loaded or written cells, summed over syncs (a payload measure for benchmarks). */
  cellsRead = 0;
  cellsWritten = 0;
  /** Write actions executed, summed over syncs: a reviewer's check must leave it at 0. */
  writes = 0;
  /** Largest request and response of any sync Excel accepted, in bytes (JSON, as on the wire). */
  maxRequest = 0;
  maxResponse = 0;
  /** Batches refused for their size (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded). */
  payloadRefusals = 0;
  /** Make the n-th write action from now fail with GeneralException (tests of a failure midway). */
  failWriteAt: number | null = null;
  private undoStack: HostDocument[] = [];
  /** A person is typing in a cell (F2 or a keystroke, not yet Enter/Esc): see startCellEdit. */
  cellEditing = false;
  private cellEditEnded: (() => void)[] = [];
  /** Batches failed with InvalidOperationInCellEditMode. */
  cellEditRefusals = 0;
  /** Batches held back by delayForCellEdit until the edit ends (counted when they arrive). */
  delayedBatches = 0;
  /** worksheet.onChanged handlers by sheet name (upper case). */
  readonly changeHandlers = new Map<string, Set<(e: ChangeEvent) => Promise<unknown> | void>>();
  /** The runtime each handler was added from (for triggerSource). */
  readonly handlerRuntimes = new Map<(e: ChangeEvent) => Promise<unknown> | void, string>();

  constructor(
    public doc: HostDocument,
    readonly options: HostOptions = { excelApi: 20 },
  ) {
    for (const s of doc.sheets) s.id ??= newSheetId(doc);
    for (const s of doc.sheets) for (const [a, c] of Object.entries(s.cells)) if (c.comment !== undefined) c.commentId ??= `{comment-${s.id}-${a}}`;
    recalc(this.doc);
  }

  /** A person adds a threaded comment (Review › New Comment) to a cell, outside any batch. */
  addComment(sheet: string, address: string, text: string): void {
    const s = findSheet(this.doc, sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    this.undoStack.push(cloneDocument(this.doc));
    const cell = (s.cells[address] ??= {});
    cell.comment = text;
    cell.commentId = `{comment-${s.id}-${address}-${++this.commentsAdded}}`;
  }
  private commentsAdded = 0;

  get excelApi(): number {
    return this.options.excelApi;
  }

  get undoSteps(): number {
    return this.undoStack.length;
  }

  /** Fail, at call time, an API this host's ExcelApi level lacks. */
  require(api: GatedApi): void {
    requireApi(this.options.excelApi, api);
  }

  get payloadLimit(): number | null {
    return this.options.payloadLimit === false ? null : (this.options.payloadLimit ?? PAYLOAD_LIMIT);
  }

  /**
   * A person types into cells (outside any add-in batch): the document changes
   * and the sheet's onChanged handlers run, as Excel raises the event after the edit.
   */
  async edit(sheet: string, cells: Record<string, HostCell["value"]>): Promise<void> {
    const s = findSheet(this.doc, sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    this.undoStack.push(cloneDocument(this.doc));
    for (const [addr, v] of Object.entries(cells)) setFromInput((s.cells[addr] ??= {}), v === null ? "" : v);
    recalc(this.doc);
    await this.fireChanged(s.name, Object.keys(cells), null);
  }

  /** A person starts typing in a cell: batches now fail, or wait with delayForCellEdit (rules.ts). */
  startCellEdit(): void {
    this.cellEditing = true;
  }

  /** The person presses Enter or Esc: delayed batches go ahead. */
  endCellEdit(): void {
    this.cellEditing = false;
    const waiting = this.cellEditEnded;
    this.cellEditEnded = [];
    for (const go of waiting) go();
  }

  /** At a sync in cell-edit mode: fail it, or (delayForCellEdit honoured) hold it until the edit ends. */
  async waitForCellEdit(delayForCellEdit: boolean): Promise<void> {
    if (!this.cellEditing) return;
    const honoured = delayForCellEdit && !this.options.ignoresCellEditDelay && this.options.excelApi >= CELL_EDIT_DELAY_API;
    if (!honoured && ++this.cellEditRefusals) throw cellEditRefusal();
    this.delayedBatches++;
    await new Promise<void>((go) => this.cellEditEnded.push(go));
  }

  /** A person inserts `count` whole rows above the 1-based row `row` (cells, notes, fills and references move; see moves.ts). */
  insertRows(sheet: string, row: number, count = 1): void {
    this.structural(sheet, (s) => insertRows(this.doc, s, row - 1, count));
  }

  /** A person deletes `count` whole rows from the 1-based row `row` (see moves.ts). */
  deleteRows(sheet: string, row: number, count = 1): void {
    this.structural(sheet, (s) => deleteRows(this.doc, s, row - 1, count));
  }

  /** A person inserts whole columns before column `col` (1-based, A = 1). */
  insertColumns(sheet: string, col: number, count = 1): void {
    this.structural(sheet, (s) => insertColumns(this.doc, s, col - 1, count));
  }

  /** A person deletes whole columns from column `col` (1-based). */
  deleteColumns(sheet: string, col: number, count = 1): void {
    this.structural(sheet, (s) => deleteColumns(this.doc, s, col - 1, count));
  }

  /** A person renames a sheet: its Worksheet.id stays (see moves.ts). */
  renameSheet(sheet: string, name: string): void {
    this.structural(sheet, (s) => renameSheet(this.doc, s, name));
  }

  /** A person deletes a sheet (Worksheet.delete; formulas that named it read #REF!, see moves.ts). */
  deleteSheet(sheet: string): void {
    this.structural(sheet, (s) => deleteSheet(this.doc, s));
  }

  private structural(sheet: string, change: (s: HostSheet) => void): void {
    const s = findSheet(this.doc, sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    this.undoStack.push(cloneDocument(this.doc));
    change(s);
    recalc(this.doc);
  }

  /** Run the onChanged handlers of a sheet whose cells changed, by a runtime of the add-in or (null) a person. */
  async fireChanged(sheet: string, addresses: string[], by: string | null): Promise<void> {
    const handlers = [...(this.changeHandlers.get(sheet.toLocaleUpperCase()) ?? [])];
    const address = addresses.length === 1 ? addresses[0] : addresses.join(",");
    for (const h of handlers) {
      const ours = by !== null && (by === this.handlerRuntimes.get(h) || !!this.options.sameAddinAcrossRuntimes);
      const trigger = this.options.excelApi >= 14 ? { triggerSource: ours ? ("ThisLocalAddin" as const) : ("Unknown" as const) } : {};
      await h({ type: "WorksheetChanged", worksheetId: sheet, address, changeType: "RangeEdited", source: "Local", ...trigger });
    }
  }

  isSetSupported(name: string, version?: string): boolean {
    if (name === "ExcelApi") {
      const minor = Number((version ?? "1.1").split(".")[1] ?? 1);
      return minor <= this.options.excelApi;
    }
    return !!this.options.extraSets?.includes(name);
  }

  /** Excel.run, with or without RunOptions, in the task pane's runtime. */
  run<T>(a: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | HostContext | ((ctx: HostContext) => Promise<T>), b?: (ctx: HostContext) => Promise<T>): Promise<T> {
    return this.runIn(PANE_RUNTIME, a, b);
  }

  /** Excel.run in a named runtime of the add-in (the ribbon's function file is another one). */
  async runIn<T>(runtime: string, a: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | HostContext | ((ctx: HostContext) => Promise<T>), b?: (ctx: HostContext) => Promise<T>): Promise<T> {
    const batch = (typeof a === "function" ? a : b)!;
    // Excel.run(context, batch): continue in an earlier batch's context.
    if (a instanceof HostContext) return batch(a);
    const opts = typeof a === "function" ? {} : a;
    if (opts.mergeUndoGroup) this.require("RunOptions.mergeUndoGroup");
    this.runs++;
    const ctx = new HostContext(this, !!opts.mergeUndoGroup, !!opts.delayForCellEdit, runtime);
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

type Action = { run: () => void; bytes: number; write: boolean };

/** Request bytes of one queued action besides its arguments: the object path and action ids Excel sends. */
const ACTION_BYTES = 80;

export class HostContext {
  readonly workbook: WorkbookProxy;
  private queue: Action[] = [];
  private undoPushed = false;
  /** Formulas need computing before the next read (Excel calculates automatically). */
  dirty = false;

  constructor(
    readonly host: ExcelHost,
    readonly mergeUndoGroup: boolean,
    readonly delayForCellEdit = false,
    readonly runtime = PANE_RUNTIME,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  get doc(): HostDocument {
    return this.host.doc;
  }

  /** Bytes of the response being built at this sync (loaded values and method results). */
  responseBytes = 0;
  /** Sheets whose cells a write of this sync changed (their onChanged handlers run after it). */
  private changed = new Map<string, Set<string>>();

  /** Queue a read; `args` is what its request carries (property names, method arguments). */
  enqueue(a: () => void, args?: unknown): void {
    this.queue.push({ run: a, bytes: ACTION_BYTES + jsonBytes(args), write: false });
  }

  /** Queue a change to the document (refused when the workbook is read-only); `args` is its request payload. */
  enqueueWrite(a: () => void, args?: unknown): void {
    this.queue.push({
      bytes: ACTION_BYTES + jsonBytes(args),
      write: true,
      run: () => {
        if (this.host.options.readOnly) throw new HostError("AccessDenied", "The workbook is read-only.");
        if (this.host.failWriteAt !== null && --this.host.failWriteAt <= 0) {
          this.host.failWriteAt = null;
          throw new HostError("GeneralException", "Injected failure: Excel stopped midway through the batch.");
        }
        a();
        this.host.writes++;
      },
    });
  }

  /** Count a value sent back to the add-in. */
  respond(v: unknown): void {
    this.responseBytes += jsonBytes(v);
  }

  /** What this sync loads into proxies: applied only once its response is accepted (see sync). */
  private staged: (() => void)[] = [];

  /** Queue a loaded value for the add-in to see, once the sync succeeds. */
  stage(deliver: () => void): void {
    this.staged.push(deliver);
  }

  /** Note cells changed on a sheet, for its onChanged handlers. */
  touched(sheet: string, address: string): void {
    let set = this.changed.get(sheet);
    if (!set) this.changed.set(sheet, (set = new Set()));
    set.add(address);
  }

  /** Mark an API that Excel's undo does not support (Worksheet.delete, Worksheet.visibility …). */
  notUndoable(api: string): void {
    this.enqueue(() => {
      if (this.mergeUndoGroup) throw new HostError("UndoNotSupported", `${api} does not support undo and cannot run inside an undo group`);
    }, api);
  }

  async sync(): Promise<void> {
    this.host.syncs++;
    const actions = this.queue;
    this.queue = [];
    await this.host.waitForCellEdit(this.delayForCellEdit);
    const limit = this.host.payloadLimit;
    const request = actions.reduce((n, a) => n + a.bytes, 0);
    // Over the limit, Excel refuses the whole request: nothing in it runs.
    if (limit !== null && request > limit && ++this.host.payloadRefusals) throw new HostError("RequestPayloadSizeLimitExceeded", `The request payload (${request} bytes) exceeds the limit (${limit}).`);
    const before = cloneDocument(this.host.doc);
    const writesBefore = this.host.writes;
    this.responseBytes = 0;
    this.changed = new Map();
    this.staged = [];
    let failure: unknown = null;
    // Actions run in order; one that fails stops the batch, and what ran before it stays done.
    for (const act of actions) {
      try {
        act.run();
      } catch (e) {
        failure = e;
        break;
      }
    }
    recalc(this.host.doc);
    this.dirty = false;
    // A batch that changed nothing is no undo step (reading does not add to Excel's undo list).
    if (this.host.writes > writesBefore && (!this.mergeUndoGroup || !this.undoPushed)) {
      this.host.pushUndo(before);
      this.undoPushed = true;
    }
    for (const [sheet, cells] of this.changed) await this.host.fireChanged(sheet, [...cells], this.runtime);
    // A failed sync delivers no result at all: the batch's response is the error, so nothing it loaded
    // is loaded afterwards (reading it throws PropertyNotLoaded), whatever it was. Excel on the web
    // refuses a response over its limit whole: "the batch fails" with ResponsePayloadSizeLimitExceeded,
    // https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
    const delivered = this.staged;
    this.staged = [];
    if (failure) throw failure;
    // The document changed (Excel does not say whether writes of a batch whose response is too
    // large are kept; the host keeps them, the harder case for the add-in), but no result comes back.
    if (limit !== null && this.responseBytes > limit && ++this.host.payloadRefusals) throw new HostError("ResponsePayloadSizeLimitExceeded", `The response payload (${this.responseBytes} bytes) exceeds the limit (${limit}).`);
    for (const deliver of delivered) deliver();
    this.host.maxRequest = Math.max(this.host.maxRequest, request);
    this.host.maxResponse = Math.max(this.host.maxResponse, this.responseBytes);
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
    if (orNull)
      context.enqueue(() => {
        const isNull = this.resolver() === null;
        context.stage(() => void (this.nullState = isNull));
      }, "orNull");
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
      this.context.stage(() => void (this.nullState = t === null));
      this.context.respond({ isNullObject: t === null });
      if (t === null) return;
      for (const n of names) {
        if (!n) continue;
        const v = this.readProp(t, n);
        this.context.respond({ [n]: v });
        this.context.stage(() => void this.loadedValues.set(n, v));
      }
    }, names);
    return this;
  }

  protected get<V>(name: string): V {
    if (!this.loadedValues.has(name)) throw notLoaded(name);
    return this.loadedValues.get(name) as V;
  }

  /** Queue a write on the live target. */
  protected write(fn: (t: T) => void, args?: unknown): void {
    this.context.enqueueWrite(() => {
      const t = this.resolve();
      if (t === null) throw new HostError("InvalidObjectPath", "Cannot write to a null object");
      fn(t);
      this.context.dirty = true;
    }, args);
  }
}

export class ClientResult<V> {
  private v: { set: boolean; value?: V } = { set: false };
  constructor(private readonly context?: HostContext) {}
  setValue(value: V): void {
    this.context?.respond({ value });
    if (this.context) this.context.stage(() => void (this.v = { set: true, value }));
    else this.v = { set: true, value };
  }
  get value(): V {
    if (!this.v.set) throw notLoaded("value");
    return this.v.value as V;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  constructor(readonly context: HostContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
  }
  get customXmlParts(): CustomXmlPartCollectionProxy {
    this.context.host.require("Workbook.customXmlParts");
    return new CustomXmlPartCollectionProxy(this.context);
  }
  /** Workbook.comments (ExcelApi 1.10): every threaded comment of the workbook. */
  get comments(): CommentCollectionProxy {
    this.context.host.require("Workbook.comments");
    return new CommentCollectionProxy(this.context, () => this.context.doc.sheets);
  }
  get protection(): WorkbookProtectionProxy {
    this.context.host.require("Workbook.protection");
    return new WorkbookProtectionProxy(this.context, () => this.context.doc);
  }
}

class WorkbookProtectionProxy extends ProxyBase<HostDocument> {
  protected readProp(t: HostDocument, name: string): unknown {
    if (name === "protected") return !!t.structureProtected;
    throw new HostError("InvalidArgument", `WorkbookProtection has no property ${name}`);
  }
  get protected(): boolean {
    return this.get("protected");
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
      this.context.respond(items.map((p) => fields.map((f) => p.peek(f))));
      this.context.stage(() => void this.loadedValues.set("items", items));
    }, list);
    return this;
  }
  getCount(): ClientResult<number> {
    this.context.host.require("WorksheetCollection.getCount");
    const res = new ClientResult<number>(this.context);
    this.context.enqueue(() => res.setValue(this.context.doc.sheets.length), "getCount");
    return res;
  }
  get items(): WorksheetProxy[] {
    return this.get("items");
  }
  getFirst(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.doc.sheets[0] ?? null);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => findSheet(this.context.doc, name));
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    this.context.host.require("WorksheetCollection.getItemOrNullObject");
    return new WorksheetProxy(this.context, () => findSheet(this.context.doc, name), true);
  }
  add(name: string): WorksheetProxy {
    let created: HostSheet | null = null;
    this.context.enqueueWrite(() => {
      guardStructure(this.context.doc, `adding the sheet ${name}`);
      if (this.context.doc.sheets.some((s) => sameSheetName(s.name, name))) throw new HostError("ItemAlreadyExists", `A sheet named ${name} already exists`);
      created = { name, id: newSheetId(this.context.doc), visibility: "Visible", protected: false, cells: {}, merges: [] };
      this.context.doc.sheets.push(created);
    }, name);
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
  /** Worksheet.comments (ExcelApi 1.10): the sheet's threaded comments. */
  get comments(): CommentCollectionProxy {
    this.context.host.require("Worksheet.comments");
    const sheet = this.chained((s) => s);
    return new CommentCollectionProxy(this.context, () => {
      const s = sheet();
      return s ? [s] : [];
    });
  }
  /** Used by collection loads: the item's values, delivered with the collection's. */
  fill(s: HostSheet, fields: string[]): void {
    for (const f of fields) this.loadedValues.set(f, this.readProp(s, f));
  }
  /** A filled value, for the collection's response size. */
  peek(f: string): unknown {
    return this.loadedValues.get(f);
  }
  protected readProp(t: HostSheet, name: string): unknown {
    if (name === "name") return t.name;
    if (name === "id") return t.id;
    if (name === "visibility") return t.visibility;
    if (name === "position") return this.context.doc.sheets.indexOf(t);
    throw new HostError("InvalidArgument", `Worksheet has no property ${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  get id(): string {
    return this.get("id");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.context.notUndoable("Worksheet.visibility");
    this.write((s) => {
      guardStructure(this.context.doc, `changing the visibility of ${s.name}`);
      s.visibility = v as HostSheet["visibility"];
    }, v);
  }
  /**
   * worksheet.onChanged (ExcelApi 1.7): handlers are registered at the next sync
   * and run after each batch or edit that changes the sheet's cells.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member
   */
  get onChanged(): { add: (h: (e: ChangeEvent) => Promise<unknown> | void) => { remove: () => void } } {
    this.context.host.require("Worksheet.onChanged");
    const host = this.context.host;
    return {
      add: (h) => {
        let key: string | null = null;
        this.context.enqueue(() => {
          const s = this.resolve()!;
          key = s.name.toLocaleUpperCase();
          if (!host.changeHandlers.has(key)) host.changeHandlers.set(key, new Set());
          host.changeHandlers.get(key)!.add(h);
          host.handlerRuntimes.set(h, this.context.runtime);
        }, "onChanged.add");
        // EventHandlerResult.remove(): queued, effective at the next sync of its context.
        return { remove: () => this.context.enqueue(() => void (key && host.changeHandlers.get(key)?.delete(h)), "onChanged.remove") };
      },
    };
  }
  /** Worksheet.pageLayout (ExcelApi 1.9): https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayout */
  get pageLayout(): { orientation: string; paperSize: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number }; setPrintTitleRows: (rows: string) => void } {
    this.context.host.require("Worksheet.pageLayout");
    const ctx = this.context;
    const set = (fn: (p: NonNullable<HostSheet["pageLayout"]>) => void, args: unknown) => {
      if (ctx.host.options.undoUnsupported?.includes("Worksheet.pageLayout")) ctx.notUndoable("Worksheet.pageLayout");
      this.write((s) => {
        guardProtected(s, "page setup");
        fn((s.pageLayout ??= {}));
      }, args);
    };
    return {
      set orientation(v: string) {
        set((p) => void (p.orientation = v), v);
      },
      set paperSize(v: string) {
        set((p) => void (p.paperSize = v), v);
      },
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number }) {
        set((p) => void (p.zoom = { ...v }), v);
      },
      setPrintTitleRows: (rows: string) => set((p) => void (p.printTitleRows = rows), rows),
    } as never;
  }
  getNextOrNullObject(): WorksheetProxy {
    this.context.host.require("Worksheet.getNextOrNullObject");
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
    this.context.host.require("Worksheet.getUsedRangeOrNullObject");
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

  /**
   * Worksheet.getRanges (ExcelApi 1.9): "the comma-separated or semicolon-separated addresses or
   * names of the individual ranges", e.g. "A1:B2, A5:B5" or "A1:B2; A5:B5"; a bad address fails the
   * batch at sync, as getRange does.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getranges-member(1)
   */
  getRanges(address: string): RangeAreasProxy {
    this.context.host.require("Worksheet.getRanges");
    return new RangeAreasProxy(
      this.context,
      () => {
        const s = this.resolve()!;
        const areas = address.split(/[,;]/).map((a) => a.trim());
        const bad = areas.find((a) => !parseRangeA1(a));
        if (bad !== undefined) throw new HostError("InvalidArgument", `Bad address ${bad} in ${address}`);
        return { sheet: s, areas: areas.map((a) => rangeA1(parseRangeA1(a)!)) };
      },
      false,
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
    // Selecting is not a change of the document: it is neither a write nor an undo step.
    this.context.enqueue(() => {
      const s = this.resolve();
      if (s) guardShown(s, this.context.host.options.activateHidden === "allow");
      if (s) this.context.doc.activeSheet = s.name;
    }, "activate");
  }
  delete(): void {
    this.context.notUndoable("Worksheet.delete");
    this.write((s) => {
      guardStructure(this.context.doc, `deleting ${s.name}`);
      guardDelete(s);
      this.context.doc.sheets = this.context.doc.sheets.filter((x) => x !== s);
    }, "delete");
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
        const input = at(v as unknown, i, j);
        // null in a 2-D array leaves that cell unchanged (not valid as a whole value).
        // https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-blank-null-values
        if (input === null || input === undefined) {
          if (!Array.isArray(v)) throw new HostError("InvalidArgument", "null is not a valid input for a single property");
          return;
        }
        setFromInput(ensureCell(t.sheet, r, c), input);
        this.context.touched(t.sheet.name, a1(r, c));
      });
    }, v);
  }
  set formulas(v: unknown) {
    this.values = v;
  }
  set numberFormat(v: unknown) {
    this.write((t) => {
      guardProtected(t.sheet, "cell format");
      forEachCell(t, (r, c, i, j) => {
        const f = at(v as unknown, i, j);
        if (f === null || f === undefined) return; // unchanged, as for values
        ensureCell(t.sheet, r, c).numberFormat = f === "" ? "General" : String(f);
      });
    }, v);
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
  getCellProperties(_opts: unknown): ClientResult<{ format: { fill: { color: string; pattern: string; patternColor?: string } } }[][]> {
    this.context.host.require("Range.getCellProperties");
    const res = new ClientResult<{ format: { fill: { color: string; pattern: string; patternColor?: string } } }[][]>(this.context);
    const target = this.chained((t) => t);
    this.context.enqueue(() => {
      const t = target();
      if (!t) return;
      const out: { format: { fill: { color: string; pattern: string; patternColor?: string } } }[][] = [];
      for (let r = t.range.top; r <= t.range.bottom; r++) {
        const line = [];
        for (let c = t.range.left; c <= t.range.right; c++) {
          const cell = cellAt(t.sheet, r, c);
          const fill = cell?.fill;
          line.push({ format: { fill: { color: fill ?? "#FFFFFF", pattern: fill ? (cell?.pattern ?? "Solid") : "None", ...(fill && cell?.patternColor ? { patternColor: cell.patternColor } : {}) } } });
        }
        out.push(line);
      }
      res.setValue(out);
    }, _opts);
    return res;
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.context.host.require("Range.getMergedAreasOrNullObject");
    return new RangeAreasProxy(this.context, this.chained((t) => {
      if (!t) return null;
      const inside = t.sheet.merges.filter((m) => {
        const r = parseRangeA1(m)!;
        return r.top <= t.range.bottom && r.bottom >= t.range.top && r.left <= t.range.right && r.right >= t.range.left;
      });
      if (inside.length > MERGED_AREAS_LIMIT) throw new HostError("GeneralException", `More than ${MERGED_AREAS_LIMIT} merged areas (${inside.length}) in the range.`);
      return inside.length ? { sheet: t.sheet, areas: inside } : null;
    }));
  }
  select(): void {
    // Selecting changes no cell: allowed on a protected sheet, read-only workbook, not an undo step.
    this.context.enqueue(() => {
      const t = this.resolve()!;
      guardShown(t.sheet, this.context.host.options.activateHidden === "allow");
      const tl = a1(t.range.top, t.range.left), br = a1(t.range.bottom, t.range.right);
      this.context.doc.selection = { sheet: t.sheet.name, address: tl === br ? tl : `${tl}:${br}` };
      this.context.doc.activeSheet = t.sheet.name;
    }, "select");
  }
  clear(): void {
    this.write((t) => {
      guardProtected(t.sheet);
      forEachCell(t, (r, c) => {
        delete t.sheet.cells[a1(r, c)];
        this.context.touched(t.sheet.name, a1(r, c));
      });
    }, "clear");
  }
}

/**
 * RangeAreas (ExcelApi 1.9): several rectangles of one sheet.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeareas
 */
class RangeAreasProxy extends ProxyBase<{ sheet: HostSheet; areas: string[] }> {
  constructor(context: HostContext, resolver: () => { sheet: HostSheet; areas: string[] } | null, orNull = true) {
    super(context, resolver, orNull);
  }
  /** RangeAreas.select: every area selected at once, as Ctrl+click does; no change to the workbook. */
  select(): void {
    this.context.enqueue(() => {
      const t = this.resolve()!;
      guardShown(t.sheet, this.context.host.options.activateHidden === "allow");
      this.context.doc.selection = { sheet: t.sheet.name, address: t.areas.join(",") };
      this.context.doc.activeSheet = t.sheet.name;
    }, "select");
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

/**
 * RangeFill (ExcelApi 1.1): `color` is readable; for several cells of
 * different fills it is null, and a cell without fill reads "#FFFFFF" — the
 * page gives no way to tell no fill from a white one below ExcelApi 1.9
 * (getCellProperties' `pattern`).
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangefill
 */
class RangeFillProxy extends ProxyBase<RangeTarget> {
  constructor(
    context: HostContext,
    resolver: () => RangeTarget | null,
    private readonly writeCells: (fn: (cell: HostCell) => void, args: unknown) => void,
  ) {
    super(context, resolver);
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    if (name !== "color") throw new HostError("InvalidArgument", `RangeFill has no property ${name}`);
    const colors = new Set<string>();
    forEachCell(t, (r, c) => void colors.add(cellAt(t.sheet, r, c)?.fill ?? "#FFFFFF"));
    return colors.size === 1 ? [...colors][0] : null;
  }
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    const keep = !!this.context.host.options.colorKeepsPattern;
    this.writeCells((cell) => {
      cell.fill = v.toUpperCase();
      if (!keep) delete cell.pattern, delete cell.patternColor;
    }, v);
  }
  /** RangeFill.pattern (ExcelApi 1.9): "Solid" is the plain fill; "None" takes the fill away. */
  set pattern(p: string) {
    this.context.host.require("RangeFill.pattern");
    this.writeCells((cell) => {
      if (p === "None") delete cell.fill, delete cell.pattern, delete cell.patternColor;
      else if (p === "Solid") delete cell.pattern;
      else {
        cell.fill ??= "#FFFFFF";
        cell.pattern = p;
      }
    }, p);
  }
  /** RangeFill.patternColor (ExcelApi 1.9). */
  set patternColor(c: string) {
    this.context.host.require("RangeFill.pattern");
    this.writeCells((cell) => void (cell.patternColor = c.toUpperCase()), c);
  }
  clear(): void {
    this.writeCells((cell) => {
      delete cell.fill;
      delete cell.pattern;
      delete cell.patternColor;
    }, "clear");
  }
}

class RangeFormatProxy {
  readonly fill: RangeFillProxy;
  readonly font: { bold: boolean; color: string };
  private readonly write: (fn: (cell: HostCell) => void, args?: unknown) => void;
  constructor(
    private readonly context: HostContext,
    private readonly resolver: () => RangeTarget | null,
  ) {
    const write = (this.write = (fn: (cell: HostCell) => void, args?: unknown) =>
      context.enqueueWrite(() => {
        const t = resolver();
        if (!t) throw new HostError("InvalidObjectPath", "Cannot format a null object");
        guardProtected(t.sheet, "cell format");
        forEachCell(t, (r, c) => fn(ensureCell(t.sheet, r, c)));
        context.dirty = true;
      }, args));
    this.fill = new RangeFillProxy(context, resolver, write);
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
    this.setSize("columnWidth", w);
  }
  set wrapText(v: boolean) {
    this.write((cell) => void (cell.wrap = v || undefined), v);
  }
  set verticalAlignment(_v: string) {
    /* layout only */
  }
  set rowHeight(h: number) {
    this.setSize("rowHeight", h);
  }
  /** A column width or row height, queued: every column (row) of the range gets it. */
  private setSize(what: "columnWidth" | "rowHeight", size: number) {
    this.context.host.require(`Range.format.${what}`);
    this.context.enqueueWrite(() => {
      const t = this.resolver();
      if (!t) return;
      guardProtected(t.sheet, what === "columnWidth" ? "column width" : "row height");
      const [sizes, from, to] = what === "columnWidth" ? [(t.sheet.columnWidths ??= {}), t.range.left, t.range.right] : [(t.sheet.rowHeights ??= {}), t.range.top, t.range.bottom];
      for (let i = from; i <= to; i++) sizes[i] = size;
    }, size);
  }
}

class NoteCollectionProxy extends ProxyBase<HostSheet> {
  protected readProp(): unknown {
    return undefined;
  }
  private require(): void {
    this.context.host.require("Worksheet.notes");
  }
  getCount(): ClientResult<number> {
    this.require();
    const res = new ClientResult<number>(this.context);
    this.context.enqueue(() => {
      const s = this.resolver();
      res.setValue(s ? Object.values(s.cells).filter((c) => c.note !== undefined).length : 0);
    }, "getCount");
    return res;
  }
  add(cellAddress: string, content: string): NoteProxy {
    this.require();
    this.context.enqueueWrite(() => {
      const s = this.resolve()!;
      guardProtected(s, "note");
      const p = parseA1(cellAddress.replace(/^.*!/, ""));
      if (!p) throw new HostError("InvalidCellAddress", cellAddress);
      const cell = ensureCell(s, p.row, p.col);
      if (cell.note !== undefined) throw new HostError("InvalidArgument", `A note already exists at ${cellAddress}`);
      guardNoteBesideComment(cell, cellAddress, this.context.host.options.noteBesideComment === "allow");
      cell.note = content;
    }, [cellAddress, content]);
    return this.getItem(cellAddress);
  }
  /** getItem: "If there is no note with the given cell address, then the ItemNotFound error is thrown" (at sync). */
  getItem(key: string): NoteProxy {
    this.require();
    return new NoteProxy(this.context, () => this.noteCell(key), false, () => this.resolver());
  }
  getItemOrNullObject(key: string): NoteProxy {
    this.require();
    return new NoteProxy(this.context, () => this.noteCell(key), true, () => this.resolver());
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
  constructor(context: HostContext, resolver: () => HostCell | null, orNull: boolean, private readonly sheet: () => HostSheet | null) {
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
    this.write((c) => {
      guardProtected(this.sheet()!, "note");
      c.note = v;
    }, v);
  }
  delete(): void {
    this.write((c) => {
      guardProtected(this.sheet()!, "note");
      delete c.note;
    }, "delete");
  }
}

/**
 * CommentCollection (ExcelApi 1.10): load("items") gives each comment (id, content), known after
 * the sync; Comment.getLocation() is the cell it is on; getItemByCell "If there is no comment in
 * the cell, an error is thrown" (ItemNotFound at sync); there is no getItemByCellOrNullObject.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.commentcollection
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.comment
 */
class CommentCollectionProxy {
  private loaded: CommentProxy[] | null = null;
  constructor(
    private readonly context: HostContext,
    private readonly sheets: () => HostSheet[],
  ) {}
  private all(): { sheet: HostSheet; address: string }[] {
    return this.sheets().flatMap((sheet) =>
      Object.keys(sheet.cells)
        .filter((a) => sheet.cells[a].comment !== undefined)
        .sort((a, b) => {
          const p = parseA1(a)!, q = parseA1(b)!;
          return p.row - q.row || p.col - q.col;
        })
        .map((address) => ({ sheet, address })),
    );
  }
  load(props?: string | string[]): this {
    this.context.enqueue(() => {
      this.loaded = this.all().map((c) => {
        const proxy = new CommentProxy(this.context, () => commentAt(c.sheet, c.address));
        proxy.fill(c.sheet, c.address);
        this.context.respond({ id: commentId(c.sheet, c.address), content: c.sheet.cells[c.address].comment });
        return proxy;
      });
    }, props ?? "items");
    return this;
  }
  get items(): CommentProxy[] {
    if (!this.loaded) throw notLoaded("items");
    return this.loaded;
  }
  getCount(): ClientResult<number> {
    const res = new ClientResult<number>(this.context);
    this.context.enqueue(() => res.setValue(this.all().length), "getCount");
    return res;
  }
  /** getItem(commentId): ItemNotFound at sync when there is no such comment. */
  getItem(id: string): CommentProxy {
    return new CommentProxy(this.context, () => {
      const c = this.all().find((x) => commentId(x.sheet, x.address) === id);
      return c ? commentAt(c.sheet, c.address) : null;
    });
  }
  getItemByCell(cellAddress: string): CommentProxy {
    const [sheetName, addr] = cellAddress.includes("!") ? [cellAddress.slice(0, cellAddress.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'"), cellAddress.slice(cellAddress.lastIndexOf("!") + 1)] : [null, cellAddress];
    return new CommentProxy(this.context, () => {
      const sheet = sheetName ? findSheet(this.context.doc, sheetName) : this.sheets().length === 1 ? this.sheets()[0] : null;
      return sheet ? commentAt(sheet, addr.replace(/\$/g, "")) : null;
    });
  }
}

type CommentTarget = { sheet: HostSheet; address: string };

function commentAt(sheet: HostSheet, address: string): CommentTarget | null {
  return sheet.cells[address]?.comment !== undefined ? { sheet, address } : null;
}

/** A comment's id: any text unique in the workbook (Excel's are GUIDs), kept as its cell moves. */
const commentId = (sheet: HostSheet, address: string) => sheet.cells[address]?.commentId ?? `{comment-${sheet.id}-${address}}`;

class CommentProxy extends ProxyBase<CommentTarget> {
  /** Set by a collection's load: id and content are known after the sync. */
  fill(sheet: HostSheet, address: string): void {
    this.loadedValues.set("id", commentId(sheet, address));
    this.loadedValues.set("content", sheet.cells[address].comment);
  }
  protected readProp(t: CommentTarget, name: string): unknown {
    if (name === "id") return commentId(t.sheet, t.address);
    if (name === "content") return t.sheet.cells[t.address].comment;
    throw new HostError("InvalidArgument", `Comment has no property ${name}`);
  }
  get id(): string {
    return this.get("id");
  }
  get content(): string {
    return this.get("content");
  }
  /** Comment.getLocation(): the cell the comment is on. */
  getLocation(): RangeProxy {
    const target = this.chained((t) => t);
    return new RangeProxy(this.context, () => {
      const t = target();
      if (!t) throw new HostError("ItemNotFound", "The comment does not exist.");
      const p = parseA1(t.address)!;
      return { sheet: t.sheet, range: { top: p.row, left: p.col, bottom: p.row, right: p.col } };
    });
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
    }, xml);
    return new CustomXmlPartProxy(this.context, () => part, false);
  }
  /**
   * CustomXmlPartScopedCollection (ExcelApi 1.5): getCount, getItem(id), getOnlyItem
   * (ItemNotFound unless exactly one part), items once loaded.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartscopedcollection
   */
  getByNamespace(ns: string): {
    getOnlyItemOrNullObject: () => CustomXmlPartProxy;
    getOnlyItem: () => CustomXmlPartProxy;
    getCount: () => ClientResult<number>;
    getItem: (id: string) => CustomXmlPartProxy;
    load: (props?: string) => void;
    readonly items: CustomXmlPartProxy[];
  } {
    const all = () => this.context.doc.customXmlParts.filter((p) => p.namespace === ns);
    const only = () => {
      const parts = all();
      return parts.length === 1 ? parts[0] : null;
    };
    let items: CustomXmlPartProxy[] | null = null;
    const ctx = this.context;
    return {
      getItem: (id: string) => new CustomXmlPartProxy(ctx, () => all().find((p) => p.id === id) ?? null, false),
      load: (props?: string) =>
        ctx.enqueue(() => {
          const loaded = all().map((part) => {
            const proxy = new CustomXmlPartProxy(ctx, () => (ctx.doc.customXmlParts.includes(part) ? part : null), false);
            proxy.fill(part);
            return proxy;
          });
          ctx.respond(loaded.map((p) => p.id));
          ctx.stage(() => void (items = loaded));
        }, props ?? "items"),
      get items(): CustomXmlPartProxy[] {
        if (!items) throw notLoaded("items");
        return items;
      },
      getOnlyItemOrNullObject: () => new CustomXmlPartProxy(this.context, only, true),
      getOnlyItem: () => new CustomXmlPartProxy(this.context, only, false),
      getCount: () => {
        const res = new ClientResult<number>(this.context);
        this.context.enqueue(() => res.setValue(this.context.doc.customXmlParts.filter((p) => p.namespace === ns).length), ns);
        return res;
      },
    };
  }
}

class CustomXmlPartProxy extends ProxyBase<XmlPart> {
  constructor(context: HostContext, resolver: () => XmlPart | null, readonly orNullObject: boolean) {
    super(context, resolver, orNullObject);
  }
  /** Set by a collection's load: its id is known after the sync. */
  fill(t: XmlPart): void {
    this.loadedValues.set("id", t.id);
  }
  get id(): string {
    return this.get("id");
  }
  protected readProp(t: XmlPart, name: string): unknown {
    if (name === "id") return t.id;
    if (name === "namespaceUri") return t.namespace;
    throw new HostError("InvalidArgument", `CustomXmlPart has no property ${name}`);
  }
  getXml(): ClientResult<string> {
    const res = new ClientResult<string>(this.context);
    const target = this.chained((t) => t);
    this.context.enqueue(() => {
      const t = target();
      if (t) res.setValue(t.xml);
      else if (!this.orNullObject) throw new HostError("ItemNotFound", "The custom XML part does not exist.");
    }, "getXml");
    return res;
  }
  setXml(xml: string): void {
    this.write((t) => void (t.xml = xml), xml);
  }
  delete(): void {
    this.write((t) => {
      this.context.doc.customXmlParts = this.context.doc.customXmlParts.filter((p) => p !== t);
    }, "delete");
  }
}

/** A Worksheet.id not yet used in the document (Excel's are GUIDs; any unique text is the same to the add-in). */
function newSheetId(doc: HostDocument): string {
  const used = new Set(doc.sheets.map((s) => s.id));
  for (let i = doc.sheets.length + 1; ; i++) {
    const id = `{00000000-0001-0000-${String(i).padStart(4, "0")}-000000000000}`;
    if (!used.has(id)) return id;
  }
}

/** What Excel does with a value written through Range.values / formulas ("" clears; null is handled by the caller). */
function setFromInput(cell: HostCell, v: unknown): void {
  // Refused before anything of the cell changes (rules.ts).
  if (typeof v === "string" && v.startsWith("=") && v.length > 1) guardFormulaLimits(v);
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

