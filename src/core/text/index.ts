// Text as people write it: code point offsets, normalisation and folding, dates, sentences, tokens, bidirectional isolation.
// The folder's public surface: code outside src/core/text/ imports from here.
export * from './bidi';
export * from './charClasses';
export * from './codePoints';
export * from './dates';
export * from './folding';
export * from './normalize';
export * from './offsets';
export * from './sentences';
export * from './surrogateIndex';
export * from './tokens';
export * from './truncate';
