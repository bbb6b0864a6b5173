// Inter-annotator agreement: alignment, measures, the report.
// The folder's public surface: code outside src/core/agreement/ imports from here.
export * from './alignment';
export * from './measures';
export * from './report';
export * from './reportHtml';
