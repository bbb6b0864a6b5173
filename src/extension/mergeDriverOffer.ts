// git merges a sidecar as plain text unless the repository names our merge driver in
// `.gitattributes` *and* configures it in `.git/config` (config is never shared, and a driver
// named but not configured silently falls back to the text merge). So once per session, in a
// trusted workspace whose folder is a git repository holding a corpus, this offers to set the
// driver up with the same edits as `source-annotator install-merge-driver`
// (src/core/git/mergeDriver.ts), written through the workspace file system. Anything missing
// (no `.git` folder, a worktree's `.git` file, no file system access in the browser) ends the
// check silently: it is an offer, never an error.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import {
  configuredDriver, driverCommand, withGitattributesLine, withMergeDriverConfig,
} from '../core/git';
import { corpusPresent } from './articlesView';
import { Disposable } from './dispose';
import { log } from './log';
import { WorkspaceCorpusHost } from './workspaceHost';

const DONT_ASK_KEY = 'sourceAnnotator.mergeDriver.dontAsk';
/** The CLI is not inside the extension package: git runs the project's own copy (a devDependency). */
export const EDITOR_DRIVER_COMMAND = 'npx --no-install source-annotator';
export const SET_UP = vscode.l10n.t('Set Up');
export const DONT_ASK = vscode.l10n.t("Don't Ask Again");

export interface MergeDriverRepository {
  readonly folder: vscode.Uri;
  readonly config: vscode.Uri;
  readonly configText: string;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export class MergeDriverOffer extends Disposable {
  private checked = false;
  private readonly host = new WorkspaceCorpusHost();

  constructor(private readonly store: CorpusStore, private readonly memento: vscode.Memento) {
    super();
  }

  /** The first folder (default: the workspace folders) that is a git repository without our driver configured. */
  async unconfiguredRepository(folders: readonly vscode.Uri[] = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)): Promise<MergeDriverRepository | undefined> {
    for (const folder of folders) {
      const dotGit = vscode.Uri.joinPath(folder, '.git');
      const stat = await Promise.resolve(vscode.workspace.fs.stat(dotGit)).catch(() => undefined);
      // A `.git` file (a worktree or submodule) points elsewhere: left to the command line.
      if (!stat || !(stat.type & vscode.FileType.Directory)) continue;
      const config = vscode.Uri.joinPath(dotGit, 'config');
      const configText = await readText(config);
      if (configText === undefined) continue;
      if (configuredDriver(configText) === undefined) return { folder, config, configText };
    }
    return undefined;
  }

  /** Checks once per session; shows the offer when it applies. Never throws. */
  async check(): Promise<void> {
    if (this.checked) return;
    this.checked = true;
    try {
      if (!vscode.workspace.isTrusted || this.memento.get<boolean>(DONT_ASK_KEY) || !corpusPresent(this.store)) return;
      const repository = await this.unconfiguredRepository();
      if (!repository) return;
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('This corpus is in a git repository that merges annotation files as plain text. Set up the Source Annotator merge driver (merges by annotation id, records disagreements instead of conflict markers)?'),
        SET_UP, DONT_ASK,
      );
      if (choice === SET_UP) await this.setUp(repository);
      else if (choice === DONT_ASK) await this.memento.update(DONT_ASK_KEY, true);
    } catch (error) {
      log().warn(`merge driver check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Writes the `.gitattributes` line and the config section (the same edits as install-merge-driver). */
  async setUp(repository: MergeDriverRepository): Promise<void> {
    const encoder = new TextEncoder();
    const attributes = vscode.Uri.joinPath(repository.folder, '.gitattributes');
    const attributesText = (await readText(attributes)) ?? '';
    const nextAttributes = withGitattributesLine(attributesText);
    try {
      if (nextAttributes !== attributesText) await this.host.writeFileAtomic(attributes.toString(), encoder.encode(nextAttributes));
      await this.host.writeFileAtomic(repository.config.toString(), encoder.encode(withMergeDriverConfig(repository.configText, driverCommand(EDITOR_DRIVER_COMMAND))));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator could not set up the merge driver: {0}. Run "source-annotator install-merge-driver" in the repository instead.', error instanceof Error ? error.message : String(error)));
      return;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Merge driver set up: git runs "{0} merge-driver" (install the source-annotator package in the repository). Commit .gitattributes so your team uses it too.', EDITOR_DRIVER_COMMAND));
  }
}
