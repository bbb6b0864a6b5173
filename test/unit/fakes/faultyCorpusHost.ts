// A MemoryCorpusHost whose writes fail on demand, the way real ones do: a process killed or a
// disk that fills up mid-write (a partial temporary file is left behind, the target is not
// touched), a rename that fails, or a read-only file. Atomic like the real host: the target
// holds the old bytes or the new ones, never a mix.
import { MemoryCorpusHost } from './memoryCorpusHost';

export type WriteFault = 'killed-mid-write' | 'disk-full' | 'rename-fails' | 'read-only';

export class FaultyCorpusHost extends MemoryCorpusHost {
  private readonly faults: WriteFault[] = [];
  /** Temporary files a failed write left behind (as a killed process would). */
  readonly leftovers = new Map<string, Uint8Array>();

  /** The next writes fail with these faults, in order; later writes succeed. */
  failNext(...faults: WriteFault[]): void {
    this.faults.push(...faults);
  }

  private gate: Promise<void> | undefined;

  /** Holds the next writes until the returned function is called (a slow disk). */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => { release = resolve; });
    return () => {
      this.gate = undefined;
      release();
    };
  }

  override async writeFileAtomic(uri: string, bytes: Uint8Array): Promise<void> {
    const fault = this.faults.shift();
    if (this.gate) await this.gate;
    const temporary = `${uri}.tmp`;
    switch (fault) {
      case undefined:
        return super.writeFileAtomic(uri, bytes);
      case 'read-only':
        throw Object.assign(new Error(`EACCES: permission denied, open '${uri}'`), { code: 'NoPermissions' });
      case 'killed-mid-write':
        this.leftovers.set(temporary, bytes.slice(0, Math.floor(bytes.length / 2)));
        throw new Error('the extension host was terminated');
      case 'disk-full':
        this.leftovers.set(temporary, bytes.slice(0, 10));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${temporary}'`), { code: 'Unavailable' });
      case 'rename-fails':
        throw new Error(`EBUSY: resource busy or locked, rename '${temporary}' -> '${uri}'`);
    }
  }
}
