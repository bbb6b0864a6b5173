// Review state of annotations: verdicts, the awaiting-review rule, queues.
// The folder's public surface: code outside src/core/review/ imports from here.
export * from './reviewModel';
