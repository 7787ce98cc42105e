/**
 * The members of the WPS add-in root (window.wps / window.Application) that the ribbon shell
 * uses, beside the ET object model of src/adapters/wps/etApi.ts. Names follow
 * et-jsapi-declare@2.5.0 (`WPS.AddonRoot`, index.d.ts); test/wpsShellTypes.typecheck.ts
 * asserts its types are assignable to these. Each is optional: a build without one must get a
 * Chinese message, not a silent button.
 */

/** What CreateTaskPane returns (`WPS.CustomTaskpane`): shown by setting Visible. */
export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
}

/** Shared by the add-in's pages for the life of WPS, never saved (`WPS.PluginStorage`). */
export interface WpsPluginStorage {
  setItem(key: string, value: number | boolean | string): void;
  /** Typed string in et-jsapi-declare; the templates read back the number they stored [T]. */
  getItem(key: string): unknown;
}

export interface WpsShellRoot {
  CreateTaskPane?(url: string, title?: string): WpsTaskPane;
  /**
   * WPS's own documentation also spells it CreateTaskpane [P1]; et-jsapi-declare has only
   * CreateTaskPane, so this one cannot be type-checked (docs/wps-addin.md §2).
   */
  CreateTaskpane?(url: string, title?: string): WpsTaskPane;
  GetTaskPane?(id: number): WpsTaskPane;
  readonly PluginStorage?: WpsPluginStorage;
}

/** The control WPS passes to onAction and getImage (`control.Id`, the button's id in ribbon.xml). */
export interface WpsRibbonControl {
  readonly Id: string;
}
