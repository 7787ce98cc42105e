import { displayValue } from "../src/testing/harness/workbookView";

/** `npm run try` draws cells as Excel shows them, so a rate reads 90.91%, not 0.9090909. */
describe("the try page's cell text", () => {
  it.each([
    [{ value: 0.909090909, numberFormat: "0.00%" }, "90.91%"],
    [{ value: 0.5, numberFormat: "0%" }, "50%"],
    [{ value: 269.974, numberFormat: "0.00" }, "269.97"],
    [{ value: 1234567.5, numberFormat: "#,##0.00" }, "1,234,567.50"],
    [{ value: 45292, numberFormat: "yyyy-mm-dd" }, "2024-01-01"],
    [{ value: 0.1 + 0.2 }, "0.3"],
    [{ value: "单位名称" }, "单位名称"],
    [{ error: "#DIV/0!" }, "#DIV/0!"],
    [{ value: true }, "TRUE"],
    [{}, ""],
    [undefined, ""],
  ])("%j → %s", (cell, text) => expect(displayValue(cell)).toBe(text));
});
