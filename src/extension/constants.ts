// Every command id, setting name, view id and context key in one typed place, matched by
// package.json (a unit test checks that they agree).

export const EXTENSION_ID = 'source-annotator.source-annotator';

export const Commands = {
  validateCorpus: 'sourceAnnotator.validateCorpus',
  reloadCorpus: 'sourceAnnotator.reloadCorpus',
  openSidecar: 'sourceAnnotator.openSidecar',
  annotateSelection: 'sourceAnnotator.annotateSelection',
  annotateWithLabel: 'sourceAnnotator.annotateWithLabel',
  annotateSuggestion: 'sourceAnnotator.annotateSuggestion',
  annotateAllOccurrences: 'sourceAnnotator.annotateAllOccurrences',
  annotateAllOccurrencesInCorpus: 'sourceAnnotator.annotateAllOccurrencesInCorpus',
  relabel: 'sourceAnnotator.relabelAnnotation',
  relink: 'sourceAnnotator.relinkAnnotation',
  deleteAnnotation: 'sourceAnnotator.deleteAnnotation',
  editNote: 'sourceAnnotator.editNote',
  reattach: 'sourceAnnotator.reattachAnnotation',
  undoAnnotation: 'sourceAnnotator.undoAnnotationChange',
  redoAnnotation: 'sourceAnnotator.redoAnnotationChange',
  toggleHighlights: 'sourceAnnotator.toggleHighlights',
  toggleRejected: 'sourceAnnotator.toggleRejected',
  toggleSuggestions: 'sourceAnnotator.toggleSuggestions',
  revealAnnotation: 'sourceAnnotator.revealAnnotation',
  refreshArticles: 'sourceAnnotator.refreshArticles',
  sortArticles: 'sourceAnnotator.sortArticles',
  groupArticles: 'sourceAnnotator.groupArticles',
  filterArticles: 'sourceAnnotator.filterArticles',
  clearFilter: 'sourceAnnotator.clearArticleFilter',
  openSampleCorpus: 'sourceAnnotator.openSampleCorpus',
  addFact: 'sourceAnnotator.addFact',
  deleteFact: 'sourceAnnotator.deleteFact',
  compareSources: 'sourceAnnotator.compareSources',
  createRegistry: 'sourceAnnotator.createRegistry',
  exportCorpus: 'sourceAnnotator.exportCorpus',
  importAnnotations: 'sourceAnnotator.importAnnotations',
  // Reviewing teammates' work (src/extension/review/).
  reviewAccept: 'sourceAnnotator.review.accept',
  reviewReject: 'sourceAnnotator.review.reject',
  reviewSkip: 'sourceAnnotator.review.skip',
  reviewAcceptAll: 'sourceAnnotator.review.acceptAll',
  reviewRefresh: 'sourceAnnotator.review.refresh',
  reviewBranch: 'sourceAnnotator.review.branch',
  reviewStopBranch: 'sourceAnnotator.review.stopBranch',
  reviewResolve: 'sourceAnnotator.review.resolve',
  reviewDiscuss: 'sourceAnnotator.review.discuss',
  reviewReply: 'sourceAnnotator.review.reply',
  reviewThreadAccept: 'sourceAnnotator.review.threadAccept',
  reviewThreadReject: 'sourceAnnotator.review.threadReject',
  reviewAgreement: 'sourceAnnotator.review.agreementReport',
  reviewShowAuthors: 'sourceAnnotator.review.showAuthors',
  reviewToggleBlind: 'sourceAnnotator.review.toggleBlindMode',
  reviewMarkDone: 'sourceAnnotator.review.markMineDone',
  reviewReveal: 'sourceAnnotator.review.reveal',
} as const;

export const Views = {
  container: 'sourceAnnotator',
  articles: 'sourceAnnotator.articles',
  review: 'sourceAnnotator.review',
} as const;

export const Settings = {
  section: 'sourceAnnotator',
  articleGlob: 'articleGlob',
  exclude: 'exclude',
  author: 'author',
  highlightOpacity: 'highlight.opacity',
  suggestionsEnabled: 'suggestions.enabled',
  articleLanguage: 'articleGrammar.enabled',
  nestSidecars: 'nestSidecars',
  reviewBlindMode: 'review.blindMode',
} as const;

export const ContextKeys = {
  /** True once a corpus (an entities.yaml or a sidecar) was found in the workspace. */
  hasCorpus: 'sourceAnnotator.hasCorpus',
  /** True while the corpus is being read for the first time. */
  loading: 'sourceAnnotator.loading',
  /** The active editor shows an article of the corpus. */
  isArticle: 'sourceAnnotator.isArticle',
  /** The cursor is inside an annotation in the active editor. */
  inAnnotation: 'sourceAnnotator.inAnnotation',
  /** The last change in the active article was an annotation change that can be undone. */
  canUndoAnnotation: 'sourceAnnotator.canUndoAnnotation',
  canRedoAnnotation: 'sourceAnnotator.canRedoAnnotation',
  articleFilterActive: 'sourceAnnotator.articleFilterActive',
  /** The Review view lists a branch's changes rather than the review queue. */
  reviewingBranch: 'sourceAnnotator.reviewingBranch',
} as const;

/** The Problems panel source name for everything this extension reports. */
export const DIAGNOSTIC_SOURCE = 'Source Annotator';

/** The language id of the opt-in article grammar. */
export const ARTICLE_LANGUAGE_ID = 'news-article';
