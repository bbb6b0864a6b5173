// Making annotations: edit operations, the entity matcher, the suggestion filter.
// The folder's public surface: code outside src/core/annotating/ imports from here.
export * from './annotationOps';
export * from './matcher';
export * from './mentions';
export * from './rescan';
export * from './suggestionFilter';
