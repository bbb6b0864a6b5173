// `source-annotator`: the corpus operations of the editor for scripts, pipelines and CI, on
// top of the same core (src/core) through a Node CorpusHost. Exit codes (also in the README):
//   0  success (validate: no error; warnings and infos allowed)
//   1  validate found at least one error
//   2  usage error (unknown command or option, missing argument, bad value)
//   3  refused or failed: not a corpus folder, output folder not empty, import refused
//      (nothing written), a file that cannot be read or written
import { execFileSync } from 'node:child_process';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { computeAgreement, type AgreementReport } from '../core/agreement';
import type { Measure } from '../core/agreement';
import { reanchorSidecar } from '../core/anchoring';
import {
  configuredDriver, driverCommand, GITATTRIBUTES_LINE, withGitattributesLine, withMergeDriverConfig,
} from '../core/git';
import { mergeSidecars } from '../core/merge';
import { emptySidecar, parseSidecar } from '../core/format';
import { writeSidecar } from '../core/format';
import { CorpusStore } from '../core/corpus';
import type { CorpusDiagnostic } from '../core/model';
import {
  EXPORT_FORMATS, FORMAT_DESCRIPTIONS, IMPORT_FORMATS, articlesForExport, describeImport, describeSummary,
  exportArticles, importIntoCorpus, isExportFormat, parseBrat, parseDoccano, type ExportFormat, type ImportDocument,
  type ImportError, type ImportNotes, type ParsedImport, type StatusFilter,
} from '../core/interchange';
import { ANNOTATION_STATUSES, statusOf, type AnnotationStatus } from '../core/model';
import { NodeCorpusHost, toStorePath, writeFileAtomic } from './nodeHost';
import { Progress } from './progress';

export const EXIT = { ok: 0, problems: 1, usage: 2, refused: 3 } as const;

/** A failure with a message for the person and an exit code. */
class CliFailure extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.refused) { super(message); }
}

interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get isTTY() { return Boolean(process.stderr.isTTY); },
};

/** A path for messages: relative to the working directory when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

async function requireFolder(folder: string, what: string): Promise<void> {
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CliFailure(`${what} ${folder} is not a folder.`);
}

async function loadCorpus(folder: string, readOnly: boolean, mayBeNew = false): Promise<{ store: CorpusStore; host: NodeCorpusHost }> {
  // A new corpus (import into a folder not there yet) is created by its first write, so a
  // refused import leaves nothing behind.
  const missing = mayBeNew && !(await fs.stat(folder).catch(() => undefined));
  if (!missing) await requireFolder(folder, 'The corpus');
  const host = new NodeCorpusHost(folder, { readOnly });
  const store = new CorpusStore(host);
  await store.load();
  return { store, host };
}

function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

// ---- validate ------------------------------------------------------------------------------

function allProblems(store: CorpusStore): CorpusDiagnostic[] {
  const problems = [...store.diagnostics().values()].flat();
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.start.line - b.start.line || a.start.column - b.start.column);
}

/** GitHub Actions workflow-command escaping (data and property values differ). */
function githubEscape(text: string, property: boolean): string {
  let escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) escaped = escaped.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return escaped;
}

async function validate(corpus: string, options: { json?: boolean; format: string }, io: Io): Promise<number> {
  const { store } = await loadCorpus(corpus, true);
  const problems = allProblems(store);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  if (options.json) {
    io.out(`${JSON.stringify({
      articles: store.articleUris().length, errors, warnings,
      problems: problems.map((p) => ({ file: shown(p.file), line: p.start.line + 1, column: p.start.column + 1, endLine: p.end.line + 1, endColumn: p.end.column + 1, severity: p.severity, code: p.code, message: p.message })),
    }, null, 2)}\n`);
  } else if (options.format === 'github') {
    for (const p of problems) {
      const level = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      io.out(`::${level} file=${githubEscape(shown(p.file), true)},line=${p.start.line + 1},col=${p.start.column + 1},endLine=${p.end.line + 1},title=${githubEscape(`Source Annotator ${p.code}`, true)}::${githubEscape(p.message, false)}\n`);
    }
  } else {
    for (const p of problems) io.out(`${shown(p.file)}:${p.start.line + 1}:${p.start.column + 1}: ${p.severity}: ${p.message} [${p.code}]\n`);
    io.err(`${store.articleUris().length} article(s): ${errors} error(s), ${warnings} warning(s), ${problems.length - errors - warnings} info(s).\n`);
  }
  return errors > 0 ? EXIT.problems : EXIT.ok;
}

// ---- export --------------------------------------------------------------------------------

/** `file` inside `folder` (both absolute), or undefined when it would leave it. */
function inside(folder: string, relative: string): string | undefined {
  const target = path.resolve(folder, relative);
  const back = path.relative(folder, target);
  return back && !back.startsWith('..') && !path.isAbsolute(back) ? target : undefined;
}

async function exportCommand(corpus: string, options: {
  format: ExportFormat; out: string; status: StatusFilter; labels?: string[]; authors?: string[]; relations?: boolean; force?: boolean; json?: boolean;
}, io: Io): Promise<number> {
  const out = path.resolve(options.out);
  const { store, host } = await loadCorpus(corpus, true);
  const existing = await fs.readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    if (error.code === 'ENOTDIR') throw new CliFailure(`--out ${options.out} is a file, not a folder.`);
    throw error;
  });
  if (existing.length > 0 && !options.force) throw new CliFailure(`--out ${options.out} is not empty; choose an empty folder or add --force to write over files of the same names.`);
  const corpusRoot = host.root;
  if (toStorePath(out) === corpusRoot || toStorePath(out).startsWith(`${corpusRoot}/`) && options.format === 'brat') {
    throw new CliFailure('--out must not be the corpus folder or inside it: exported .txt files would become articles.');
  }
  const { articles, skipped } = articlesForExport(store, corpusRoot);
  const output = exportArticles(articles, options.format, {
    status: options.status,
    ...(options.labels ? { labels: options.labels } : {}),
    ...(options.authors ? { authors: options.authors } : {}),
    ...(options.relations ? { relations: true } : {}),
  });
  const encoder = new TextEncoder();
  const targets = output.files.map((file) => {
    const target = inside(out, file.path);
    if (!target) throw new CliFailure(`refusing to write ${file.path}: it is outside --out.`);
    return { target, bytes: encoder.encode(file.content) };
  });
  const progress = new Progress(io.isTTY && !options.json, 'Writing', targets.length);
  for (const { target, bytes } of targets) {
    await writeFileAtomic(target, bytes);
    progress.increment();
  }
  progress.stop();
  const written = targets.map(({ target }) => shown(target));
  if (options.json) {
    io.out(`${JSON.stringify({ ...output.summary, out: shown(out), files: written, skipped: skipped.map((s) => ({ file: shown(s.uri), reason: s.reason })) }, null, 2)}\n`);
  } else {
    for (const line of describeSummary(output.summary)) io.out(`${line}\n`);
    for (const s of skipped) io.out(`Skipped ${shown(s.uri)}: ${s.reason}\n`);
    io.out(`${written.length} file(s) in ${shown(out)}.\n`);
  }
  return EXIT.ok;
}

// ---- import --------------------------------------------------------------------------------

async function filesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full); } else if (entry.isFile()) found.push(full);
    }
  };
  await walk(folder);
  return found;
}

async function readImport(format: 'brat' | 'doccano', input: string, options: { textField?: string; labelField?: string }): Promise<ParsedImport> {
  const stat = await fs.stat(input).catch(() => undefined);
  if (!stat) throw new CliFailure(`${input} does not exist.`);
  const errors: ImportError[] = [];
  const notes: ImportNotes = new Map();
  const documents: ImportDocument[] = [];
  if (format === 'brat') {
    const base = stat.isDirectory() ? input : path.dirname(input);
    const files = stat.isDirectory() ? await filesUnder(input) : [input.replace(/\.ann$/i, '.txt')];
    for (const file of files.filter((f) => f.toLowerCase().endsWith('.txt'))) {
      const annFile = file.replace(/\.txt$/i, '.ann');
      const txt = await fs.readFile(file).catch(() => { throw new CliFailure(`${file} cannot be read.`); });
      const ann = await fs.readFile(annFile, 'utf8').catch(() => undefined);
      if (ann === undefined) notes.set('texts without an .ann file imported unannotated', (notes.get('texts without an .ann file imported unannotated') ?? 0) + 1);
      documents.push(parseBrat({ path: path.relative(base, file).split(path.sep).join('/'), txt, ...(ann !== undefined ? { ann } : {}), annFile: shown(annFile) }, errors, notes));
    }
  } else {
    const files = stat.isDirectory() ? (await filesUnder(input)).filter((f) => /\.jsonl?$/i.test(f)) : [input];
    for (const file of files) {
      const content = await fs.readFile(file, 'utf8');
      documents.push(...parseDoccano(shown(file), content, {
        ...(options.textField ? { textField: options.textField } : {}),
        ...(options.labelField ? { labelField: options.labelField } : {}),
      }, errors, notes));
    }
  }
  if (documents.length === 0 && errors.length === 0) throw new CliFailure(`${input}: no ${format === 'brat' ? '.txt/.ann files' : 'JSONL lines'} found.`);
  return { documents, errors, notes };
}

async function importCommand(format: 'brat' | 'doccano', input: string, options: {
  into: string; author?: string; status?: AnnotationStatus; textField?: string; labelField?: string; json?: boolean;
}, io: Io): Promise<number> {
  const parsed = await readImport(format, input, options);
  const { store, host } = await loadCorpus(options.into, false, true);
  const progress = new Progress(io.isTTY && !options.json, 'Importing', parsed.documents.length);
  const report = await importIntoCorpus(store, host, host.root, parsed, {
    ...(options.author !== undefined ? { author: options.author } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
    onProgress: (done) => progress.update(done),
  });
  progress.stop();
  if (options.json) io.out(`${JSON.stringify({ ...report, written: host.written.map(shown) }, null, 2)}\n`);
  else for (const line of describeImport(report)) (report.refused.length ? io.err : io.out)(`${line}\n`);
  return report.refused.length > 0 ? EXIT.refused : EXIT.ok;
}

// ---- stats ---------------------------------------------------------------------------------

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function stats(corpus: string, options: { json?: boolean }, io: Io): Promise<number> {
  const { store } = await loadCorpus(corpus, true);
  const sidecars = store.articleUris().map((uri) => store.article(uri)?.parsed?.sidecar).filter((s) => s !== undefined);
  const annotations = sidecars.flatMap((s) => s.annotations);
  const facts = sidecars.flatMap((s) => s.facts);
  const problems = allProblems(store);
  const result = {
    articles: store.articleUris().length,
    annotatedArticles: sidecars.length,
    staleArticles: store.staleArticles().length,
    annotations: annotations.length,
    annotationsByLabel: countBy(annotations, (a) => a.label),
    annotationsByAuthor: countBy(annotations, (a) => a.author ?? '(none)'),
    annotationsByStatus: countBy(annotations, (a) => statusOf(a)),
    facts: facts.length,
    factsByStatus: countBy(facts, (f) => statusOf(f)),
    orphans: annotations.filter((a) => a.orphaned).length + facts.filter((f) => f.orphaned).length,
    problems: countBy(problems, (p) => p.severity),
  };
  if (options.json) { io.out(`${JSON.stringify(result, null, 2)}\n`); return EXIT.ok; }
  const table = (title: string, counts: Record<string, number>) => `${title}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}\n`;
  io.out(`Articles: ${result.articles} (${result.annotatedArticles} annotated, ${result.staleArticles} changed since annotated)\n`);
  io.out(`Annotations: ${result.annotations}\n`);
  io.out(`  ${table('by label', result.annotationsByLabel)}  ${table('by author', result.annotationsByAuthor)}  ${table('by status', result.annotationsByStatus)}`);
  io.out(`Facts: ${result.facts}\n  ${table('by status', result.factsByStatus)}`);
  io.out(`Orphans: ${result.orphans}\n`);
  io.out(table('Problems', result.problems));
  return EXIT.ok;
}

// ---- reanchor ------------------------------------------------------------------------------

async function reanchorCommand(corpus: string, options: { dryRun?: boolean; json?: boolean }, io: Io): Promise<number> {
  const { store } = await loadCorpus(corpus, Boolean(options.dryRun));
  const stale = store.staleArticles();
  const progress = new Progress(io.isTTY && !options.json, 'Re-anchoring', stale.length);
  const results: { file: string; unchanged: number; moved: number; fuzzy: number; orphaned: number; details: { id: string; kind: string; reason?: string }[] }[] = [];
  for (const uri of stale) {
    const state = store.article(uri);
    let report;
    if (options.dryRun) {
      if (state?.parsed?.sidecar && state.text !== undefined) report = reanchorSidecar(state.parsed.sidecar, state.text).report;
    } else {
      report = await store.reanchorIfStale(uri);
    }
    if (report) results.push({ file: shown(uri), unchanged: report.unchanged, moved: report.moved, fuzzy: report.fuzzy, orphaned: report.orphaned, details: report.details.filter((d) => d.kind !== 'unchanged') });
    progress.increment();
  }
  progress.stop();
  if (options.json) {
    io.out(`${JSON.stringify({ dryRun: Boolean(options.dryRun), articles: results }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (results.length === 0) io.out('No article changed since it was annotated: nothing to re-anchor.\n');
  for (const r of results) {
    io.out(`${r.file}: ${r.unchanged} unchanged, ${r.moved} moved, ${r.fuzzy} moved with a changed quote, ${r.orphaned} orphaned\n`);
    for (const d of r.details) io.out(`  ${d.id}: ${d.kind}${d.reason ? ` (${d.reason})` : ''}\n`);
  }
  if (options.dryRun && results.length > 0) io.out('Dry run: no file was changed.\n');
  return EXIT.ok;
}

// ---- merge-driver, install-merge-driver ---------------------------------------------------

/**
 * git's merge driver: base %O, ours %A (where the result goes), theirs %B, path %P. A true
 * conflict is recorded in the merged file (`<id>-conflict` with `comment` reviews), so the
 * merge succeeds with valid YAML; only a side that cannot be read fails (git then keeps its
 * own conflict for the person to settle).
 */
async function mergeDriver(basePath: string, oursPath: string, theirsPath: string, shownPath: string | undefined, io: Io): Promise<number> {
  const name = shownPath ?? oursPath;
  const read = async (file: string, side: string, mayBeEmpty: boolean) => {
    const text = await fs.readFile(file, 'utf8').catch((error: Error) => { throw new CliFailure(`merge-driver: ${name}: cannot read ${side} (${file}): ${error.message}`); });
    if (text.trim() === '') {
      if (mayBeEmpty) return { text, sidecar: undefined };
      return { text, sidecar: emptySidecar(name) };
    }
    const parsed = parseSidecar(name, text);
    const error = parsed.diagnostics.find((d) => d.severity === 'error');
    if (!parsed.sidecar || parsed.notWritable || error) {
      const where = error ? `:${error.start.line + 1}:${error.start.column + 1}: ${error.message}` : `: ${parsed.notWritable ?? 'not a sidecar'}`;
      throw new CliFailure(`merge-driver: ${name} (${side})${where}; left to git's own merge.`);
    }
    return { text, sidecar: parsed.sidecar };
  };
  const base = await read(basePath, 'base', true);
  const ours = await read(oursPath, 'ours', false);
  const theirs = await read(theirsPath, 'theirs', false);
  const merged = mergeSidecars(base.sidecar, ours.sidecar!, theirs.sidecar!, { by: 'git merge' });
  const text = (() => {
    try { return writeSidecar(name, merged.sidecar, ours.text); } catch (error) {
      throw new CliFailure(`merge-driver: ${name}: ${error instanceof Error ? error.message : String(error)}; left to git's own merge.`);
    }
  })();
  await writeFileAtomic(oursPath, new TextEncoder().encode(text));
  for (const conflict of merged.conflicts) {
    io.err(`source-annotator merge-driver: ${name}: ${conflict.kind} ${conflict.collection ? `${conflict.collection} ` : ''}${conflict.id}${conflict.theirsId ? ` (the other version kept as ${conflict.theirsId})` : ''}\n`);
  }
  return EXIT.ok;
}

function git(repo: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new CliFailure(`${repo} is not a git repository, or git cannot be run${stderr ? `: ${stderr}` : ''}.`);
  }
}

/** The command git runs for this CLI: node with the absolute path of this very file, so it works in any folder of the repository without npx or PATH. */
function thisCli(): string {
  const quote = (p: string) => (/^[\w./:@+-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);
  return `${quote(process.execPath)} ${quote(path.resolve(__filename))}`;
}

async function installMergeDriver(options: { repo: string; command?: string; json?: boolean }, io: Io): Promise<number> {
  const repo = path.resolve(options.repo);
  await requireFolder(repo, 'The repository');
  const top = git(repo, ['rev-parse', '--show-toplevel']);
  const configFile = path.resolve(repo, git(repo, ['rev-parse', '--git-common-dir']), 'config');
  const attributesFile = path.join(top, '.gitattributes');
  const driver = driverCommand(options.command ?? thisCli());
  const readOr = (file: string) => fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new CliFailure(`${file} cannot be read: ${error.message}`);
  });
  const attributes = await readOr(attributesFile);
  const config = await readOr(configFile);
  const nextAttributes = withGitattributesLine(attributes);
  const nextConfig = configuredDriver(config) === driver ? config : withMergeDriverConfig(config, driver);
  const encoder = new TextEncoder();
  if (nextAttributes !== attributes) await writeFileAtomic(attributesFile, encoder.encode(nextAttributes));
  if (nextConfig !== config) await writeFileAtomic(configFile, encoder.encode(nextConfig));
  const result = { gitattributes: shown(attributesFile), gitattributesChanged: nextAttributes !== attributes, config: shown(configFile), configChanged: nextConfig !== config, driver };
  if (options.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else {
    io.out(`${result.gitattributes}: ${result.gitattributesChanged ? 'added' : 'already has'} ${GITATTRIBUTES_LINE}\n`);
    io.out(`${result.config}: merge driver ${result.configChanged ? 'set to' : 'already'} ${driver}\n`);
    if (result.gitattributesChanged) io.out('Commit .gitattributes so the whole team merges sidecars by id; each clone runs install-merge-driver once (git config is not shared).\n');
  }
  return EXIT.ok;
}

// ---- agreement -----------------------------------------------------------------------------

function formatMeasure(measure: Measure, digits = 3): string {
  return measure.value === null ? 'n/a' : measure.value.toFixed(digits);
}

function agreementTable(report: AgreementReport): string {
  const lines: string[] = [];
  lines.push(`Annotators: ${report.annotators.join(', ') || 'none'}; labels: ${report.labels.join(', ') || 'none'}; articles: ${report.documents.length}`);
  const pad = (cells: string[], widths: number[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  for (const pair of report.pairs) {
    lines.push('', `${pair.a} × ${pair.b} (${pair.documents.length} article(s) both annotated; precision/recall of ${pair.b} against ${pair.a})`);
    const header = ['label', 'exact F1', 'overlap F1', 'precision', 'recall', "Cohen's κ"];
    const rows = [
      ['all', formatMeasure(pair.exactF1.f1), formatMeasure(pair.overlapF1.f1), formatMeasure(pair.exactF1.precision), formatMeasure(pair.exactF1.recall), formatMeasure(pair.cohenKappa)],
      ...Object.entries(pair.perLabel).map(([label, m]) => [label, formatMeasure(m.exactF1.f1), formatMeasure(m.overlapF1.f1), formatMeasure(m.exactF1.precision), formatMeasure(m.exactF1.recall), formatMeasure(m.cohenKappa)]),
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    lines.push(`  ${pad(header, widths)}`, ...rows.map((r) => `  ${pad(r, widths)}`));
    lines.push(`  counts: ${Object.entries(pair.counts).map(([kind, m]) => `${kind} ${m.value}`).join(', ')}`);
  }
  lines.push('', `Fleiss' κ: ${formatMeasure(report.fleissKappa.overall)}${report.fleissKappa.overall.note ? ` (${report.fleissKappa.overall.note})` : ''}`);
  lines.push(`Krippendorff's α_u: ${formatMeasure(report.unitizingAlpha.overall)}${report.unitizingAlpha.overall.note ? ` (${report.unitizingAlpha.overall.note})` : ''}`);
  lines.push('', 'Units and rules:');
  lines.push('  exact/overlap F1, precision, recall: over spans; Cohen\'s κ and Fleiss\' κ: over tokens; α_u: over characters (code points). n/a: undefined (no data, or no variation).');
  for (const rule of report.rules) lines.push(`  - ${rule}`);
  return `${lines.join('\n')}\n`;
}

async function agreementCommand(corpus: string, options: { annotators?: string[]; labels?: string[]; json?: boolean }, io: Io): Promise<number> {
  const { store } = await loadCorpus(corpus, true);
  const documents = store.articleUris().sort().map((uri) => {
    const article = store.article(uri);
    return { id: shown(uri), text: article?.text ?? '', sidecar: article?.parsed?.sidecar };
  });
  const report = computeAgreement(documents, {
    ...(options.annotators ? { annotators: options.annotators } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
  });
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : agreementTable(report));
  return EXIT.ok;
}

// ---- the program ---------------------------------------------------------------------------

function parseStatus(value: string): AnnotationStatus {
  if (!(ANNOTATION_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ANNOTATION_STATUSES.join(', ')}.`);
  return value as AnnotationStatus;
}

export function buildProgram(io: Io, done: (code: number) => void): Command {
  const program = new Command('source-annotator')
    .description('Validate, export, import, re-anchor and measure agreement on Source Annotator corpora (articles with .annotations.yaml sidecars and entities.yaml); merge sidecars in git.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  program.addHelpText('after', '\nExit codes: 0 success, 1 validate found errors, 2 usage error, 3 refused or failed (nothing written).');
  const run = (action: () => Promise<number>) => action().then(done);

  program.command('validate')
    .description('Report every problem of the corpus as file:line:col: severity: message; exit 1 when there is an error. Changes no file.')
    .argument('<corpus>', 'the corpus folder')
    .option('--json', 'print the problems as JSON')
    .addOption(new Option('--format <format>', 'output style').choices(['text', 'github']).default('text'))
    .addHelpText('after', '\n--format github prints GitHub Actions annotations, so a pull request shows each problem on its line.')
    .action((corpus: string, options) => run(() => validate(corpus, options, io)));

  program.command('export')
    .description('Export the corpus in a format NLP tools read. Refuses a non-empty --out unless --force; never writes outside it.')
    .argument('<corpus>', 'the corpus folder')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder (created when missing)')
    .addOption(new Option('--status <status>', 'which review status to export').choices(['accepted', 'proposed', 'rejected', 'all']).default('accepted'))
    .option('--labels <labels>', 'only these labels (comma-separated, repeatable)', list)
    .option('--authors <authors>', 'only items by these authors (comma-separated, repeatable)', list)
    .option('--relations', 'doccano: the entities/relations shape, facts as relations')
    .option('--force', 'write into a non-empty --out (files of the same names are replaced)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `\nFormats:\n${EXPORT_FORMATS.map((f) => `  ${f.padEnd(8)} ${FORMAT_DESCRIPTIONS[f]}`).join('\n')}`)
    .action((corpus: string, options) => run(() => {
      if (!isExportFormat(options.format)) throw new CliFailure(`unknown format ${options.format}`, EXIT.usage);
      return exportCommand(corpus, options, io);
    }));

  program.command('import')
    .description('Import brat standoff or doccano JSONL into a corpus folder (created when missing), merging by article. Never overwrites an article whose text differs.')
    .addArgument(new Command().createArgument('<format>', 'brat or doccano').choices([...IMPORT_FORMATS]))
    .argument('<input>', 'a brat folder or .ann file, a doccano .jsonl file or folder')
    .requiredOption('--into <corpus>', 'the corpus folder to import into')
    .option('--author <name>', 'record this author on the imported annotations')
    .option('--status <status>', 'give the imported annotations this status (default: the file\'s, else proposed)', parseStatus)
    .option('--text-field <name>', 'doccano: the text column (default text)')
    .option('--label-field <name>', 'doccano: the label column (default label, else entities)')
    .option('--json', 'print the report as JSON')
    .action((format: 'brat' | 'doccano', input: string, options) => run(() => importCommand(format, input, options, io)));

  program.command('stats')
    .description('Count articles, annotations per label, author and status, facts, orphans and problems.')
    .argument('<corpus>', 'the corpus folder')
    .option('--json', 'print the counts as JSON')
    .action((corpus: string, options) => run(() => stats(corpus, options, io)));

  program.command('reanchor')
    .description('Re-anchor the annotations of articles changed since they were annotated; report what moved and what was orphaned.')
    .argument('<corpus>', 'the corpus folder')
    .option('--dry-run', 'report only; change no file')
    .option('--json', 'print the report as JSON')
    .action((corpus: string, options) => run(() => reanchorCommand(corpus, options, io)));

  program.command('agreement')
    .description('Inter-annotator agreement: per annotator pair exact and overlap span F1, Cohen\'s kappa, per label; Fleiss\' kappa and unitizing alpha. Changes no file.')
    .argument('<corpus>', 'the corpus folder')
    .option('--annotators <names>', 'only these annotators (comma-separated, repeatable)', list)
    .option('--labels <labels>', 'only these labels (comma-separated, repeatable)', list)
    .option('--json', 'print the report (every number with its unit and rule) as JSON')
    .action((corpus: string, options) => run(() => agreementCommand(corpus, options, io)));

  program.command('merge-driver')
    .description('git\'s merge driver for .annotations.yaml files: merges by item id into <ours>; a disagreement is kept in the file (<id>-conflict with comment reviews). Exit 0 when merged, 3 when a side cannot be read (git then shows a conflict).')
    .argument('<base>', '%O: the common ancestor\'s version')
    .argument('<ours>', '%A: our version; the result is written here')
    .argument('<theirs>', '%B: their version')
    .argument('[path]', '%P: the file\'s path in the repository, for messages')
    .addHelpText('after', '\nInstalled by install-merge-driver; git runs it as: <command> merge-driver %O %A %B %P')
    .action((base: string, ours: string, theirs: string, file: string | undefined) => run(() => mergeDriver(base, ours, theirs, file, io)));

  program.command('install-merge-driver')
    .description(`Make git merge sidecars with merge-driver: adds "${GITATTRIBUTES_LINE}" to .gitattributes and the driver to the repository's git config. Idempotent; other lines are kept.`)
    .option('--repo <dir>', 'a folder of the git repository', '.')
    .option('--command <command>', 'the command git runs for the CLI (default: node with the absolute path of this CLI; e.g. "npx --no-install source-annotator")')
    .option('--json', 'print what was written as JSON')
    .action((options) => run(() => installMergeDriver(options, io)));

  return program;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    if (argv.length === 0) { program.outputHelp(); return EXIT.usage; }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; everything else commander rejects is usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliFailure) { io.err(`source-annotator: ${error.message}\n`); return error.exitCode; }
    io.err(`source-annotator: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.refused;
  }
}

if (require.main === module) {
  // `source-annotator stats seeds | head`: a closed pipe ends the output, it is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw error; });
  }
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
