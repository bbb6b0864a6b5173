// Fresh names by numbering: `kim-jong-un` → `kim-jong-un-2`, `a1` → `a1-2`. One rule for new
// entity ids in the registry and for the quick fix that renames a duplicate item id.

/** `${base}-2`, `${base}-3`, …: the first not in `taken`. */
export function numberedVariant(base: string, taken: ReadonlySet<string>): string {
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
