import type { EtHostRef } from "../adapters/wps";
import type { EtRoot } from "../adapters/wps/etApi";
import { createRibbon, folderOf } from "./ribbon";
import type { WpsShellRoot } from "./shellApi";

/* global window, location */

/**
 * main.js, loaded by index.html: the page WPS opens when it loads the add-in
 * and whose globals it calls for the callbacks ribbon.xml names
 * (docs/wps-addin.md §2). They are set both as plain globals and as
 * `ribbon.*`, since builds are reported to look up either [T][J1][P2].
 * A webview too old for this bundle never gets here: startupGuard.js then
 * defines the same names, and each button says why.
 */
type Root = EtHostRef & EtRoot & WpsShellRoot;
const w = window as unknown as { wps?: Root; Application?: Root; alert?: (text: string) => void } & Record<string, unknown>;

const ribbon = createRibbon({
  root: () => w.wps ?? w.Application ?? null,
  tell: (text) => (typeof w.alert === "function" ? w.alert(text) : console.warn("[核算助手]", text)),
  baseUrl: folderOf(location.href),
});

const callbacks = { OnAddinLoad: ribbon.OnAddinLoad, OnAction: ribbon.OnAction, GetImage: ribbon.GetImage };
Object.assign(w, callbacks, { ribbon: callbacks });
