import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { App } from "./components/App";
import { reviewTheme } from "./theme";

/* global document */

createRoot(document.getElementById("container")!).render(
  <FluentProvider theme={reviewTheme}>
    <App />
  </FluentProvider>,
);
