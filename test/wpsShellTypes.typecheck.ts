/// <reference types="et-jsapi-declare" />
/**
 * Compile-only (tsc --noEmit -p .), like wpsTypes.typecheck.ts: the add-in root members the
 * ribbon shell uses (src/wps/shellApi.ts) are ones WPS has, with compatible types.
 */
import type * as Ours from "../src/wps/shellApi";

type Assignable<From extends To, To> = From;

export type Checks = [
  Assignable<WPS.AddonRoot, Ours.WpsShellRoot>,
  Assignable<WPS.CustomTaskpane, Ours.WpsTaskPane>,
  Assignable<WPS.PluginStorage, Ours.WpsPluginStorage>,
];
