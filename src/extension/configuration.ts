// Typed access to the `sourceAnnotator.*` settings. The defaults live only in package.json
// (`contributes.configuration`): a value is read with no fallback typed here, and a value of the
// wrong type or an empty glob falls back to the contributed default (`inspect().defaultValue`).
// Features subscribe to the settings they depend on with `onDidChange`.
import * as vscode from 'vscode';
import { Settings } from './constants';
import { SETTING_KINDS, type SettingKey, type SettingValues } from './settingKinds';

export type { SettingKey, SettingValues } from './settingKinds';

/** Settings where an empty text means "the default" rather than "nothing". */
const EMPTY_MEANS_DEFAULT: ReadonlySet<SettingKey> = new Set(['articleGlob', 'exclude']);

/**
 * What a change of a setting does not undo by itself, said when it changes: the person may
 * reload the window to apply it everywhere.
 */
const RELOAD_NOTES: { readonly [Key in SettingKey]?: (value: SettingValues[Key]) => string | undefined } = {
  // Articles already open keep the news-article language; a reload reopens them as plain text.
  articleLanguage: (enabled) => (enabled ? undefined : vscode.l10n.t('Articles already open keep the News Article highlighting until they are reopened.')),
};

export function settingId(key: SettingKey): string {
  return `${Settings.section}.${Settings[key]}`;
}

export class Configuration {
  get<Key extends SettingKey>(key: Key): SettingValues[Key] {
    const section = vscode.workspace.getConfiguration(Settings.section);
    const value: unknown = section.get(Settings[key]);
    if (typeof value === SETTING_KINDS[key] && !(EMPTY_MEANS_DEFAULT.has(key) && value === '')) return value as SettingValues[Key];
    return section.inspect<SettingValues[Key]>(Settings[key])?.defaultValue as SettingValues[Key];
  }

  update<Key extends SettingKey>(key: Key, value: SettingValues[Key], target: vscode.ConfigurationTarget): Thenable<void> {
    return vscode.workspace.getConfiguration(Settings.section).update(Settings[key], value, target);
  }

  /** Calls `listener` with the new value whenever one of `keys` changes (in any scope). */
  onDidChange(keys: readonly SettingKey[], listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (keys.some((key) => event.affectsConfiguration(settingId(key)))) listener();
    });
  }

  /** Offers a window reload when a changed setting needs one to apply everywhere. */
  watchReloadNotes(): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      for (const key of Object.keys(RELOAD_NOTES) as SettingKey[]) {
        if (!event.affectsConfiguration(settingId(key))) continue;
        const note = (RELOAD_NOTES[key] as ((value: unknown) => string | undefined) | undefined)?.(this.get(key));
        if (note) void offerReload(note);
      }
    });
  }
}

async function offerReload(note: string): Promise<void> {
  const reload = vscode.l10n.t('Reload Window');
  if ((await vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: {0}', note), reload)) === reload) {
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }
}

/** The extension's settings (stateless: one instance serves every feature). */
export const configuration = new Configuration();
