// The `ahocorasick` package ships no types; only what the benchmark calls.
declare module 'ahocorasick' {
  export default class AhoCorasick {
    constructor(keywords: readonly string[]);
    search(text: string): [number, string[]][];
  }
}
