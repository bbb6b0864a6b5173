// The corpus as a whole: the store over a CorpusHost, article summaries, walking folders, where an article may live.
// The folder's public surface: code outside src/core/corpus/ imports from here.
export * from './articleSummary';
export * from './containment';
export * from './corpusFiles';
export * from './corpusHost';
export * from './corpusStore';
export * from './folderWalk';
export * from './sidecarChecks';
