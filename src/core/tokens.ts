// The tokens of an article, as the CoNLL export and token-level agreement count them: a run of
// Unicode letters, digits and combining marks is one word; every other non-space symbol is a
// token of its own; white space separates and is never a token. Offsets are code points.

export interface Token {
  /** Inclusive, in code points. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly text: string;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let wordStart = -1;
  let word = '';
  let offset = 0;
  const endWord = () => {
    if (wordStart >= 0) tokens.push({ start: wordStart, end: offset, text: word });
    wordStart = -1;
    word = '';
  };
  for (const char of text) {
    if (WORD.test(char)) {
      if (wordStart < 0) wordStart = offset;
      word += char;
    } else {
      endWord();
      if (!SPACE.test(char)) tokens.push({ start: offset, end: offset + 1, text: char });
    }
    offset++;
  }
  endWord();
  return tokens;
}
