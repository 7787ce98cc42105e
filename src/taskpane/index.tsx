import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { excelApi } from "../adapters/office/officeApi";
import { App } from "./components/App";
import { excelPaneHost } from "./excelHost";
import { HostProblemPage } from "./HostProblemPage";
import { notInExcel, officeJsMissing, type HostProblem } from "./hostProblem";
import { officeTheme } from "./theme";

/* global console, document, HTMLScriptElement, Office */

const container = document.getElementById("container")!;

function showProblem(problem: HostProblem): void {
  console.warn(problem.log);
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <HostProblemPage problem={problem} />
    </FluentProvider>,
  );
}

if (typeof Office === "undefined") {
  // The office.js script failed (CDN unreachable, a file missing on the server).
  showProblem(officeJsMissing(document.querySelector<HTMLScriptElement>('script[src$="office.js"]')?.getAttribute("src") ?? null));
} else {
  Office.onReady((info) => {
    const problem = notInExcel(info.host as unknown as string | null);
    if (problem) return showProblem(problem);
    const theme = officeTheme(Office.context.officeTheme?.bodyBackgroundColor);
    createRoot(container).render(
      <FluentProvider theme={theme}>
        <App host={excelPaneHost(excelApi())} />
      </FluentProvider>,
    );
  });
}
