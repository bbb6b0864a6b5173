// Agreement between annotators over the articles they annotated, per label and overall, as a
// JSON-ready report: the editor's report view and the command line print the same object.
// Every number is a Measure that names its unit and its rule.
import { tokenize } from '../text';
import { codePointLength } from '../text';
import type { Annotation, Sidecar } from '../model';
import { alignAnnotations, DISAGREEMENT_KINDS, type DisagreementKind } from './alignment';
import {
  cohenKappa, fleissCounts, fleissKappa, spanF1, unitizingAlpha,
  type F1Result, type Measure, type Unit,
} from './measures';

export interface AgreementDocument {
  /** The article's URI or path: how disagreements point back to it. */
  readonly id: string;
  /** The article's text (BOM excluded), for tokens and the continuum length. */
  readonly text: string;
  readonly sidecar: Sidecar | undefined;
}

export interface AgreementOptions {
  /** Only these annotators (default: every author found). */
  readonly annotators?: readonly string[];
  /** Only annotations with these labels (default: all). */
  readonly labels?: readonly string[];
}

export interface F1Measures {
  readonly f1: Measure;
  readonly precision: Measure;
  readonly recall: Measure;
}

export interface DisagreementRef {
  readonly document: string;
  readonly kind: DisagreementKind;
  /** Annotation ids; one is absent for `missing`. */
  readonly a?: string;
  readonly b?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface LabelAgreement {
  readonly exactF1: F1Measures;
  readonly overlapF1: F1Measures;
  readonly cohenKappa: Measure;
}

export interface PairAgreement {
  /** The reference annotator (precision and recall are of `b` against `a`). */
  readonly a: string;
  readonly b: string;
  /** The articles both annotated. */
  readonly documents: readonly string[];
  readonly exactF1: F1Measures;
  readonly overlapF1: F1Measures;
  readonly cohenKappa: Measure;
  readonly perLabel: Readonly<Record<string, LabelAgreement>>;
  readonly counts: Readonly<Record<'agreements' | DisagreementKind, Measure>>;
  readonly disagreements: readonly DisagreementRef[];
}

export interface AgreementReport {
  readonly annotators: readonly string[];
  readonly labels: readonly string[];
  /** Per article, who annotated it. */
  readonly documents: readonly { readonly id: string; readonly annotators: readonly string[] }[];
  readonly pairs: readonly PairAgreement[];
  /** Over the articles every selected annotator annotated; null value with a note for fewer than three. */
  readonly fleissKappa: { readonly overall: Measure; readonly perLabel: Readonly<Record<string, Measure>> };
  readonly unitizingAlpha: { readonly overall: Measure; readonly perLabel: Readonly<Record<string, Measure>> };
  /** The rules that apply to every number. */
  readonly rules: readonly string[];
}

export const RULES = {
  counted: 'An annotator is the `author` of an annotation; orphaned annotations are left out, every status counts (the judgement as first made). An annotator annotated an article when they have at least one annotation in it.',
  tokens: 'Tokens as the CoNLL export makes them: a run of letters, digits and marks is one token, every other non-space symbol is one; a token takes the label of the longest annotation covering any of its characters, `O` outside.',
  exactF1: 'exact-span F1: a span matches one of the other annotator with the same label, start and end',
  overlapF1: 'overlap F1: a span matches one of the other annotator with the same label sharing at least one character',
  cohen: "Cohen's kappa over tokens of the articles both annotated",
  cohenLabel: "Cohen's kappa over tokens, this label against everything else",
  fleiss: "Fleiss' kappa over tokens of the articles every selected annotator annotated",
  alpha: "Krippendorff's unitizing alpha (α_u) over characters (code points) of the articles every selected annotator annotated, the articles laid end to end as one continuum",
  alignment: 'Annotations aligned one to one: identical spans first, then the pairs sharing most characters; label = labels differ, boundary = same label, other start or end, entity = same span and label, other entity, missing = no overlapping annotation left on the other side.',
} as const;

const f1Measures = (result: F1Result, rule: string): F1Measures => ({
  f1: { value: result.f1, unit: 'spans', rule, ...(result.f1 === null ? { note: 'neither annotator has spans here' } : {}) },
  precision: { value: result.precision, unit: `spans of the second annotator (${result.matchedOther}/${result.otherSpans})`, rule },
  recall: { value: result.recall, unit: `spans of the reference annotator (${result.matchedReference}/${result.referenceSpans})`, rule },
});

const kappaMeasure = (kappa: number | null, items: number, rule: string): Measure => ({
  value: kappa,
  unit: `tokens (${items})`,
  rule,
  ...(kappa === null ? { note: items === 0 ? 'no tokens' : 'one category throughout: chance agreement is 1, kappa is undefined' } : {}),
});

function annotationsBy(sidecar: Sidecar | undefined, author: string, labels: ReadonlySet<string> | undefined): Annotation[] {
  return (sidecar?.annotations ?? []).filter((a) => a.author === author && !a.orphaned && a.start < a.end
    && (!labels || labels.has(a.label)));
}

/** Each token's label: the longest annotation covering any of its characters, else `O`. */
function tokenLabels(tokens: readonly { start: number; end: number }[], annotations: readonly Annotation[]): string[] {
  const byLength = [...annotations].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  return tokens.map((token) => byLength.find((a) => a.start < token.end && token.start < a.end)?.label ?? 'O');
}

export function computeAgreement(documents: readonly AgreementDocument[], options: AgreementOptions = {}): AgreementReport {
  const labelFilter = options.labels ? new Set(options.labels) : undefined;
  const docAuthors = documents.map((doc) => {
    const authors = new Set<string>();
    for (const a of doc.sidecar?.annotations ?? []) {
      if (a.author && !a.orphaned && (!labelFilter || labelFilter.has(a.label))) authors.add(a.author);
    }
    return { doc, authors };
  });
  const annotators = options.annotators
    ? [...options.annotators]
    : [...new Set(docAuthors.flatMap((d) => [...d.authors]))].sort();
  const labelSet = new Set<string>();
  for (const { doc } of docAuthors) {
    for (const a of doc.sidecar?.annotations ?? []) {
      if (a.author && annotators.includes(a.author) && !a.orphaned && (!labelFilter || labelFilter.has(a.label))) labelSet.add(a.label);
    }
  }
  const labels = options.labels ? [...options.labels] : [...labelSet].sort();
  const tokensOf = new Map<string, ReturnType<typeof tokenize>>();
  const tokens = (doc: AgreementDocument) => {
    let result = tokensOf.get(doc.id);
    if (!result) tokensOf.set(doc.id, (result = tokenize(doc.text)));
    return result;
  };

  const pairs: PairAgreement[] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      pairs.push(pairAgreement(annotators[i]!, annotators[j]!));
    }
  }

  function pairAgreement(a: string, b: string): PairAgreement {
    const shared = docAuthors.filter((d) => d.authors.has(a) && d.authors.has(b)).map((d) => d.doc);
    const spansA: Annotation[] = [];
    const spansB: Annotation[] = [];
    const tokensA: string[] = [];
    const tokensB: string[] = [];
    const counts: Record<'agreements' | DisagreementKind, number> = { agreements: 0, label: 0, boundary: 0, entity: 0, missing: 0 };
    const disagreements: DisagreementRef[] = [];
    shared.forEach((doc, index) => {
      const ofA = annotationsBy(doc.sidecar, a, labelFilter);
      const ofB = annotationsBy(doc.sidecar, b, labelFilter);
      // Spans from different articles must never match: shift each article apart.
      const shift = index * 1e9;
      const moved = (x: Annotation): Annotation => ({ ...x, start: x.start + shift, end: x.end + shift });
      spansA.push(...ofA.map(moved));
      spansB.push(...ofB.map(moved));
      const docTokens = tokens(doc);
      tokensA.push(...tokenLabels(docTokens, ofA));
      tokensB.push(...tokenLabels(docTokens, ofB));
      for (const pair of alignAnnotations(ofA, ofB)) {
        if (pair.kind === 'agreement') {
          counts.agreements++;
          continue;
        }
        counts[pair.kind]++;
        const start = Math.min(pair.a?.start ?? Infinity, pair.b?.start ?? Infinity);
        const end = Math.max(pair.a?.end ?? -Infinity, pair.b?.end ?? -Infinity);
        disagreements.push({
          document: doc.id, kind: pair.kind, ...(pair.a ? { a: pair.a.id } : {}), ...(pair.b ? { b: pair.b.id } : {}),
          start, end, text: (pair.a ?? pair.b)!.text,
        });
      }
    });
    const kappa = cohenKappa(tokensA, tokensB);
    const perLabel: Record<string, LabelAgreement> = {};
    for (const label of labels) {
      const only = (spans: Annotation[]) => spans.filter((s) => s.label === label);
      const binary = (values: string[]) => values.map((v) => (v === label ? label : 'other'));
      const labelKappa = cohenKappa(binary(tokensA), binary(tokensB));
      perLabel[label] = {
        exactF1: f1Measures(spanF1(only(spansA), only(spansB), 'exact'), RULES.exactF1),
        overlapF1: f1Measures(spanF1(only(spansA), only(spansB), 'overlap'), RULES.overlapF1),
        cohenKappa: kappaMeasure(labelKappa.kappa, labelKappa.items, RULES.cohenLabel),
      };
    }
    const count = (value: number, unit: string): Measure => ({ value, unit, rule: RULES.alignment });
    return {
      a, b,
      documents: shared.map((d) => d.id),
      exactF1: f1Measures(spanF1(spansA, spansB, 'exact'), RULES.exactF1),
      overlapF1: f1Measures(spanF1(spansA, spansB, 'overlap'), RULES.overlapF1),
      cohenKappa: kappaMeasure(kappa.kappa, kappa.items, RULES.cohen),
      perLabel,
      counts: {
        agreements: count(counts.agreements, 'aligned annotation pairs that agree'),
        ...Object.fromEntries(DISAGREEMENT_KINDS.map((kind) => [kind, count(counts[kind], kind === 'missing' ? 'annotations without a counterpart' : 'aligned annotation pairs')])),
      } as PairAgreement['counts'],
      disagreements,
    };
  }

  // Multi-annotator measures: the articles everyone selected annotated.
  const common = docAuthors.filter((d) => annotators.length > 0 && annotators.every((x) => d.authors.has(x))).map((d) => d.doc);
  const fleissRow = (label?: string): Measure => {
    if (annotators.length < 3) {
      return { value: null, unit: 'tokens', rule: RULES.fleiss, note: "Fleiss' kappa is reported for three or more annotators; see Cohen's kappa per pair" };
    }
    const rows: string[][] = [];
    for (const doc of common) {
      const docTokens = tokens(doc);
      const perCoder = annotators.map((x) => tokenLabels(docTokens, annotationsBy(doc.sidecar, x, labelFilter)));
      docTokens.forEach((_, t) => rows.push(perCoder.map((coder) => {
        const value = coder[t]!;
        return label === undefined ? value : value === label ? label : 'other';
      })));
    }
    const { counts } = fleissCounts(rows);
    const result = fleissKappa(counts);
    return kappaMeasure(result.kappa, result.items, label === undefined ? RULES.fleiss : `${RULES.fleiss}, this label against everything else`);
  };

  let offset = 0;
  const coders: Unit[][] = annotators.map(() => []);
  for (const doc of common) {
    annotators.forEach((x, c) => {
      for (const a of annotationsBy(doc.sidecar, x, labelFilter)) coders[c]!.push({ start: a.start + offset, end: a.end + offset, category: a.label });
    });
    offset += codePointLength(doc.text);
  }
  const alpha = unitizingAlpha({ begin: 0, length: offset, coders }, labels);
  const alphaMeasure = (value: number | null): Measure => (annotators.length < 2
    ? { value: null, unit: `characters (${offset})`, rule: RULES.alpha, note: 'needs two or more annotators' }
    : { value, unit: `characters (${offset})`, rule: RULES.alpha, ...(value === null ? { note: 'no units of this label' } : {}) });

  return {
    annotators,
    labels,
    documents: docAuthors.map((d) => ({ id: d.doc.id, annotators: annotators.filter((x) => d.authors.has(x)) })),
    pairs,
    fleissKappa: {
      overall: fleissRow(),
      perLabel: Object.fromEntries(labels.map((label) => [label, fleissRow(label)])),
    },
    unitizingAlpha: {
      overall: alphaMeasure(alpha.overall.alpha),
      perLabel: Object.fromEntries(labels.map((label) => [label, alphaMeasure(alpha.perCategory.get(label)!.alpha)])),
    },
    rules: [RULES.counted, RULES.tokens, RULES.alignment],
  };
}
