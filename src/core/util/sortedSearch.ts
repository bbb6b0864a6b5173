// Binary search over sorted data, written once. Two forms: over an ascending list of numbers,
// and over any sorted sequence by a predicate that is false for a prefix and true after it.
// The hottest searches (code point ↔ UTF-16 in OffsetMap and SurrogateIndex, live spans,
// diagnostics' line lookup) keep their loops inline: they run per conversion, where a
// callback per step is measurable.

/** The first index whose value is ≥ `value` in an ascending list (`values.length` when none). */
export function firstIndexAtLeast(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether an ascending list holds `value`. */
export function includesSorted(values: ArrayLike<number>, value: number): boolean {
  const at = firstIndexAtLeast(values, value);
  return at < values.length && values[at] === value;
}

/**
 * The first index in [0, count) for which `isPast` holds, `count` when none: `isPast` must be
 * false for a prefix of the indexes and true for the rest (e.g. "ends after the offset").
 */
export function firstIndexWhere(count: number, isPast: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isPast(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
