// The type of each `sourceAnnotator.*` setting, as package.json declares it (a unit test checks
// they agree). No `vscode` import, so the test can read it; configuration.ts reads the values.
import type { Settings } from './constants';

export interface SettingValues {
  readonly articleGlob: string;
  readonly exclude: string;
  readonly author: string;
  readonly highlightOpacity: number;
  readonly suggestionsEnabled: boolean;
  readonly articleLanguage: boolean;
  readonly nestSidecars: boolean;
  readonly reviewBlindMode: boolean;
}

export type SettingKey = keyof SettingValues & keyof typeof Settings;

type KindOf<T> = T extends string ? 'string' : T extends number ? 'number' : 'boolean';

export const SETTING_KINDS: { readonly [Key in SettingKey]: KindOf<SettingValues[Key]> } = {
  articleGlob: 'string',
  exclude: 'string',
  author: 'string',
  highlightOpacity: 'number',
  suggestionsEnabled: 'boolean',
  articleLanguage: 'boolean',
  nestSidecars: 'boolean',
  reviewBlindMode: 'boolean',
};
