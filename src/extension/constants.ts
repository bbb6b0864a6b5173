// Every command id, setting name and context key in one typed place, matched by package.json.

export const EXTENSION_ID = 'source-annotator.source-annotator';

export const Commands = {
  validateCorpus: 'sourceAnnotator.validateCorpus',
  reloadCorpus: 'sourceAnnotator.reloadCorpus',
  openSidecar: 'sourceAnnotator.openSidecar',
} as const;

export const Settings = {
  section: 'sourceAnnotator',
  articleGlob: 'articleGlob',
  exclude: 'exclude',
  author: 'author',
} as const;

export const ContextKeys = {
  /** True once a corpus (an entities.yaml or a sidecar) was found in the workspace. */
  hasCorpus: 'sourceAnnotator.hasCorpus',
} as const;

/** The Problems panel source name for everything this extension reports. */
export const DIAGNOSTIC_SOURCE = 'Source Annotator';
