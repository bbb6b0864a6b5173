// The data model of the corpus format (types) and the diagnostics every reader reports.
// The folder's public surface: code outside src/core/model/ imports from here.
export * from './diagnostics';
export * from './types';
export * from './staleness';
