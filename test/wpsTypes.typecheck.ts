/// <reference types="et-jsapi-declare" />
/**
 * Compile-only (tsc --noEmit -p .): every member our ET interfaces declare is
 * one WPS has, with a compatible type, since each `Et.*` type of
 * et-jsapi-declare@2.5.0 must be assignable to ours. A member we invent (or
 * type wrongly) fails the build. Members allowed in two forms (Address as a
 * method or property, Count or count) accept Et's form.
 */
import type * as Ours from "../src/adapters/wps/etApi";

type Assignable<From extends To, To> = From;

export type Checks = [
  Assignable<Et.Application, Ours.EtApplication>,
  Assignable<Et.Workbook, Ours.EtWorkbook>,
  Assignable<Et.Sheets, Ours.EtSheets>,
  Assignable<Et.Worksheet, Ours.EtWorksheet>,
  Assignable<Et.Range, Ours.EtRange>,
  Assignable<Et.Interior, Ours.EtInterior>,
  Assignable<Et.Font, Ours.EtFont>,
  Assignable<Et.Comment, Ours.EtComment>,
  Assignable<Et.Comments, Ours.EtComments>,
  Assignable<Kso.CustomXMLParts, Ours.EtCustomXMLParts>,
  Assignable<Kso.CustomXMLPart, Ours.EtCustomXMLPart>,
  Assignable<WPS.EtAddonRoot & Et.Application, Ours.EtApplication>,
  Assignable<WPS.EtApiEvent, Ours.EtApiEvents>,
];
