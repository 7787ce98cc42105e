import { checkedName, uniqueCheckedNames } from "../src/summary/paths";

describe("checked copies' names", () => {
  it("X.xlsx → X.checked.xlsx; X.checked.xlsx stays X.checked.xlsx; .xlsm stays .xlsm", () => {
    expect(checkedName("县直/财政所.xlsx")).toBe("县直/财政所.checked.xlsx");
    expect(checkedName("教育局.checked.xlsx")).toBe("教育局.checked.xlsx");
    expect(checkedName("教育局.CHECKED.XLSX")).toBe("教育局.checked.XLSX");
    expect(checkedName("宏.xlsm")).toBe("宏.checked.xlsm");
  });
  it("in one batch, 教育局.xlsx and 教育局.checked.xlsx get two copies, the second numbered", () => {
    // In either order, the original keeps the plain name.
    for (const names of [["教育局.xlsx", "教育局.checked.xlsx", "县直/教育局.xlsx"], ["教育局.checked.xlsx", "教育局.xlsx", "县直/教育局.xlsx"]]) {
      const m = uniqueCheckedNames(names);
      expect([m.get("教育局.xlsx"), m.get("教育局.checked.xlsx"), m.get("县直/教育局.xlsx")]).toEqual(["教育局.checked.xlsx", "教育局（2）.checked.xlsx", "县直/教育局.checked.xlsx"]);
    }
  });
});
