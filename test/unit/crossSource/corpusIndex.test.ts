import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clustersOfArticle, CorpusIndex, isStandalone, type ArticleInput, type FactGroup } from '../../../src/core/crossSource';
import { OffsetMap } from '../../../src/core/text/offsets';
import type { Annotation, AnnotationStatus, Fact, Registry, Sidecar } from '../../../src/core/model/types';

const seedsDir = join(__dirname, '..', '..', '..', '..', 'seeds');
const SEED_NAMES = {
  s000: '000_257178997c759933.txt',
  s001: '001_8b609553dbf89833.txt',
  s002: '002_ea56a194b635f13d.txt',
  s003: '003_6b496e1cdc48ec07.txt',
  s004: '004_9c3bde34daf1913c.txt',
} as const;
type SeedKey = keyof typeof SEED_NAMES;
const texts = Object.fromEntries(
  Object.entries(SEED_NAMES).map(([key, name]) => [key, readFileSync(join(seedsDir, name), 'utf8')]),
) as Record<SeedKey, string>;
const uriOf = (key: SeedKey): string => `file:///corpus/${SEED_NAMES[key]}`;

interface ItemOptions {
  readonly occurrence?: number;
  readonly status?: AnnotationStatus;
  readonly orphaned?: boolean;
}

/** Code point span of the n-th occurrence of a quote. */
function spanOf(text: string, quote: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" #${occurrence} not in text`);
  }
  const offsets = new OffsetMap(text);
  return { start: offsets.toCodePoint(at), end: offsets.toCodePoint(at + quote.length) };
}

function mention(key: SeedKey, id: string, quote: string, entity: string | undefined, options: ItemOptions = {}): Annotation {
  return {
    id, label: 'X', ...spanOf(texts[key], quote, options.occurrence), text: quote,
    ...(entity !== undefined ? { entity } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.orphaned ? { orphaned: true } : {}),
  };
}

function fact(key: SeedKey, id: string, quote: string, subject: string, property: string, value: string, options: ItemOptions = {}): Fact {
  return {
    id, subject, property, value, ...spanOf(texts[key], quote, options.occurrence), text: quote,
    ...(options.status ? { status: options.status } : {}),
    ...(options.orphaned ? { orphaned: true } : {}),
  };
}

function article(key: SeedKey, annotations: Annotation[], facts: Fact[] = [], outlet?: string): ArticleInput {
  const sidecar: Sidecar = { version: 1, source: { file: SEED_NAMES[key] }, annotations, facts };
  const title = texts[key].split('\n')[0]!.trim();
  return { uri: uriOf(key), title, ...(outlet ? { outlet } : {}), text: texts[key], sidecar };
}

const REGISTRY: Registry = {
  version: 1,
  labels: [{ id: 'PER', name: 'Person', color: '#e0a030' }, { id: 'LOC', name: 'Place', color: '#30a060' }],
  entities: [
    {
      id: 'vladimir-putin', label: 'PER', name: 'Vladimir Putin', aliases: ['Putin'],
      facts: [
        { property: 'arrived-in-pyongyang', value: '2024-06-19', source: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7747' },
        { property: 'first-visit-in-years', value: '24', source: 'Wikidata' },
      ],
    },
    { id: 'kim-jong-un', label: 'PER', name: 'Kim Jong Un', aliases: ['Kim', 'Kim Jong-un'], facts: [{ property: 'born', value: '1984-01-08', source: 'Wikidata' }] },
    { id: 'pyongyang', label: 'LOC', name: 'Pyongyang', aliases: [] },
    { id: 'korea-utara', label: 'LOC', name: 'Korea Utara', aliases: ['Korut'] },
  ],
};

/** The seed articles with a realistic set of mentions and facts. */
function seedArticles(): ArticleInput[] {
  return [
    article('s000', [
      mention('s000', 'a1', 'Vladimir Putin', 'vladimir-putin'),
      mention('s000', 'a2', 'Korea Utara', 'korea-utara'),
      mention('s000', 'a3', 'Kim Jong Un', 'kim-jong-un'),
      mention('s000', 'a4', 'Pyongyang', 'pyongyang'),
    ], [
      fact('s000', 'f1', 'Kunjungan Presiden Rusia Vladimir Putin ke Korea Utara pada Rabu, 19 Juni 2024', 'vladimir-putin', 'arrived-in-pyongyang', 'Rabu, 19 Juni 2024'),
      fact('s000', 'f2', 'pertemuan pribadi selama dua jam', 'vladimir-putin', 'private-meeting-length', 'dua jam'),
    ], 'Youtube'),
    article('s002', [
      mention('s002', 'a1', 'Kim Jong Un', 'kim-jong-un'),
      mention('s002', 'a2', 'Pyongyang', 'pyongyang'),
      mention('s002', 'a3', 'Kim Jong Un', 'kim-jong-un', { occurrence: 1 }),
      mention('s002', 'a4', 'Vladimir Putin', 'vladimir-putin'),
      mention('s002', 'a5', 'Pyongyang', 'pyongyang', { occurrence: 1 }),
      mention('s002', 'a6', 'Korea Utara', 'korea-utara'),
      mention('s002', 'a7', 'Putin', 'vladimir-putin', { occurrence: 2 }),
      mention('s002', 'a8', 'Korea Utara', 'korea-utara', { occurrence: 1 }),
    ], [
      fact('s002', 'f1', 'NAGAGG NEWS, 19 Juni 2024', 'vladimir-putin', 'arrived-in-pyongyang', '19 Juni 2024'),
      fact('s002', 'f2', 'kunjungan pertamanya ke Korea Utara dalam 24 tahun terakhir', 'vladimir-putin', 'first-visit-in-years', '24 tahun'),
      fact('s002', 'f3', 'Rusia meluncurkan invasi besar-besaran ke Ukraina pada 1 Februari 2022', 'rusia', 'invaded-ukraine', '1 Februari 2022'),
    ], 'Nagagg News'),
    article('s003', [
      mention('s003', 'a1', 'Vladimir Putin', 'vladimir-putin'),
      mention('s003', 'a2', 'Korea Utara', 'korea-utara'),
      mention('s003', 'a3', 'Kim Jong Un', 'kim-jong-un'),
    ], [
      fact('s003', 'f1', 'untuk pertama kalinya dalam 24 tahun', 'vladimir-putin', 'first-visit-in-years', '24 years'),
    ]),
    article('s004', [
      mention('s004', 'a1', 'Kim Jong Un', 'kim-jong-un'),
      mention('s004', 'a2', 'Vladimir Putin', 'vladimir-putin'),
      mention('s004', 'a3', 'Kim Jong-un', 'kim-jong-un'),
    ], [
      fact('s004', 'f1', 'kunjungan pertamanya dalam 24 tahun terakhir', 'vladimir-putin', 'first-visit-in-years', 'dua puluh empat tahun'),
      fact('s004', 'f2', 'Rusia (13/9/2023)', 'kim-jong-un', 'met-putin-at-vostochny', '13/9/2023'),
    ], 'Antaranews'),
  ];
}

function seededIndex(registry: Registry | undefined = REGISTRY): CorpusIndex {
  const index = new CorpusIndex(registry);
  for (const input of seedArticles()) index.updateArticle(input);
  return index;
}

/** A compact view of a group: verdict and each value with its sources. */
function shape(group: FactGroup | undefined): unknown {
  if (!group) return undefined;
  return {
    verdict: group.verdict,
    values: group.values.map((cluster) => [cluster.normalized, cluster.sourceCount, cluster.claims.map((claim) =>
      claim.source.kind === 'article' ? `${claim.source.articleUri.slice(-24, -21)}:${claim.source.factId}` : claim.source.name)]),
  };
}

describe('CorpusIndex', () => {
  describe('mentions', () => {
    it('lists mentions with their sentences, by article then position', () => {
      const index = seededIndex();
      const putin = index.mentionsOf('vladimir-putin');
      assert.deepEqual(putin.map((m) => [m.articleUri, m.annotationId]), [
        [uriOf('s000'), 'a1'], [uriOf('s002'), 'a4'], [uriOf('s002'), 'a7'], [uriOf('s003'), 'a1'], [uriOf('s004'), 'a2'],
      ]);
      const inSeed002 = putin[2]!;
      assert.equal(inSeed002.text, 'Putin');
      assert.deepEqual(inSeed002.sentence.text, 'Kedatangan Putin ini menandai kunjungan pertamanya ke Korea Utara dalam 24 tahun terakhir.');
      const chars = Array.from(texts.s002);
      assert.equal(chars.slice(inSeed002.sentence.start, inSeed002.sentence.end).join(''), inSeed002.sentence.text);
      assert.equal(chars.slice(inSeed002.start, inSeed002.end).join(''), 'Putin');
      // A headline is a sentence of its own.
      const kim = index.mentionsOf('kim-jong-un').find((m) => m.articleUri === uriOf('s002'))!;
      assert.equal(kim.sentence.text, 'Kim Jong Un Sambut Putin dengan Karpet Merah: Pertemuan Bersejarah di Pyongyang');
      assert.equal(index.mentionCount('vladimir-putin'), 5);
      assert.equal(index.mentionCount('kim-jong-un'), 6);
      assert.deepEqual(index.articlesMentioning('korea-utara'), [uriOf('s000'), uriOf('s002'), uriOf('s003')]);
      assert.deepEqual(index.mentionedEntities(), ['kim-jong-un', 'korea-utara', 'pyongyang', 'vladimir-putin']);
    });

    it('shares one sentence object between mentions of the same sentence', () => {
      const index = seededIndex();
      const [kim, pyongyang] = [index.mentionsOf('kim-jong-un')[2]!, index.mentionsOf('pyongyang')[2]!];
      assert.equal(kim.articleUri, uriOf('s002'));
      assert.equal(pyongyang.articleUri, uriOf('s002'));
      assert.equal(kim.sentence, pyongyang.sentence);
    });

    it('leaves out rejected, orphaned and unlinked annotations', () => {
      const index = new CorpusIndex(REGISTRY);
      index.updateArticle(article('s001', [
        mention('s001', 'a1', 'Vladimir Putin', 'vladimir-putin', { status: 'accepted' }),
        mention('s001', 'a2', 'Vladimir Putin', 'vladimir-putin', { occurrence: 1, status: 'rejected' }),
        mention('s001', 'a3', 'Kim Jong Un', 'kim-jong-un', { orphaned: true }),
        mention('s001', 'a4', 'Pyongyang', undefined),
        mention('s001', 'a5', 'Kim Jong Un', 'kim-jong-un', { occurrence: 1, status: 'proposed' }),
      ]));
      assert.deepEqual(index.mentionsOf('vladimir-putin').map((m) => m.annotationId), ['a1']);
      assert.deepEqual(index.mentionsOf('kim-jong-un').map((m) => m.annotationId), ['a5']);
      assert.deepEqual(index.mentionsOf('pyongyang'), []);
      assert.equal(index.mentionCount('pyongyang'), 0);
      assert.deepEqual(index.mentionedEntities(), ['kim-jong-un', 'vladimir-putin']);
    });

    it('gives a mention with stale offsets its quote as its sentence', () => {
      const index = new CorpusIndex();
      const stale: Annotation = { id: 'a1', label: 'PER', start: 100_000, end: 100_005, text: 'Putin', entity: 'vladimir-putin' };
      index.updateArticle({ uri: 'u', title: 't', text: 'Pendek.', sidecar: { version: 1, source: { file: 'u' }, annotations: [stale], facts: [] } });
      assert.deepEqual(index.mentionsOf('vladimir-putin')[0]!.sentence, { start: 100_000, end: 100_005, text: 'Putin' });
      assert.deepEqual(index.coOccurring('vladimir-putin'), []);
    });
  });

  describe('facts', () => {
    it('groups claims by subject and property, normalising values across sources', () => {
      const index = seededIndex();
      // "24 tahun", "24 years", "dua puluh empat tahun" and Wikidata's bare "24" agree.
      const visits = index.factGroup('vladimir-putin', 'first-visit-in-years')!;
      assert.deepEqual(shape(visits), {
        verdict: 'agree',
        values: [['24 year', 4, ['Wikidata', '002:f2', '003:f1', '004:f1']]],
      });
      assert.equal(visits.values[0]!.display, '24 tahun');
      assert.equal(visits.sourceCount, 4);
      // "Rabu, 19 Juni 2024", "19 Juni 2024" and Wikidata's "2024-06-19".
      const arrival = index.factGroup('vladimir-putin', 'arrived-in-pyongyang')!;
      assert.deepEqual(shape(arrival), { verdict: 'agree', values: [['2024-06-19', 3, ['Wikidata', '000:f1', '002:f1']]] });
    });

    it('keeps the claim as written, with its evidence sentence', () => {
      const index = seededIndex();
      const claim = index.factGroup('vladimir-putin', 'first-visit-in-years')!.claims.find((c) => c.source.kind === 'article' && c.source.articleUri === uriOf('s002'))!;
      assert.equal(claim.value, '24 tahun');
      assert.equal(claim.normalized, '24 year');
      assert.equal(claim.status, 'proposed');
      assert.deepEqual(claim.source, { kind: 'article', articleUri: uriOf('s002'), factId: 'f2', title: 'Kim Jong Un Sambut Putin dengan Karpet Merah: Pertemuan Bersejarah di Pyongyang', outlet: 'Nagagg News' });
      assert.equal(claim.evidence!.text, 'kunjungan pertamanya ke Korea Utara dalam 24 tahun terakhir');
      assert.equal(claim.evidence!.sentence.text, 'Kedatangan Putin ini menandai kunjungan pertamanya ke Korea Utara dalam 24 tahun terakhir.');
      const reference = index.factGroup('vladimir-putin', 'arrived-in-pyongyang')!.claims[0]!;
      assert.deepEqual(reference, {
        source: { kind: 'reference', name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q7747' },
        value: '2024-06-19', normalized: '2024-06-19', status: 'accepted',
      });
    });

    it('gives evidence crossing a sentence boundary both sentences', () => {
      const index = new CorpusIndex();
      index.updateArticle(article('s002', [], [
        fact('s002', 'f1', 'Korea Utara. Kedatangan Putin', 'vladimir-putin', 'p', 'x'),
      ]));
      const evidence = index.factGroup('vladimir-putin', 'p')!.claims[0]!.evidence!;
      assert.ok(evidence.sentence.text.startsWith('NAGAGG NEWS, 19 Juni 2024'));
      assert.ok(evidence.sentence.text.endsWith('dalam 24 tahun terakhir.'));
    });

    it('counts an article once however many facts it has for a value', () => {
      const index = new CorpusIndex();
      index.updateArticle(article('s003', [], [
        fact('s003', 'f1', 'untuk pertama kalinya dalam 24 tahun', 'vladimir-putin', 'first-visit-in-years', '24 tahun'),
        fact('s003', 'f2', '24 tahun', 'vladimir-putin', 'first-visit-in-years', '24 years'),
      ]));
      const group = index.factGroup('vladimir-putin', 'first-visit-in-years')!;
      assert.equal(group.verdict, 'single');
      assert.equal(group.values[0]!.claims.length, 2);
      assert.equal(group.values[0]!.sourceCount, 1);
    });

    it('finds conflicts between articles and names the one standing alone', () => {
      const index = seededIndex();
      index.updateArticle(article('s001', [], [
        fact('s001', 'f1', 'Presiden Rusia Vladimir Putin melakukan lawatan negara ke Korea Utara', 'vladimir-putin', 'first-visit-in-years', '23 tahun'),
      ]));
      const group = index.factGroup('vladimir-putin', 'first-visit-in-years')!;
      assert.deepEqual(shape(group), {
        verdict: 'conflict',
        values: [['24 year', 4, ['Wikidata', '002:f2', '003:f1', '004:f1']], ['23 year', 1, ['001:f1']]],
      });
      assert.equal(group.values[1]!.display, '23 tahun');
      assert.ok(isStandalone(group, uriOf('s001')));
      assert.ok(!isStandalone(group, uriOf('s002')));
      assert.deepEqual(clustersOfArticle(group, uriOf('s001')).map((c) => c.normalized), ['23 year']);
    });

    it('counts a single article against a reference fact as a conflict', () => {
      const index = seededIndex();
      index.updateArticle(article('s001', [], [
        fact('s001', 'f1', 'Kim Jong Un', 'kim-jong-un', 'born', '8 January 1983'),
      ]));
      const group = index.factGroup('kim-jong-un', 'born')!;
      assert.deepEqual(shape(group), { verdict: 'conflict', values: [['1983-01-08', 1, ['001:f1']], ['1984-01-08', 1, ['Wikidata']]] });
      assert.ok(isStandalone(group, uriOf('s001')));
      // The same claim agreeing with the reference is agreement between two sources.
      index.updateArticle(article('s001', [], [fact('s001', 'f1', 'Kim Jong Un', 'kim-jong-un', 'born', 'January 8, 1984')]));
      assert.deepEqual(shape(index.factGroup('kim-jong-un', 'born')), { verdict: 'agree', values: [['1984-01-08', 2, ['Wikidata', '001:f1']]] });
    });

    it('calls a claim from one source alone single', () => {
      const index = seededIndex();
      assert.deepEqual(shape(index.factGroup('vladimir-putin', 'private-meeting-length')), { verdict: 'single', values: [['2 hour', 1, ['000:f2']]] });
      assert.ok(!isStandalone(index.factGroup('vladimir-putin', 'private-meeting-length')!, uriOf('s000')));
      assert.equal(index.factGroup('vladimir-putin', 'no-such-property'), undefined);
    });

    it('lists several values side by side when a source gives several (no conflict)', () => {
      const index = new CorpusIndex();
      index.updateArticle(article('s002', [], [
        fact('s002', 'f1', 'Denis Mantrurov', 'visit', 'delegation-member', 'denis-manturov'),
        fact('s002', 'f2', 'Andrei Belousov', 'visit', 'delegation-member', 'andrei-belousov'),
      ]));
      const alone = index.factGroup('visit', 'delegation-member')!;
      assert.deepEqual([alone.verdict, alone.multiValued, alone.values.length], ['single', true, 2]);
      index.updateArticle(article('s004', [], [fact('s004', 'f1', 'Vladimir Putin', 'visit', 'delegation-member', 'andrei-belousov')]));
      const both = index.factGroup('visit', 'delegation-member')!;
      assert.deepEqual([both.verdict, both.values[0]!.normalized, both.values[0]!.sourceCount], ['agree', 'andrei belousov', 2]);
      // One value per source and two sources disagreeing: that is a conflict.
      const single = new CorpusIndex();
      single.updateArticle(article('s002', [], [fact('s002', 'f1', '24 tahun', 'x', 'p', '24')]));
      single.updateArticle(article('s004', [], [fact('s004', 'f1', '24 tahun', 'x', 'p', '25')]));
      assert.deepEqual([single.factGroup('x', 'p')!.verdict, single.factGroup('x', 'p')!.multiValued], ['conflict', false]);
    });

    it('does not merge a bare number when several units compete', () => {
      const index = new CorpusIndex();
      index.updateArticle(article('s002', [], [
        fact('s002', 'f1', '24 tahun', 'x', 'p', '24'),
        fact('s002', 'f2', '24 tahun', 'x', 'p', '24 tahun'),
        fact('s002', 'f3', '24 tahun', 'x', 'p', '24 bulan'),
      ]));
      assert.deepEqual(index.factGroup('x', 'p')!.values.map((c) => c.normalized), ['24', '24 month', '24 year']);
    });

    it('sorts groups: conflicts first, then most sources, then property', () => {
      const index = seededIndex();
      index.updateArticle(article('s001', [], [
        fact('s001', 'f1', 'Vladimir Putin', 'vladimir-putin', 'arrived-in-pyongyang', '18 Juni 2024'),
      ]));
      const groups = index.factGroupsFor('vladimir-putin');
      assert.deepEqual(groups.map((g) => [g.property, g.verdict, g.sourceCount]), [
        ['arrived-in-pyongyang', 'conflict', 4],
        ['first-visit-in-years', 'agree', 4],
        ['private-meeting-length', 'single', 1],
      ]);
      assert.deepEqual(index.factGroupsFor('nobody'), []);
    });

    it('lists properties, subjects and the groups of a property or an article', () => {
      const index = seededIndex();
      assert.deepEqual(index.properties(), ['arrived-in-pyongyang', 'born', 'first-visit-in-years', 'invaded-ukraine', 'met-putin-at-vostochny', 'private-meeting-length']);
      assert.deepEqual(index.subjectsWithFacts(), ['kim-jong-un', 'rusia', 'vladimir-putin']);
      index.updateArticle(article('s001', [], [fact('s001', 'f1', 'Kim Jong Un', 'kim-jong-un', 'first-visit-in-years', '5')]));
      assert.deepEqual(index.factGroupsByProperty('first-visit-in-years').map((g) => [g.subject, g.verdict]), [['vladimir-putin', 'agree'], ['kim-jong-un', 'single']]);
      assert.deepEqual(index.factGroupsOfArticle(uriOf('s004')).map((g) => g.property), ['first-visit-in-years', 'met-putin-at-vostochny']);
      assert.deepEqual(index.factGroupsOfArticle('nowhere'), []);
      assert.deepEqual(index.factGroupsByProperty('nothing'), []);
    });

    it('leaves out rejected and orphaned facts', () => {
      const index = new CorpusIndex();
      index.updateArticle(article('s002', [], [
        fact('s002', 'f1', '19 Juni 2024', 'vladimir-putin', 'arrived-in-pyongyang', '19 Juni 2024', { status: 'accepted' }),
        fact('s002', 'f2', '19 Juni 2024', 'vladimir-putin', 'arrived-in-pyongyang', '20 Juni 2024', { status: 'rejected' }),
        fact('s002', 'f3', '19 Juni 2024', 'vladimir-putin', 'arrived-in-pyongyang', '21 Juni 2024', { orphaned: true }),
        fact('s002', 'f4', '24 tahun', 'vladimir-putin', 'first-visit-in-years', '24', { status: 'rejected' }),
      ]));
      assert.deepEqual(shape(index.factGroup('vladimir-putin', 'arrived-in-pyongyang')), { verdict: 'single', values: [['2024-06-19', 1, ['002:f1']]] });
      assert.equal(index.factGroup('vladimir-putin', 'arrived-in-pyongyang')!.claims[0]!.status, 'accepted');
      assert.deepEqual(index.properties(), ['arrived-in-pyongyang']);
    });
  });

  describe('incremental updates', () => {
    it('reflects a changed fact value and only the new state', () => {
      const index = seededIndex();
      assert.equal(index.factGroup('vladimir-putin', 'first-visit-in-years')!.verdict, 'agree'); // cached now
      const s003 = seedArticles().find((a) => a.uri === uriOf('s003'))!;
      const changed = { ...s003, sidecar: { ...s003.sidecar, facts: [fact('s003', 'f1', 'untuk pertama kalinya dalam 24 tahun', 'vladimir-putin', 'first-visit-in-years', '25 tahun')] } };
      index.updateArticle(changed);
      const group = index.factGroup('vladimir-putin', 'first-visit-in-years')!;
      assert.deepEqual(shape(group), { verdict: 'conflict', values: [['24 year', 3, ['Wikidata', '002:f2', '004:f1']], ['25 year', 1, ['003:f1']]] });
      assert.equal(group.claims.length, 4);
      // Updating with the same data again changes nothing.
      index.updateArticle(changed);
      assert.deepEqual(index.factGroup('vladimir-putin', 'first-visit-in-years'), group);
    });

    it('reflects a removed mention, a removed fact and new metadata', () => {
      const index = seededIndex();
      assert.equal(index.mentionsOf('pyongyang').length, 3); // cached now
      assert.deepEqual(index.coOccurring('pyongyang').map((c) => c.entityId), ['kim-jong-un', 'korea-utara', 'vladimir-putin']);
      const s002 = seedArticles().find((a) => a.uri === uriOf('s002'))!;
      index.updateArticle({
        ...s002, title: 'Judul baru', outlet: 'Lain',
        sidecar: {
          ...s002.sidecar,
          annotations: s002.sidecar.annotations.filter((a) => a.entity !== 'pyongyang'),
          facts: s002.sidecar.facts.filter((f) => f.subject !== 'rusia'),
        },
      });
      assert.deepEqual(index.mentionsOf('pyongyang').map((m) => m.articleUri), [uriOf('s000')]);
      assert.equal(index.mentionCount('pyongyang'), 1);
      assert.deepEqual(index.articlesMentioning('pyongyang'), [uriOf('s000')]);
      assert.deepEqual(index.coOccurring('pyongyang'), [
        { entityId: 'kim-jong-un', articles: 1, sentences: 0 },
        { entityId: 'korea-utara', articles: 1, sentences: 0 },
        { entityId: 'vladimir-putin', articles: 1, sentences: 0 },
      ]);
      assert.equal(index.mentionCount('kim-jong-un'), 6);
      assert.ok(!index.properties().includes('invaded-ukraine'));
      assert.ok(!index.subjectsWithFacts().includes('rusia'));
      assert.deepEqual(index.article(uriOf('s002')), { uri: uriOf('s002'), title: 'Judul baru', outlet: 'Lain' });
      const claim = index.factGroup('vladimir-putin', 'first-visit-in-years')!.claims.find((c) => c.source.kind === 'article' && c.source.articleUri === uriOf('s002'))!;
      assert.equal(claim.source.kind === 'article' && claim.source.title, 'Judul baru');
    });

    it('removes an article and adds it back', () => {
      const index = seededIndex();
      const before = {
        mentions: index.mentionsOf('kim-jong-un'),
        groups: index.factGroupsFor('vladimir-putin'),
        co: index.coOccurring('vladimir-putin'),
        kimFacts: index.factGroupsFor('kim-jong-un'),
      };
      index.removeArticle(uriOf('s004'));
      assert.ok(!index.articleUris().includes(uriOf('s004')));
      assert.equal(index.article(uriOf('s004')), undefined);
      assert.ok(index.mentionsOf('kim-jong-un').every((m) => m.articleUri !== uriOf('s004')));
      assert.equal(index.mentionCount('kim-jong-un'), 4);
      assert.equal(index.factGroup('kim-jong-un', 'met-putin-at-vostochny'), undefined);
      assert.ok(!index.properties().includes('met-putin-at-vostochny'));
      assert.deepEqual(shape(index.factGroup('vladimir-putin', 'first-visit-in-years')), { verdict: 'agree', values: [['24 year', 3, ['Wikidata', '002:f2', '003:f1']]] });
      // A reference fact keeps its group alive without any article.
      assert.deepEqual(shape(index.factGroup('kim-jong-un', 'born')), { verdict: 'single', values: [['1984-01-08', 1, ['Wikidata']]] });
      index.removeArticle(uriOf('s004')); // twice is harmless
      index.removeArticle('file:///never-added');

      index.updateArticle(seedArticles().find((a) => a.uri === uriOf('s004'))!);
      assert.deepEqual(index.mentionsOf('kim-jong-un'), before.mentions);
      assert.deepEqual(index.factGroupsFor('vladimir-putin'), before.groups);
      assert.deepEqual(index.coOccurring('vladimir-putin'), before.co);
      assert.deepEqual(index.factGroupsFor('kim-jong-un'), before.kimFacts);
    });

    it('gives the same answers whatever order articles come in', () => {
      const forward = seededIndex();
      const backward = new CorpusIndex(REGISTRY);
      for (const input of seedArticles().reverse()) backward.updateArticle(input);
      assert.deepEqual(backward.articleUris(), forward.articleUris());
      assert.deepEqual(backward.properties(), forward.properties());
      for (const entity of ['vladimir-putin', 'kim-jong-un', 'pyongyang', 'korea-utara']) {
        assert.deepEqual(backward.mentionsOf(entity), forward.mentionsOf(entity));
        assert.deepEqual(backward.coOccurring(entity, 100), forward.coOccurring(entity, 100));
        assert.deepEqual(backward.factGroupsFor(entity), forward.factGroupsFor(entity));
      }
    });

    it('replaces reference facts when the registry changes', () => {
      const index = seededIndex();
      index.setRegistry({ ...REGISTRY, entities: REGISTRY.entities.map((e) => ({ ...e, facts: e.id === 'vladimir-putin' ? [{ property: 'first-visit-in-years', value: '23', source: 'Encyclopedia' }] : [] })) });
      assert.deepEqual(shape(index.factGroup('vladimir-putin', 'first-visit-in-years')), {
        verdict: 'conflict',
        values: [['24 year', 3, ['002:f2', '003:f1', '004:f1']], ['23', 1, ['Encyclopedia']]],
      });
      assert.deepEqual(shape(index.factGroup('vladimir-putin', 'arrived-in-pyongyang')), { verdict: 'agree', values: [['2024-06-19', 2, ['000:f1', '002:f1']]] });
      assert.equal(index.factGroup('kim-jong-un', 'born'), undefined);
      assert.ok(!index.properties().includes('born'));
      assert.equal(index.entityName('kim-jong-un'), 'Kim Jong Un');
      assert.equal(index.entityName('rusia'), 'rusia');
      assert.equal(index.entity('pyongyang')!.label, 'LOC');
    });
  });

  describe('co-occurrence', () => {
    it('counts shared articles and shared sentences', () => {
      const index = seededIndex();
      assert.deepEqual(index.coOccurring('vladimir-putin'), [
        // Korea Utara: the lead sentence of s000 and s003, two sentences of s002.
        { entityId: 'korea-utara', articles: 3, sentences: 4 },
        // Kim: the lead sentence of s002, s003 and s004; in s000 a sentence apart.
        { entityId: 'kim-jong-un', articles: 4, sentences: 3 },
        { entityId: 'pyongyang', articles: 2, sentences: 1 },
      ]);
      // s000 names Pyongyang in a heading alone; s002 in its headline with Kim and in its
      // lead sentence with all three.
      assert.deepEqual(index.coOccurring('pyongyang'), [
        { entityId: 'kim-jong-un', articles: 2, sentences: 2 },
        { entityId: 'korea-utara', articles: 2, sentences: 1 },
        { entityId: 'vladimir-putin', articles: 2, sentences: 1 },
      ]);
      assert.deepEqual(index.coOccurring('pyongyang', 1).map((c) => c.entityId), ['kim-jong-un']);
      assert.deepEqual(index.coOccurring('nobody'), []);
    });
  });

  describe('articles', () => {
    it('keeps metadata and lists uris in order', () => {
      const index = seededIndex();
      assert.deepEqual(index.articleUris(), [uriOf('s000'), uriOf('s002'), uriOf('s003'), uriOf('s004')]);
      assert.deepEqual(index.article(uriOf('s000')), { uri: uriOf('s000'), title: texts.s000.split('\n')[0]!.trim(), outlet: 'Youtube' });
      index.updateArticle({ uri: 'file:///a.txt', title: 'A', published: '2024-06-19', text: '', sidecar: { version: 1, source: { file: 'a.txt' }, annotations: [], facts: [] } });
      assert.deepEqual(index.article('file:///a.txt'), { uri: 'file:///a.txt', title: 'A', published: '2024-06-19' });
      assert.equal(index.articleUris()[0], 'file:///a.txt');
    });
  });
});
