import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { EtHostRef } from "../adapters/wps";
import type { EtRoot } from "../adapters/wps/etApi";
import { App } from "../taskpane/components/App";
import { HostProblemPage } from "../taskpane/HostProblemPage";
import { notInWps } from "../taskpane/hostProblem";
import { wpsPaneHost } from "./paneHost";

/* global document, window, console */

/**
 * The task pane in WPS 表格: the Excel pane's components over the ET host.
 * WPS gives each of the add-in's pages its objects as `window.wps` and
 * `window.Application` (docs/wps-addin.md §2 [T][J]); no office.js here.
 */
const container = document.getElementById("container")!;
const w = window as unknown as { wps?: EtHostRef & EtRoot; Application?: EtHostRef & EtRoot };
const root = w.wps ?? w.Application;

if (!root) {
  const problem = notInWps();
  console.warn(problem.log);
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <HostProblemPage problem={problem} />
    </FluentProvider>,
  );
} else {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={wpsPaneHost(root)} />
      {/* The first real WPS a clerk runs tells IT what it returns: src/wps/diagnostics. */}
      <a href="diagnostics.html" style={{ display: "block", margin: "0 12px 12px", fontSize: 12 }}>
        诊断（复制结果发给信息技术人员）
      </a>
    </FluentProvider>,
  );
}
