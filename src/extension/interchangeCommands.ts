// "Export Corpus…" and "Import…": the command line's export and import in the editor. They ask
// for the format, the filters and the folder (or take them as an argument, for tests and
// keybindings), run under a cancellable progress notification and end with a summary that can
// open the folder. All file access through vscode.workspace.fs, so they also work remotely and
// in the browser.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import {
  EXPORT_FORMATS, FORMAT_DESCRIPTIONS, articlesForExport, describeImport, describeSummary, exportArticles, importIntoCorpus,
  parseBrat, parseDoccano, type ExportFormat, type ExportSummary, type ImportDocument, type ImportError, type ImportNotes,
  type ImportReport, type StatusFilter,
} from '../core/interchange';
import type { AnnotationStatus } from '../core/model';
import { currentAuthor } from './author';
import type { CommandContribution } from './commandTable';
import { Commands } from './constants';
import { WorkspaceCorpusHost } from './workspaceHost';

/** Everything Export Corpus… asks; given in full, it asks nothing. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly status?: StatusFilter;
  readonly labels?: readonly string[];
  readonly authors?: readonly string[];
  readonly relations?: boolean;
  /** The output folder (a URI string or Uri). */
  readonly folder: string | vscode.Uri;
  /** Write into a non-empty folder without asking. */
  readonly force?: boolean;
  /** The corpus: a workspace folder; default the first. */
  readonly corpus?: string | vscode.Uri;
  /** Skip the closing message (tests). */
  readonly quiet?: boolean;
}

export interface ImportRequest {
  readonly format: 'brat' | 'doccano';
  /** A brat folder, or a doccano .jsonl file. */
  readonly input: string | vscode.Uri;
  readonly corpus?: string | vscode.Uri;
  readonly author?: string;
  readonly status?: AnnotationStatus;
  readonly textField?: string;
  readonly labelField?: string;
  readonly quiet?: boolean;
}

const asUri = (value: string | vscode.Uri): vscode.Uri => (typeof value === 'string' ? vscode.Uri.parse(value) : value);
const encoder = new TextEncoder();

async function exists(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  return vscode.workspace.fs.stat(uri).then((stat) => stat, () => undefined);
}

async function pickCorpus(given: string | vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (given) return asUri(given);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which corpus (workspace folder)?') }))?.uri;
}

export class InterchangeCommands {
  private readonly host = new WorkspaceCorpusHost();
  /** This feature's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.exportCorpus]: (request?: ExportRequest) => this.exportCorpus(request),
    [Commands.importAnnotations]: (request?: ImportRequest) => this.importAnnotations(request),
  };

  constructor(private readonly store: CorpusStore) {}

  private async askExport(): Promise<ExportRequest | undefined> {
    const format = await vscode.window.showQuickPick(EXPORT_FORMATS.map((id) => ({ label: id, description: FORMAT_DESCRIPTIONS[id] })), { title: vscode.l10n.t('Export Corpus (1/5): format') });
    if (!format) return undefined;
    const status = await vscode.window.showQuickPick(
      [{ label: 'accepted', description: vscode.l10n.t('reviewed and accepted (default)') }, { label: 'proposed' }, { label: 'rejected' }, { label: 'all', description: vscode.l10n.t('every status') }],
      { title: vscode.l10n.t('Export Corpus (2/5): which annotations') },
    );
    if (!status) return undefined;
    const labelIds = [...new Set(this.store.articleUris().flatMap((uri) => this.store.registryFor(uri)?.registry.labels.map((l) => l.id) ?? []))];
    let labels: string[] | undefined;
    if (labelIds.length > 0) {
      const picked = await vscode.window.showQuickPick(labelIds.map((id) => ({ label: id, picked: true })), { title: vscode.l10n.t('Export Corpus (3/5): labels'), canPickMany: true });
      if (!picked) return undefined;
      if (picked.length < labelIds.length) labels = picked.map((p) => p.label);
    }
    const authorText = await vscode.window.showInputBox({ title: vscode.l10n.t('Export Corpus (4/5): authors'), prompt: vscode.l10n.t('Only items by these authors (comma-separated); empty: everyone'), placeHolder: vscode.l10n.t('everyone') });
    if (authorText === undefined) return undefined;
    const authors = authorText.split(',').map((a) => a.trim()).filter(Boolean);
    const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here', title: vscode.l10n.t('Export Corpus (5/5): output folder') });
    if (!folder?.[0]) return undefined;
    return {
      format: format.label as ExportFormat, status: status.label as StatusFilter,
      ...(labels ? { labels } : {}), ...(authors.length > 0 ? { authors } : {}), folder: folder[0],
    };
  }

  /** Exports the corpus; resolves to the summary (undefined when cancelled or nothing was asked). */
  async exportCorpus(given?: ExportRequest): Promise<ExportSummary | undefined> {
    const request = given ?? await this.askExport();
    if (!request) return undefined;
    const corpus = await pickCorpus(request.corpus);
    if (!corpus) { void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder with a corpus to export it.')); return undefined; }
    const folder = asUri(request.folder);
    const root = corpus.toString().replace(/\/$/, '');
    if (folder.toString() === root || folder.toString().startsWith(`${root}/`)) {
      if (request.format === 'brat') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Export to a folder outside the corpus: exported .txt files would become articles.'));
        return undefined;
      }
    }
    const stat = await exists(folder);
    if (stat && (stat.type & vscode.FileType.Directory) === 0) { void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not a folder.', folder.fsPath)); return undefined; }
    if (stat && !request.force && (await vscode.workspace.fs.readDirectory(folder)).length > 0) {
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} is not empty. Write the export into it anyway (files of the same names are replaced)?', folder.fsPath), { modal: true }, vscode.l10n.t('Write Into It'));
      if (choice !== vscode.l10n.t('Write Into It')) return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the corpus ({0})', request.format), cancellable: true }, async (progress, token) => {
      await this.store.load();
      const { articles, skipped } = articlesForExport(this.store, root);
      const output = exportArticles(articles, request.format, {
        status: request.status ?? 'accepted',
        ...(request.labels ? { labels: request.labels } : {}),
        ...(request.authors ? { authors: request.authors } : {}),
        ...(request.relations ? { relations: true } : {}),
      });
      for (const [index, file] of output.files.entries()) {
        if (token.isCancellationRequested) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Export cancelled after {0} of {1} files.', index, output.files.length));
          return undefined;
        }
        // Exporters give relative paths without `..`; joinPath keeps them inside the folder.
        const segments = file.path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...segments), encoder.encode(file.content));
        progress.report({ increment: 100 / output.files.length, message: file.path });
      }
      if (!request.quiet) {
        const lines = [...describeSummary(output.summary), ...skipped.map((s) => vscode.l10n.t('Skipped {0}: {1}', vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri)), s.reason))];
        void vscode.window.showInformationMessage(lines.join(' '), vscode.l10n.t('Open Folder')).then((choice) => {
          if (choice === vscode.l10n.t('Open Folder')) void vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
        });
      }
      return output.summary;
    });
  }

  private async askImport(): Promise<ImportRequest | undefined> {
    const format = await vscode.window.showQuickPick([
      { label: 'brat', description: vscode.l10n.t('a folder of .txt and .ann files') },
      { label: 'doccano', description: vscode.l10n.t('a JSONL file (sequence labelling or entities/relations)') },
    ], { title: vscode.l10n.t('Import (1/3): format') });
    if (!format) return undefined;
    const input = await vscode.window.showOpenDialog(format.label === 'brat'
      ? { canSelectFolders: true, canSelectFiles: false, openLabel: 'Import', title: vscode.l10n.t('Import (2/3): brat folder') }
      : { canSelectFiles: true, canSelectFolders: false, filters: { 'doccano JSONL': ['jsonl', 'json'] }, openLabel: 'Import', title: vscode.l10n.t('Import (2/3): doccano file') });
    if (!input?.[0]) return undefined;
    const status = await vscode.window.showQuickPick([
      { label: 'as in the file', description: vscode.l10n.t('brat Status attributes, else proposed') }, { label: 'proposed' }, { label: 'accepted' },
    ], { title: vscode.l10n.t('Import (3/3): status of the imported annotations') });
    if (!status) return undefined;
    return {
      format: format.label as 'brat' | 'doccano', input: input[0], author: await currentAuthor(),
      ...(status.label === 'as in the file' ? {} : { status: status.label as AnnotationStatus }),
    };
  }

  private async readInput(request: ImportRequest): Promise<{ documents: ImportDocument[]; errors: ImportError[]; notes: ImportNotes }> {
    const input = asUri(request.input);
    const errors: ImportError[] = [];
    const notes: ImportNotes = new Map();
    const documents: ImportDocument[] = [];
    const stat = await vscode.workspace.fs.stat(input);
    const isFolder = (stat.type & vscode.FileType.Directory) !== 0;
    const filesUnder = async (folder: vscode.Uri, prefix: string): Promise<{ uri: vscode.Uri; path: string }[]> => {
      const found: { uri: vscode.Uri; path: string }[] = [];
      for (const [name, type] of (await vscode.workspace.fs.readDirectory(folder)).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const uri = vscode.Uri.joinPath(folder, name);
        if (type & vscode.FileType.Directory) { if (!name.startsWith('.')) found.push(...await filesUnder(uri, `${prefix}${name}/`)); } else found.push({ uri, path: `${prefix}${name}` });
      }
      return found;
    };
    const files = isFolder ? await filesUnder(input, '') : [{ uri: input, path: input.path.slice(input.path.lastIndexOf('/') + 1) }];
    if (request.format === 'brat') {
      for (const file of files.filter((f) => /\.txt$/i.test(f.path))) {
        const annUri = file.uri.with({ path: file.uri.path.replace(/\.txt$/i, '.ann') });
        const ann = await vscode.workspace.fs.readFile(annUri).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
        documents.push(parseBrat({ path: file.path, txt: await vscode.workspace.fs.readFile(file.uri), ...(ann !== undefined ? { ann } : {}), annFile: annUri.fsPath }, errors, notes));
      }
    } else {
      for (const file of files.filter((f) => /\.jsonl?$/i.test(f.path))) {
        const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file.uri));
        documents.push(...parseDoccano(file.uri.fsPath, content, {
          ...(request.textField ? { textField: request.textField } : {}),
          ...(request.labelField ? { labelField: request.labelField } : {}),
        }, errors, notes));
      }
    }
    return { documents, errors, notes };
  }

  /** Imports into the corpus; resolves to the report (undefined when nothing was asked). */
  async importAnnotations(given?: ImportRequest): Promise<ImportReport | undefined> {
    const request = given ?? await this.askImport();
    if (!request) return undefined;
    const corpus = await pickCorpus(request.corpus);
    if (!corpus) { void vscode.window.showWarningMessage(vscode.l10n.t('Open the folder to import into first.')); return undefined; }
    if (!vscode.workspace.isTrusted) { void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator does not write in an untrusted workspace. Trust the workspace to import.')); return undefined; }
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}', request.format), cancellable: true }, async (progress, token) => {
      const parsed = await this.readInput(request);
      let done = 0;
      return importIntoCorpus(this.store, this.host, corpus.toString().replace(/\/$/, ''), parsed, {
        ...(request.author !== undefined ? { author: request.author } : {}),
        ...(request.status !== undefined ? { status: request.status } : {}),
        isCancelled: () => token.isCancellationRequested,
        onProgress: (count, total) => { progress.report({ increment: ((count - done) * 100) / Math.max(total, 1) }); done = count; },
      });
    });
    if (!request.quiet) {
      const lines = describeImport(report);
      if (report.refused.length > 0) void vscode.window.showErrorMessage(lines[0]!, { modal: true, detail: lines.slice(1).join('\n') });
      else void vscode.window.showInformationMessage(lines.join(' '));
    }
    return report;
  }
}
