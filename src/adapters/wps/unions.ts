/** VBA's Range(address) takes at most 255 characters (an address over it fails; WPS U, the harder case). */
export const UNION_CHARS = 255;

/**
 * Addresses of one sheet joined by commas ("A1:A4,C7,E2:F3") into as few
 * addresses of at most 255 characters as they fit. A range of several areas
 * is one Range object that can be formatted at once ("Refer to multiple
 * ranges": Union(r1, r2).Font.Bold = True,
 * https://learn.microsoft.com/en-us/office/vba/excel/concepts/cells-and-ranges/refer-to-multiple-ranges),
 * so each address costs one Worksheet.Range and one write, whatever its areas
 * (on a build that honours them: unionSupport.ts writes through writeAreas).
 */
export function unionsOf(areas: string[]): string[] {
  const out: string[] = [];
  let cur = "";
  for (const a of areas) {
    if (cur && cur.length + 1 + a.length <= UNION_CHARS) cur += `,${a}`;
    else {
      if (cur) out.push(cur);
      cur = a;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Items grouped by a key (a tone, a fill, a height), in first-seen order. */
export function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}
