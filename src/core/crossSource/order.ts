// The one string order of the cross-source index (internal to this folder).

/** Code unit order: deterministic and the same in every locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
