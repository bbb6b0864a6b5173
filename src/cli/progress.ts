// A progress bar on a terminal (cli-progress, on stderr), and nothing at all when the output
// is piped or read by a machine: logs and `--json` stay clean.
import { SingleBar, Presets } from 'cli-progress';

export class Progress {
  private readonly bar: SingleBar | undefined;
  private value = 0;

  constructor(enabled: boolean, label: string, total: number) {
    if (!enabled || total === 0) return;
    this.bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
    this.bar.start(total, 0);
  }

  increment(): void {
    this.value++;
    this.bar?.update(this.value);
  }

  update(value: number): void {
    this.value = value;
    this.bar?.update(value);
  }

  stop(): void {
    this.bar?.stop();
  }
}
