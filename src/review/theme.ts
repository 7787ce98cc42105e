import { createLightTheme, type BrandVariants, type Theme } from "@fluentui/react-components";

/** Excel's green (#217346) as a Fluent brand ramp: shade 80 is the brand colour, darker below, lighter above. */
function ramp(hex: string): BrandVariants {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mix = (to: number, t: number) => rgb.map((c) => Math.round(c + (to - c) * t));
  const css = (c: number[]) => `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
  const shades: Record<number, string> = {};
  for (let k = 10; k <= 160; k += 10) shades[k] = css(k <= 80 ? mix(0, ((80 - k) / 70) * 0.85) : mix(255, ((k - 80) / 80) * 0.9));
  return shades as unknown as BrandVariants;
}

/** Office-like: Fluent's light theme in Excel's green. */
export const reviewTheme: Theme = createLightTheme(ramp("#217346"));
