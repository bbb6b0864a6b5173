// Small pure helpers with no domain knowledge: events, paths, globs, SHA-256, prototype-free lookup tables, HTML escaping, numbered fresh names, colours, bounded concurrency.
// The folder's public surface: code outside src/core/util/ imports from here.
export * from './colour';
export * from './concurrency';
export * from './events';
export * from './glob';
export * from './html';
export * from './lookupTable';
export * from './numbered';
export * from './paths';
export * from './sha256';
export * from './sortedSearch';
