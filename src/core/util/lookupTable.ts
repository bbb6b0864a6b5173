// Lookup tables keyed by words from corpus files must not answer for `constructor`,
// `toString` or `__proto__`: a plain object literal inherits those from Object.prototype.

/** A frozen table with no prototype, so `word in table` and `table[word]` see only its entries. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
