import pkg from "../../package.json";

/** Who made a summary, for its 核查信息 sheet (package.json's version). */
export const TOOL_NAME = `绩效自评核算助手 ${pkg.version}`;
