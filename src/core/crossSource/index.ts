// What the articles say about each entity across sources: the index, its incremental indexer, the entity card.
// The folder's public surface: code outside src/core/crossSource/ imports from here.
export * from './articleEntry';
export * from './coOccurrence';
export * from './corpusIndex';
export * from './corpusIndexer';
export * from './factGroups';
export * from './hoverCard';
export * from './compareTable';
export * from './compareHtml';
export * from './sentences';
