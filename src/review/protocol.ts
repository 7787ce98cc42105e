import type { Submission } from "../summary/submission";

/** Messages between the reviewers' page and its checker (a Web Worker, or in the page as a fallback). */
export interface CheckRequest {
  type: "check";
  id: number;
  /** Path relative to the folder picked, "/" separated. */
  name: string;
  bytes: Uint8Array;
  report: { name: string; bytes: Uint8Array } | null;
  profile: string;
}

export interface PackageRequest {
  type: "package";
  id: number;
  /** What was checked, for the summary's 核查信息. */
  source: string;
  profile: string;
  /** The submissions in the order the table shows; their copies go in the zip. */
  names: string[];
}

export type Request = CheckRequest | PackageRequest | { type: "reset"; id: number };

export type Reply =
  | { type: "checked"; id: number; submission: Submission }
  | { type: "package"; id: number; zip: Uint8Array }
  | { type: "reset"; id: number }
  | { type: "error"; id: number; message: string };

/** Where the checked copies go in the zip, beside 汇总.xlsx at its root. */
export const COPIES_FOLDER = "已核查";
export const SUMMARY_NAME = "汇总.xlsx";
