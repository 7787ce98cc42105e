import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { excelApi } from "../adapters/office/officeApi";
import { App } from "./components/App";
import { officeTheme } from "./theme";

/* global document, Office */

Office.onReady(() => {
  const container = document.getElementById("container")!;
  const theme = officeTheme(Office.context.officeTheme?.bodyBackgroundColor);
  createRoot(container).render(
    <FluentProvider theme={theme}>
      <App api={excelApi()} />
    </FluentProvider>,
  );
});
