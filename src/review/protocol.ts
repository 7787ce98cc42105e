import type { FindingRow, Submission } from "../summary/submission";

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

/** A checked submission's findings, asked for when the reviewer opens its row. */
export interface FindingsRequest {
  type: "findings";
  id: number;
  name: string;
}

export type Request = CheckRequest | PackageRequest | FindingsRequest | { type: "reset"; id: number };

export type Reply =
  /** The submission without its findings (they stay with the checker until a row is opened). */
  | { type: "checked"; id: number; submission: Submission }
  | { type: "findings"; id: number; findings: FindingRow[] }
  | { type: "package"; id: number; zip: Uint8Array }
  | { type: "reset"; id: number }
  | { type: "error"; id: number; message: string };

/** Where the checked copies go in the zip, beside 汇总.xlsx at its root. */
export const COPIES_FOLDER = "已核查";
export const SUMMARY_NAME = "汇总.xlsx";
