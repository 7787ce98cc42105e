/** 县直/财政所.xlsx → 县直/财政所.checked.xlsx (an .xlsm stays an .xlsm). */
export const checkedName = (name: string) => name.replace(/\.(xlsx|xlsm|xls|et)$/i, ".checked.$1");
