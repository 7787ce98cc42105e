/**
 * File names in the order a Chinese reader expects (拼音 order for 汉字, numbers by their value:
 * 单位2 before 单位10, 单位17 after 单位9 and before 单位169), the same everywhere a list of
 * submissions is sorted. One collator, made once: calling
 * localeCompare with a locale builds the collation anew on each call, which made
 * sorting a folder of 200 names take 20 ms instead of a fraction of one.
 */
export const compareNames: (a: string, b: string) => number = new Intl.Collator("zh-CN", { numeric: true }).compare;
