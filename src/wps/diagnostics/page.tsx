import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { EtApplication, EtRoot } from "../../adapters/wps/etApi";
import type { ProbeEnv } from "./probe";
import { DiagnosticsPage } from "./DiagnosticsPage";

/* global document, window, navigator, localStorage */

/**
 * The 诊断 page (diagnostics.html) of the WPS add-in: WPS gives it its objects as
 * `window.wps` and `window.Application`, as it gives the pane (docs/wps-addin.md §2).
 * Outside WPS it still shows the browser's user agent and says the objects are missing.
 */
const w = window as unknown as { wps?: EtRoot & Partial<EtApplication>; Application?: EtRoot & Partial<EtApplication> };
const root = w.wps ?? w.Application ?? null;

/** localStorage may be missing or refuse access in a webview (U): the save check then says it cannot run. */
function storage(): ProbeEnv["storage"] {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

const env: ProbeEnv = { userAgent: navigator.userAgent, storage: storage() };

createRoot(document.getElementById("container")!).render(
  <FluentProvider theme={webLightTheme}>
    <DiagnosticsPage root={root} env={env} />
  </FluentProvider>,
);
