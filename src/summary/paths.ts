import { WORKBOOK_EXTENSIONS } from "./pairing";

const WORKBOOK_EXT = new RegExp(`\\.(${WORKBOOK_EXTENSIONS.join("|")})$`, "i");

/** 县直/财政所.xlsx → 县直/财政所.checked.xlsx (an .xlsm stays an .xlsm). */
export const checkedName = (name: string) => name.replace(WORKBOOK_EXT, ".checked.$1");
