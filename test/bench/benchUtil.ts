// Shared by the benchmarks: deterministic random numbers and memory readings.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export { seededRandom as random } from '../shared/seededRandom';

export function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

/** A full collection before each reading, so that a memory figure is not garbage. */
export function collectGarbage(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    // Without --expose-gc: switch the flag on and take gc from a fresh context.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    (globalThis as { gc?: () => void }).gc = gc;
  }
  gc();
}

/** JS heap plus typed-array buffers, which live outside the heap. */
export function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
