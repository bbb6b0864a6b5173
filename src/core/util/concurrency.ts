// Work over many files with a bounded number in flight. Starting every read of a 10,000-file
// corpus at once makes them all finish in one burst at the end (so progress jumps from 0 to
// all) and holds every file's bytes at the same time.

/** Runs `work` on every item, at most `limit` at a time; resolves when all are done. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
