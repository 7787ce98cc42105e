import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** Follow Office's theme: a dark body background means the dark theme. */
export function officeTheme(bodyBackground: string | undefined): Theme {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bodyBackground ?? "");
  if (!m) return webLightTheme;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? webDarkTheme : webLightTheme;
}
