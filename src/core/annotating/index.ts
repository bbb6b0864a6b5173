// Making annotations: edit operations, the entity matcher, suggestions and their filter.
// The folder's public surface: code outside src/core/annotating/ imports from here.
export * from './annotationOps';
export * from './matcher';
export * from './mentions';
export * from './rescan';
export * from './suggestionFilter';
export * from './suggestions';
export * from './spanTrim';
export * from './factSuggestions';
export * from './entityChoices';
