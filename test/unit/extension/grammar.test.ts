// Tokenizes news-article lines with the shipped TextMate grammar (syntaxes/article.tmLanguage.json)
// using the same engine VS Code uses (vscode-textmate + the vscode-oniguruma WebAssembly build)
// and checks the scopes of headline, datelines, quotations, references, cross-promotion lines,
// source credits and dates. The grammar is heuristic: the negative cases pin down what it must
// *not* claim (ordinary sentences with a dash, "sumber daya", numbers that are not dates, …).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

// Compiled to out/test/unit/grammar.test.js: three levels up is the repository root.
const repoRoot = join(__dirname, '..', '..', '..', '..');
const grammarPath = join(repoRoot, 'syntaxes', 'article.tmLanguage.json');
const configurationPath = join(repoRoot, 'syntaxes', 'article.language-configuration.json');
const seedsDir = join(repoRoot, 'seeds');
const SCOPE_NAME = 'text.article.news';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Depth of the rule stack after the line (1 = back at the grammar's top level). */
  readonly depthAfter: number;
}

let grammar: vsctm.IGrammar;

/** The WASM module may be loaded once per process. */
let wasmLoaded: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  const loading: Promise<void> =
    wasmLoaded ?? oniguruma.loadWASM(new Uint8Array(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))).buffer);
  wasmLoaded = loading;
  return loading;
}

async function loadGrammar(): Promise<vsctm.IGrammar> {
  await loadOniguruma();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME
        ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  const loaded = await registry.loadGrammar(SCOPE_NAME);
  if (!loaded) throw new Error(`grammar ${SCOPE_NAME} did not load`);
  return loaded;
}

/** Tokenizes `lines` as one document (line 0 is the first line of the file). */
function tokenizeDocument(lines: readonly string[]): TokenizedLine[] {
  let state: vsctm.StateStack = vsctm.INITIAL;
  return lines.map((text) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: text.slice(t.startIndex, Math.min(t.endIndex, text.length)),
      start: t.startIndex,
      end: Math.min(t.endIndex, text.length),
      scopes: t.scopes,
    }));
    return { text, tokens, depthAfter: state.depth };
  });
}

/** Tokenizes one line of running text: as the second line of a document, so never the headline. */
function bodyLine(text: string): TokenizedLine {
  const line = tokenizeDocument(['Judul Berita', text])[1];
  assert.ok(line);
  return line;
}

/** Tokenizes `text` as the first line of a document. */
function firstLine(text: string): TokenizedLine {
  const line = tokenizeDocument([text])[0];
  assert.ok(line);
  return line;
}

function toLine(line: TokenizedLine | string): TokenizedLine {
  return typeof line === 'string' ? bodyLine(line) : line;
}

/**
 * The scopes shared by every token that overlaps the first occurrence of `substring` in the line
 * (a string is tokenized as a body line). Sharing is what "the whole substring carries scope X"
 * means, so a quote that stops half-way through its text fails the assertion.
 */
function scopesAt(line: TokenizedLine | string, substring: string): string[] {
  const tokenized = toLine(line);
  const start = tokenized.text.indexOf(substring);
  if (start < 0 || substring.length === 0) {
    throw new Error(`${JSON.stringify(substring)} not in ${JSON.stringify(tokenized.text)}`);
  }
  const end = start + substring.length;
  const covering = tokenized.tokens.filter((t) => t.start < end && t.end > start);
  const [first, ...rest] = covering;
  if (!first) throw new Error(`no token covers ${JSON.stringify(substring)}`);
  return first.scopes.filter((scope) => rest.every((t) => t.scopes.includes(scope)));
}

/** The scopes of the number inside the first occurrence of the reference marker `marker` ("[1]"). */
function referenceNumberScopes(line: TokenizedLine, marker: string): readonly string[] {
  const at = line.text.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not in ${JSON.stringify(line.text)}`);
  const token = line.tokens.find((t) => t.start <= at + 1 && t.end > at + 1);
  return token?.scopes ?? [];
}

/** `scope` itself or a more specific scope below it (`string.quoted` matches `string.quoted.double.article`). */
function matchesScope(actual: string, scope: string): boolean {
  return actual === scope || actual.startsWith(scope + '.');
}

function assertScope(line: TokenizedLine | string, substring: string, ...expected: string[]): void {
  const tokenized = toLine(line);
  const scopes = scopesAt(tokenized, substring);
  for (const scope of expected) {
    assert.ok(
      scopes.some((s) => matchesScope(s, scope)),
      `${JSON.stringify(substring)} in ${JSON.stringify(tokenized.text)} should carry ${scope}; has [${scopes.join(', ')}]`,
    );
  }
}

function assertNoScope(line: TokenizedLine | string, substring: string, ...unexpected: string[]): void {
  const tokenized = toLine(line);
  const start = tokenized.text.indexOf(substring);
  if (start < 0) throw new Error(`${JSON.stringify(substring)} not in ${JSON.stringify(tokenized.text)}`);
  const end = start + substring.length;
  for (const token of tokenized.tokens.filter((t) => t.start < end && t.end > start)) {
    for (const scope of unexpected) {
      assert.ok(
        !token.scopes.some((s) => matchesScope(s, scope)),
        `${JSON.stringify(token.text)} in ${JSON.stringify(tokenized.text)} should not carry ${scope}; has [${token.scopes.join(', ')}]`,
      );
    }
  }
}

/** The text of every maximal run of tokens carrying `scope`, e.g. each dateline of a document. */
function runsWithScope(lines: readonly TokenizedLine[], scope: string): string[] {
  const runs: string[] = [];
  for (const line of lines) {
    let current: string | undefined;
    for (const token of line.tokens) {
      if (token.scopes.some((s) => matchesScope(s, scope))) {
        current = (current ?? '') + token.text;
      } else if (current !== undefined) {
        runs.push(current);
        current = undefined;
      }
    }
    if (current !== undefined) runs.push(current);
  }
  return runs;
}

function seedLines(name: string): string[] {
  return readFileSync(join(seedsDir, name), 'utf8').split(/\r?\n/);
}

const SEED_000 = '000_257178997c759933.txt';
const SEED_001 = '001_8b609553dbf89833.txt';
const SEED_002 = '002_ea56a194b635f13d.txt';
const SEED_003 = '003_6b496e1cdc48ec07.txt';
const SEED_004 = '004_9c3bde34daf1913c.txt';

describe('news article grammar (syntaxes/article.tmLanguage.json)', function () {
  this.timeout(20_000); // loading the WASM regex engine the first time

  before(async () => {
    grammar = await loadGrammar();
  });

  describe('grammar file', () => {
    it('is JSON with the expected scope name and only resolvable #includes', () => {
      const raw = JSON.parse(readFileSync(grammarPath, 'utf8')) as {
        scopeName: string;
        repository: Record<string, unknown>;
      };
      assert.equal(raw.scopeName, SCOPE_NAME);
      const includes = [...readFileSync(grammarPath, 'utf8').matchAll(/"include":\s*"#([^"]+)"/g)].map((m) => m[1]);
      assert.ok(includes.length > 0);
      for (const name of includes) {
        assert.ok(name !== undefined && name in raw.repository, `#${name} is not in the repository`);
      }
    });

    it('never leaves a rule open at the end of a seed line', () => {
      const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
      assert.ok(seeds.length >= 5);
      for (const seed of seeds) {
        tokenizeDocument(seedLines(seed)).forEach((line, i) => {
          assert.equal(line.depthAfter, 1, `${seed}:${i + 1} leaves a rule open: ${JSON.stringify(line.text.slice(0, 60))}`);
        });
      }
    });
  });

  describe('headline', () => {
    it('is the first line of the file and only that line', () => {
      const lines = tokenizeDocument(seedLines(SEED_001));
      assertScope(lines[0]!, 'Putin Pertemuan Bersejarah di Pyongyang', 'markup.heading.article', 'entity.name.section.article');
      assert.deepEqual(runsWithScope(lines, 'markup.heading'), ['Putin Pertemuan Bersejarah di Pyongyang']);
      // The sub-headings further down look the same but are not the headline.
      assert.equal(lines[2]!.text, 'Putin Menyopiri Kim Jong Un');
      assertNoScope(lines[2]!, 'Putin Menyopiri Kim Jong Un', 'markup.heading', 'entity.name.section');
    });

    it('covers a headline with a colon and leaves the blank line and the body alone', () => {
      const lines = tokenizeDocument(seedLines(SEED_002));
      assert.deepEqual(runsWithScope(lines, 'markup.heading.article'), [
        'Kim Jong Un Sambut Putin dengan Karpet Merah: Pertemuan Bersejarah di Pyongyang',
      ]);
    });

    it('is the first non-empty line when the file starts with blank lines', () => {
      const lines = tokenizeDocument(['', '   ', '  Judul di Baris Ketiga  ', 'Isi berita.', 'Baris Lain']);
      assert.deepEqual(runsWithScope(lines, 'markup.heading.article'), ['Judul di Baris Ketiga']);
      assertNoScope(lines[2]!, '  ', 'markup.heading'); // the indentation is not part of it
      assert.equal(lines[4]!.depthAfter, 1);
    });

    it('is not claimed when the first line opens with a dateline (it is the lead paragraph)', () => {
      for (const seed of [SEED_000, SEED_003, SEED_004]) {
        const lines = tokenizeDocument(seedLines(seed));
        assert.deepEqual(runsWithScope(lines, 'markup.heading'), [], seed);
      }
      const lines = tokenizeDocument(['', 'Jakarta – Presiden tiba di Pyongyang.', 'Baris dua.']);
      assert.deepEqual(runsWithScope(lines, 'markup.heading'), []);
      assertScope(lines[1]!, 'Jakarta', 'meta.dateline.article', 'entity.name.tag');
    });

    it('still marks quotations, dates and references inside the headline', () => {
      const line = firstLine('“Kim Jong-un” Sambut Putin, 19 Juni 2024 [1]');
      assertScope(line, 'Kim Jong-un', 'markup.heading.article', 'string.quoted.double.article');
      assertScope(line, '19 Juni 2024', 'markup.heading.article', 'constant.numeric.date.article');
      assertScope(line, '[1]', 'markup.heading.article', 'meta.reference-marker.article');
      assert.ok(referenceNumberScopes(line, '[1]').includes('constant.numeric.reference.article'));
    });
  });

  describe('dateline', () => {
    it('finds the outlet and date of "NAGAGG NEWS, 19 Juni 2024 –"', () => {
      const line = tokenizeDocument(seedLines(SEED_002))[2]!;
      assertScope(line, 'NAGAGG NEWS, 19 Juni 2024 –', 'meta.dateline.article');
      assertScope(line, 'NAGAGG NEWS', 'entity.name.tag');
      assertNoScope(line, 'NAGAGG NEWS', 'constant.numeric.date');
      assertScope(line, '19 Juni 2024', 'meta.dateline.article', 'constant.numeric.date');
      assertNoScope(line, '19 Juni 2024', 'entity.name.tag');
      assertScope(line, '–', 'punctuation.separator.dash');
      assertNoScope(line, 'Kim Jong Un menyambut', 'meta.dateline');
    });

    it('recognises the datelines of every seed, and nothing else', () => {
      const datelines = (seed: string) => runsWithScope(tokenizeDocument(seedLines(seed)), 'meta.dateline');
      assert.deepEqual(datelines(SEED_000), ['Berita Dunia Terkini –']);
      assert.deepEqual(datelines(SEED_001), []);
      assert.deepEqual(datelines(SEED_002), ['NAGAGG NEWS, 19 Juni 2024 –']);
      assert.deepEqual(datelines(SEED_003), ['Jangkauan info –']);
      assert.deepEqual(datelines(SEED_004), ['Foto arsip –', 'Jakarta –']);
    });

    it('handles the usual outlet/place/date forms', () => {
      const cases: Array<[line: string, dateline: string, tags: string[], dates: string[]]> = [
        ['Jakarta – Presiden Rusia tiba.', 'Jakarta –', ['Jakarta'], []],
        ['PYONGYANG, KOMPAS.com - Pemimpin Korea Utara Kim Jong Un menyambut Putin.', 'PYONGYANG, KOMPAS.com -', ['PYONGYANG', 'KOMPAS.com'], []],
        ['Jakarta (ANTARA) - Presiden tiba.', 'Jakarta (ANTARA) -', ['Jakarta', 'ANTARA'], []],
        ['JAKARTA, Rabu (19/6/2024) – Presiden tiba.', 'JAKARTA, Rabu (19/6/2024) –', ['JAKARTA'], ['19/6/2024']],
        ['Seoul, June 19, 2024 — The leader arrived.', 'Seoul, June 19, 2024 —', ['Seoul'], ['June 19, 2024']],
        ['Liputan6.com, Jakarta - Isi berita.', 'Liputan6.com, Jakarta -', ['Liputan6.com', 'Jakarta'], []],
        ['Jakarta, CNN Indonesia -- Isi berita.', 'Jakarta, CNN Indonesia --', ['Jakarta', 'CNN Indonesia'], []],
        ['detikNews — isi.', 'detikNews —', ['detikNews'], []],
        ['  Foto arsip – Pemimpin Korea Utara (kiri).', 'Foto arsip –', ['Foto arsip'], []],
      ];
      for (const [text, dateline, tags, dates] of cases) {
        const line = bodyLine(text);
        assert.deepEqual(runsWithScope([line], 'meta.dateline'), [dateline], text);
        for (const tag of tags) assertScope(line, tag, 'meta.dateline', 'entity.name.tag');
        for (const date of dates) assertScope(line, date, 'meta.dateline', 'constant.numeric.date');
      }
    });

    it('does not match ordinary sentences that contain a dash', () => {
      const sentences = [
        'Kunjungan ini sangat penting – kata Ushakov – bagi kedua negara.',
        'Putin dan Kim Jong Un – dua pemimpin itu – bertemu di Pyongyang.',
        'Menurut laporan dari TASS – kantor berita Rusia – pertemuan berlangsung dua jam.',
        'Ia tiba di Jakarta – kota yang ramai – pada pagi hari.',
        'Kim Jong-un menyambut Putin di bandara.',
        'Setelah bertukar sapa, kedua pemimpin berangkat dari bandara - tambahnya.',
        'Dia bilang: Jakarta – bukan Bandung – adalah ibu kota.',
      ];
      for (const sentence of sentences) {
        assert.deepEqual(runsWithScope([bodyLine(sentence)], 'meta.dateline'), [], sentence);
      }
    });
  });

  describe('quotations', () => {
    it('marks curly “…” quotes from the seeds, including the marks', () => {
      const line = tokenizeDocument(seedLines(SEED_004))[2]!;
      assertScope(line, '“secara pribadi bertemu Vladimir Putin di bandara di Pyongyang,”', 'string.quoted.double.article');
      assertScope(line, '“', 'punctuation.definition.string.begin');
      assertScope(line, '”', 'punctuation.definition.string.end');
      assertNoScope(line, 'kata Kremlin', 'string');
      assertNoScope(line, 'Kedatangan Presiden Rusia', 'string');
    });

    it('marks ASCII "…" and curly ‘…’ quotes, nested ones too', () => {
      const line = bodyLine('Ia berkata, "ini luar biasa," lalu menyebutnya ‘kawan lama’ di depan wartawan.');
      assertScope(line, 'ini luar biasa,', 'string.quoted.double.article');
      assertScope(line, 'kawan lama', 'string.quoted.single.article');
      assertNoScope(line, 'lalu menyebutnya', 'string');
      assertNoScope(line, 'di depan wartawan', 'string');

      const nested = bodyLine('“Dia menyebut Putin ‘sahabat lama’ kami,” ujar pejabat itu.');
      assertScope(nested, 'sahabat lama', 'string.quoted.double.article', 'string.quoted.single.article');
      assertScope(nested, 'kami,', 'string.quoted.double.article');
      assertNoScope(nested, 'kami,', 'string.quoted.single');
      assertNoScope(nested, 'ujar pejabat itu', 'string');
    });

    it('does not end ‘…’ at an apostrophe, nor open a quote at one', () => {
      const line = bodyLine('Salat ‘Jum’at berkah’ digelar, dan Qur’an dibaca.');
      assertScope(line, 'Jum’at berkah', 'string.quoted.single.article');
      assertNoScope(line, 'digelar, dan Qur’an dibaca.', 'string');
    });

    it('ends an unclosed quotation at the end of its line', () => {
      const lines = tokenizeDocument(['Judul', '“Kutipan yang dilanjutkan di paragraf berikut,', 'Kalimat biasa.']);
      assertScope(lines[1]!, 'Kutipan yang dilanjutkan di paragraf berikut,', 'string.quoted.double.article');
      assertNoScope(lines[2]!, 'Kalimat biasa.', 'string');
      assert.equal(lines[1]!.depthAfter, 1);
    });
  });

  describe('references', () => {
    it('marks [n] markers in running text', () => {
      const line = tokenizeDocument(seedLines(SEED_003))[1]!;
      assert.ok(line.text.includes('di Ukraina.[1] Sementara'));
      assertScope(line, '[1]', 'meta.reference-marker.article');
      assertScope(line, '[', 'punctuation.definition.reference.begin');
      assert.ok(referenceNumberScopes(line, '[1]').includes('constant.numeric.reference.article'));
      assertNoScope(line, 'Sementara Kim Jong Un', 'meta.reference');
    });

    it('marks the reference list lines with their URLs', () => {
      const lines = tokenizeDocument(seedLines(SEED_003));
      const list = lines.filter((l) => /^\[\d+\] https?:/.test(l.text));
      assert.equal(list.length, 5);
      for (const line of list) {
        assertScope(line, line.text, 'meta.reference.article');
        const url = line.text.slice(line.text.indexOf('http'));
        assertScope(line, url, 'meta.reference.article', 'markup.underline.link');
        assert.ok(referenceNumberScopes(line, line.text.slice(0, line.text.indexOf(']') + 1)).includes('constant.numeric.reference.article'));
      }
      assertScope(lines.at(-1)!, 'https://infoinspiratif.com/berita/anies-baswedan-masyarakat-peduli-jakarta-dan-mau-sama-siapa/', 'markup.underline.link');
    });

    it('accepts a title before the URL and does not take a plain [n] paragraph for a list entry', () => {
      const line = bodyLine('[7] Kompas, https://kompas.id/baca/x, 19 Juni 2024');
      assertScope(line, 'Kompas, ', 'meta.reference.article');
      assertScope(line, 'https://kompas.id/baca/x', 'markup.underline.link');
      assertNoScope(line, ', 19', 'markup.underline.link');
      assertScope(line, '19 Juni 2024', 'constant.numeric.date');
      assertNoScope('[2] Menurut laporan itu, kedua negara sepakat.', 'Menurut laporan', 'meta.reference.article');
    });

    it('marks bare URLs without trailing punctuation', () => {
      const line = bodyLine('Selengkapnya di https://www.antaranews.com/berita/4160000/putin-tiba. Atau www.kompas.com, ya.');
      assertScope(line, 'https://www.antaranews.com/berita/4160000/putin-tiba', 'markup.underline.link.article');
      assertNoScope(line, '. Atau', 'markup.underline.link');
      assertScope(line, 'www.kompas.com', 'markup.underline.link.article');
      assertNoScope(line, ', ya.', 'markup.underline.link');
      // The date-like /2024/06/19/ path of a URL is part of the link, not a date.
      const dated = bodyLine('Lihat https://m.tribunnews.com/amp/internasional/2024/06/19/kim-sambut-putin');
      assertNoScope(dated, '2024/06/19', 'constant.numeric.date');
    });
  });

  describe('cross-promotion lines', () => {
    it('marks the seed’s “Baca juga: …“ [3] and “Simak juga: …” [5] lines as a whole', () => {
      const lines = tokenizeDocument(seedLines(SEED_003));
      const baca = lines.find((l) => l.text.includes('Baca juga'))!;
      assertScope(baca, baca.text, 'comment.line.cross-promotion.article');
      assertScope(baca, 'Baca juga', 'keyword.other.cross-promotion');
      assert.ok(referenceNumberScopes(baca, '[3]').includes('constant.numeric.reference.article'));
      assertNoScope(baca, 'Perjalanan Sulit', 'string'); // the stray “ does not open a quotation
      const simak = lines.find((l) => l.text.includes('Simak juga'))!;
      assertScope(simak, simak.text, 'comment.line.cross-promotion.article');
      assertScope(simak, 'Simak juga', 'keyword.other.cross-promotion');
      assert.equal(simak.depthAfter, 1);
    });

    it('accepts the common spellings and leaves the following line alone', () => {
      for (const text of [
        'Baca juga: Putin dan Kim Saling Menyopiri',
        'Baca Juga Putin dan Kim Saling Menyopiri',
        'BACA JUGA: Putin Tiba di Pyongyang',
        'Lihat juga: Video Kedatangan Putin',
        'Simak juga: https://example.com/berita',
        'Read also: Putin arrives in Pyongyang',
        'Artikel terkait: Kunjungan Putin',
      ]) {
        const lines = tokenizeDocument(['Judul', text, 'Kalimat biasa.']);
        assertScope(lines[1]!, text, 'comment.line.cross-promotion.article');
        assertNoScope(lines[2]!, 'Kalimat biasa.', 'comment');
      }
    });

    it('is only a line prefix, not a phrase inside a sentence', () => {
      assertNoScope('Kita baca juga laporan TASS tentang pertemuan itu.', 'baca juga', 'comment.line.cross-promotion');
      assertNoScope('Pembaca dapat membaca juga: laporan TASS.', 'membaca juga', 'comment.line.cross-promotion');
    });
  });

  describe('source credits', () => {
    it('marks "Sumber : Youtube" (seed 000) as a credit line', () => {
      const lines = tokenizeDocument(seedLines(SEED_000));
      const credit = lines.find((l) => l.text.startsWith('Sumber'))!;
      assertScope(credit, credit.text.trim(), 'comment.line.source-credit.article', 'meta.source-credit.article');
      assertScope(credit, 'Sumber', 'keyword.other.source-credit');
      assertScope(credit, 'Youtube', 'entity.name.tag.source');
    });

    it('marks "Sumber:" / "Source:" / "Sumber foto:" lines', () => {
      for (const [text, source] of [
        ['Sumber: Antaranews', 'Antaranews'],
        ['SUMBER : Kompas.com', 'Kompas.com'],
        ['Source: Reuters', 'Reuters'],
        ['Sumber foto: KCNA', 'KCNA'],
      ] as const) {
        assertScope(text, text, 'comment.line.source-credit.article');
        assertScope(text, source, 'entity.name.tag.source');
      }
      const url = bodyLine('Sumber: https://www.antaranews.com/berita/123');
      assertScope(url, 'https://www.antaranews.com/berita/123', 'comment.line.source-credit', 'markup.underline.link');
    });

    it('marks parenthesised credits: (Sumber Antaranews), (Handout KCNA), (ant/…)', () => {
      const seed = tokenizeDocument(seedLines(SEED_004));
      const last = seed.filter((l) => l.text.trim() !== '').at(-1)!;
      assert.equal(last.text, '(Sumber Antaranews)');
      assertScope(last, '(Sumber Antaranews)', 'meta.source-credit.article', 'comment.line.source-credit.article');
      assertScope(last, 'Antaranews', 'entity.name.tag.source');

      const caption = seed[0]!;
      assertScope(caption, '(Handout KCNA)', 'meta.source-credit.article');
      assertScope(caption, 'ANTARA/KCNA/tm/aa', 'meta.source-credit.article');
      assertNoScope(caption, 'Pemimpin Korea Utara', 'meta.source-credit');
      assertNoScope(caption, '(kiri)', 'meta.source-credit');

      for (const [text, credit] of [
        ['Demikian disampaikan Ushakov. (ant/ab)', '(ant/ab)'],
        ['Demikian disampaikan Ushakov. (ANT/aza).', '(ANT/aza)'],
        ['Demikian disampaikan Ushakov (Antara)', '(Antara)'],
        ['Foto: Putin dan Kim (Sumber: Reuters) di bandara.', '(Sumber: Reuters)'],
        ['Kim menyambut Putin. ANTARA FOTO/Galih Pradipta/aww.', 'ANTARA FOTO/Galih Pradipta/aww'],
      ] as const) {
        assertScope(text, credit, 'meta.source-credit.article');
      }
    });

    it('does not take "sumber daya" or mid-sentence slashes for credits', () => {
      assertNoScope('Sumber daya alam Korea Utara melimpah.', 'Sumber daya', 'meta.source-credit', 'comment');
      assertNoScope('Menurut sumber: pejabat Rusia.', 'sumber', 'meta.source-credit');
      assertNoScope('Kecepatannya 120 (km/jam) di jalan tol itu.', '(km/jam)', 'meta.source-credit');
      assertNoScope('Pasukan AS/Korea Selatan berlatih.', 'AS/Korea', 'meta.source-credit');
    });
  });

  describe('dates', () => {
    it('marks the dates of the seeds', () => {
      const s000 = tokenizeDocument(seedLines(SEED_000));
      assertScope(s000[0]!, '19 Juni 2024', 'constant.numeric.date.article');
      assertNoScope(s000[0]!, 'Rabu', 'constant.numeric.date');
      const s002 = tokenizeDocument(seedLines(SEED_002));
      assertScope(s002[4]!, '1 Februari 2022', 'constant.numeric.date.article');
      const s004 = tokenizeDocument(seedLines(SEED_004));
      assertScope(s004[0]!, '13/9/2023', 'constant.numeric.date.article');
    });

    it('knows Indonesian and English month names and the numeric forms', () => {
      const months = [
        'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
        'January', 'February', 'March', 'May', 'June', 'July', 'August', 'October', 'December',
      ];
      for (const month of months) {
        assertScope(`Pertemuan pada 19 ${month} 2024 berjalan lancar.`, `19 ${month} 2024`, 'constant.numeric.date.article');
        assertScope(`The meeting on ${month} 19, 2024 went well.`, `${month} 19, 2024`, 'constant.numeric.date.article');
      }
      for (const date of ['1 Mei', 'Juni 2024', '19th June 2024', '12 Des 2023', '3 Sept. 2023', '2024-06-19', '19-06-2024', '19.06.2024', '12/06/24']) {
        assertScope(`Tanggal ${date} dicatat.`, date, 'constant.numeric.date.article');
      }
    });

    it('does not take other numbers for dates', () => {
      const line = bodyLine('Dalam 24 tahun terakhir, 1.000.000 orang, pada Juni 19 orang, 3/4 bagian, dan Mei saja.');
      for (const text of ['24 tahun', '1.000.000', 'Juni 19 orang', '3/4', 'Mei saja']) {
        assertNoScope(line, text, 'constant.numeric.date');
      }
    });
  });

  describe('language configuration (syntaxes/article.language-configuration.json)', () => {
    const configuration = JSON.parse(readFileSync(configurationPath, 'utf8')) as {
      brackets: Array<[string, string]>;
      autoClosingPairs: Array<{ open: string; close: string }>;
      wordPattern: { pattern: string; flags: string };
    };

    it('pairs the typographic quotes, parentheses and brackets', () => {
      const auto = configuration.autoClosingPairs.map((p) => p.open + p.close);
      for (const pair of ['“”', '‘’', '()', '[]', '""']) assert.ok(auto.includes(pair), pair);
      const brackets = configuration.brackets.map(([open, close]) => open + close);
      for (const pair of ['“”', '()', '[]']) assert.ok(brackets.includes(pair), pair);
    });

    it('has a Unicode word pattern that keeps hyphenated names and reduplications together', () => {
      // VS Code builds it with these flags (plus g).
      const word = new RegExp(configuration.wordPattern.pattern, configuration.wordPattern.flags + 'g');
      assert.deepEqual('Kim Jong-un, negara-negara; Jum’at Qur\'an Ušakov naïve 13/9/2023 – x-'.match(word), [
        'Kim', 'Jong-un', 'negara-negara', 'Jum’at', "Qur'an", 'Ušakov', 'naïve', '13/9/2023', 'x',
      ]);
    });
  });
});
