// The benchmark's registry of cases and its report. A case measures one or more figures and
// reports each with its samples (median and p99 are taken over them) and its target.
import { writeFileSync } from 'node:fs';
import { benchCorpus, type BenchCorpus } from './corpus';

export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
  /** Which statistic the target is about. */
  readonly of: 'median' | 'p99';
}

export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  /** The slow end: the 99th percentile of times, the 1st of throughputs (higher is better). */
  readonly p99: number;
  readonly runs: number;
  readonly target?: Target;
  /** What the figure measures when the name alone could mislead. */
  readonly note?: string;
}

export interface BenchContext {
  /** The shared generated corpus (built on first use). */
  corpus(): BenchCorpus;
  /** Records a figure from its samples (one sample: a single measurement). */
  report(name: string, unit: string, samples: readonly number[], target?: Target, note?: string): void;
}

export interface BenchCase {
  readonly name: string;
  run(context: BenchContext): void | Promise<void>;
}

const cases: BenchCase[] = [];

/** Adds a case; files named `*.bench.ts` in test/bench call this when they are loaded. */
export function registerCase(benchCase: BenchCase): void {
  cases.push(benchCase);
}

export function registeredCases(): readonly BenchCase[] {
  return cases;
}

export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
}

/** Wall-clock milliseconds of each of `runs` calls (awaited when they return a promise). */
export async function timeRuns(runs: number, body: (run: number) => unknown, before?: (run: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await before?.(run);
    const started = performance.now();
    await body(run);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function valueOf(figure: Figure): number {
  return figure.target?.of === 'p99' ? figure.p99 : figure.median;
}

export function met(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  const value = valueOf(figure);
  return figure.target.op === '<=' ? value <= figure.target.value : value >= figure.target.value;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 10 ? value.toFixed(1) : magnitude >= 1 ? value.toFixed(2) : value.toFixed(3);
}

function targetText(target: Target | undefined, unit: string): string {
  if (!target) return '';
  return `${target.of === 'p99' ? 'p99 ' : ''}${target.op === '<=' ? '≤' : '≥'} ${formatNumber(target.value)} ${unit}`;
}

export async function runCases(options: { only?: string; json?: string }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const context: BenchContext = {
    corpus: benchCorpus,
    report(name, unit, samples, target, note) {
      const figure: Figure = {
        name, unit, median: percentile(samples, 0.5), p99: percentile(samples, unit.endsWith('/s') ? 0.01 : 0.99), runs: samples.length,
        ...(target ? { target } : {}), ...(note ? { note } : {}),
      };
      figures.push(figure);
      const verdict = met(figure);
      console.log(`  ${name}: median ${formatNumber(figure.median)} ${unit}, p99 ${formatNumber(figure.p99)} ${unit} (${figure.runs} runs)` +
        (target ? ` — target ${targetText(target, unit)}: ${verdict ? 'met' : 'MISSED'}` : '') + (note ? ` [${note}]` : ''));
    },
  };
  for (const benchCase of cases) {
    if (options.only && !benchCase.name.includes(options.only)) continue;
    console.log(`\n${benchCase.name}`);
    const started = performance.now();
    try {
      await benchCase.run(context);
    } catch (error) {
      console.error(`  case failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    }
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  printTable(figures);
  if (options.json) {
    const rows = figures.map((figure) => ({
      name: figure.name, value: valueOf(figure), unit: figure.unit,
      target: figure.target ? targetText(figure.target, figure.unit) : null, met: met(figure) ?? null,
    }));
    writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
    console.log(`\nWrote ${rows.length} figures to ${options.json}`);
  }
  return figures;
}

function printTable(figures: readonly Figure[]): void {
  console.log('\n| figure | median | p99 (slow end) | runs | target | met |');
  console.log('|---|---:|---:|---:|---|---|');
  for (const figure of figures) {
    const verdict = met(figure);
    console.log(`| ${figure.name} | ${formatNumber(figure.median)} ${figure.unit} | ${formatNumber(figure.p99)} ${figure.unit} | ${figure.runs} | ${targetText(figure.target, figure.unit)} | ${verdict === undefined ? '' : verdict ? 'yes' : '**no**'} |`);
  }
}
