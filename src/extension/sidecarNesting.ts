// Sidecars nest under their article in the Explorer. The `*.txt` pattern comes from the
// manifest's `configurationDefaults` (VS Code merges it into its own default patterns and the
// person's patterns are merged over it, so nobody's patterns are replaced). File nesting itself
// is off by default in VS Code, and a default cannot be set for one workspace only, so in a
// workspace with a corpus this switches it on in the workspace settings, once, unless the person
// set it anywhere, and adds patterns for article globs other than `*.txt`.
// `sourceAnnotator.nestSidecars: false` takes back exactly what was written.
import * as vscode from 'vscode';
import { planSidecarNesting, sidecarNestingPatterns, undoSidecarNesting, type NestingPatterns, type NestingWrites } from '../core/format';
import type { CorpusStore } from '../core/corpus';
import { corpusPresent } from './articlesView';
import { configuration } from './configuration';
import { Disposable } from './dispose';
import { reportError } from './log';

const NESTING_SECTION = 'explorer.fileNesting';
const WRITES_KEY = 'sourceAnnotator.fileNesting.writes';

export class SidecarNesting extends Disposable {
  private queue: Promise<void> = Promise.resolve();
  /** The `nestSidecars` value the last finished update acted on (tests wait for it instead of sleeping). */
  lastApplied: boolean | undefined;

  constructor(private readonly store: CorpusStore, private readonly memento: vscode.Memento) {
    super();
    this._register(configuration.onDidChange(['nestSidecars', 'articleGlob'], () => void this.update()));
    // A registry created in a folder of plain texts makes it a corpus.
    this._register(store.onDidChange((change) => { if (change.registryChanged) this.update(); }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()));
  }

  /** Applies the setting; calls are serialised, so two changes never write over each other. */
  update(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((error: unknown) => {
      reportError("could not change the Explorer's file nesting", error);
      void vscode.window.showWarningMessage(vscode.l10n.t('Source Annotator could not change the Explorer\'s file nesting: {0}', error instanceof Error ? error.message : String(error)));
    });
    return this.queue;
  }

  private get writes(): NestingWrites {
    return this.memento.get<NestingWrites>(WRITES_KEY, { enabled: false, patterns: {} });
  }

  private async apply(): Promise<void> {
    // Settings are workspace files: never written where the workspace is not trusted, nor with
    // no folder open.
    if (!vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) return;
    const nesting = vscode.workspace.getConfiguration(NESTING_SECTION);
    const wantsNesting = configuration.get('nestSidecars');
    try {
      await this.applySetting(wantsNesting, nesting);
    } finally {
      this.lastApplied = wantsNesting;
    }
  }

  private async applySetting(wantsNesting: boolean, nesting: vscode.WorkspaceConfiguration): Promise<void> {
    if (!wantsNesting) {
      const undo = undoSidecarNesting(this.writes, nesting.inspect<boolean>('enabled')?.workspaceValue,
        nesting.inspect<NestingPatterns>('patterns')?.workspaceValue);
      if (undo.removeEnabled) await nesting.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      if (undo.patternsChange) await nesting.update('patterns', undo.workspacePatterns, vscode.ConfigurationTarget.Workspace);
      await this.memento.update(WRITES_KEY, undefined);
      return;
    }
    if (!corpusPresent(this.store)) return;
    const enabled = nesting.inspect<boolean>('enabled');
    const patterns = nesting.inspect<NestingPatterns>('patterns');
    if (!enabled || !patterns) return;
    const wanted = sidecarNestingPatterns(configuration.get('articleGlob'));
    const plan = planSidecarNesting(wanted, enabled, patterns, this.writes);
    if (plan.workspacePatterns) await nesting.update('patterns', plan.workspacePatterns, vscode.ConfigurationTarget.Workspace);
    if (plan.enable) await nesting.update('enabled', true, vscode.ConfigurationTarget.Workspace);
    await this.memento.update(WRITES_KEY, plan.writes);
  }
}
