import type { EtApiEvents, EtWorksheet } from "../../adapters/wps/etApi";
import { etError } from "./rules";

type SheetChange = (Sh: EtWorksheet, Target: unknown) => void;

/**
 * wps.ApiEvent [E]: listeners by event name. Only SheetChange is modelled,
 * which is what 自动核查 listens to; a person's edit (EtHost.edit) calls it
 * with the sheet and the changed range. Whether WPS also calls it for an
 * add-in's own writes while EnableEvents is off is not documented (U): the
 * add-in must not depend on either (tests fire it themselves then, `fireSheetChange`).
 */
export class EtEvents implements EtApiEvents {
  readonly listeners = new Set<SheetChange>();
  constructor(private readonly tick: (member: string) => void) {}
  AddApiEventListener(EventName: "SheetChange", callback: SheetChange): void {
    this.tick("ApiEvent.AddApiEventListener");
    if (EventName !== "SheetChange") throw etError(`event ${String(EventName)} is not modelled`);
    this.listeners.add(callback);
  }
  RemoveApiEventListener(EventName: "SheetChange", callback?: SheetChange): void {
    this.tick("ApiEvent.RemoveApiEventListener");
    if (callback) this.listeners.delete(callback);
    else this.listeners.clear();
  }
  fire(sheet: EtWorksheet, target: unknown): void {
    for (const l of [...this.listeners]) l(sheet, target);
  }
}
