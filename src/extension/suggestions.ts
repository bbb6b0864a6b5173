// Pre-annotation: mentions of registry entities and dates that are not annotated yet, shown
// with a faint dotted underline and offered as quick fixes. Computed per visible article after
// typing pauses; one Aho-Corasick matcher per registry, rebuilt only when the registry changes.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { findDates } from '../core/text';
import { EntityMatcher } from '../core/annotating';
import type { RegistryIndex } from '../core/format';
import { withoutAnnotated } from '../core/annotating';
import { Emitter } from '../core/util';
import { configuration } from './configuration';
import { PerDocumentDebouncer } from './debounce';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { rangeOfSpan } from './documentOffsets';

const DEBOUNCE_MS = 250;
export const DATE_LABEL = 'DATE';

export interface Suggestion {
  /** Code points in the document's current text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly label: string;
  readonly entityId?: string;
  readonly entityName?: string;
  /** For dates: the normalised ISO date. */
  readonly iso?: string;
}

export class Suggestions extends Disposable {
  private readonly matchers = new WeakMap<RegistryIndex, EntityMatcher>();
  private readonly byDocument = new Map<string, { version: number; suggestions: Suggestion[] }>();
  private readonly debouncer = this._register(new PerDocumentDebouncer(DEBOUNCE_MS, (uri) => this.renderDocument(uri)));
  private readonly decoration = this._register(vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    opacity: '1',
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
  }));
  // Our own event: core's Emitter (vscode.EventEmitter only where a VS Code API asks for one).
  private readonly changeEmitter = this._register(new Emitter<string>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles) {
    super();
    this._register(live.onDidChange((uri) => {
      // Annotations changed without the text changing (same document version): what is
      // suggested depends on them too.
      this.byDocument.delete(uri);
      this.schedule(uri);
    }));
    this._register(vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) this.schedule(editor.document.uri.toString());
    }));
    this._register(configuration.onDidChange(['suggestionsEnabled'], () => {
      this.byDocument.clear();
      for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document.uri.toString());
    }));
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document.uri.toString());
  }

  private enabled(): boolean {
    return configuration.get('suggestionsEnabled');
  }

  /** The suggestions of a document, computed now if they are out of date. */
  suggestionsFor(document: vscode.TextDocument): Suggestion[] {
    const uri = document.uri.toString();
    const cached = this.byDocument.get(uri);
    if (cached && cached.version === document.version) return cached.suggestions;
    const suggestions = this.compute(document);
    this.byDocument.set(uri, { version: document.version, suggestions });
    return suggestions;
  }

  /** Suggestions that touch a range (code points), for quick fixes. */
  suggestionsAt(document: vscode.TextDocument, start: number, end: number): Suggestion[] {
    return this.suggestionsFor(document).filter((s) => s.start <= end && s.end >= start);
  }

  matcherFor(registry: RegistryIndex): EntityMatcher {
    let matcher = this.matchers.get(registry);
    if (!matcher) {
      matcher = EntityMatcher.fromEntities(registry.registry.entities);
      this.matchers.set(registry, matcher);
    }
    return matcher;
  }

  private compute(document: vscode.TextDocument): Suggestion[] {
    const live = this.live.get(document);
    if (!live || !this.enabled()) return [];
    const registry = this.store.registryFor(live.uri);
    if (!registry) return [];
    const text = document.getText();
    const annotations = live.sidecar?.annotations ?? [];
    const found: Suggestion[] = [];
    for (const match of this.matcherFor(registry).find(text)) {
      // The first candidate is the registry's first entity with that name; the quick fixes
      // offer every candidate.
      for (const candidate of match.candidates) {
        const entity = registry.entities.get(candidate.entityId);
        found.push({
          start: match.start, end: match.end, text: match.text, label: candidate.label,
          entityId: candidate.entityId, ...(entity ? { entityName: entity.name } : {}),
        });
      }
    }
    if (registry.labels.has(DATE_LABEL)) {
      for (const date of findDates(text)) {
        found.push({ start: date.start, end: date.end, text: date.text, label: DATE_LABEL, iso: date.iso });
      }
    }
    return withoutAnnotated(found, annotations).sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private schedule(uri: string): void {
    this.debouncer.schedule(uri);
  }

  private renderDocument(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri) this.render(editor);
    }
  }

  private render(editor: vscode.TextEditor): void {
    const suggestions = this.suggestionsFor(editor.document);
    const map = this.live.offsetMap(editor.document);
    const seen = new Set<string>();
    const ranges: vscode.DecorationOptions[] = [];
    for (const suggestion of suggestions) {
      const key = `${suggestion.start}:${suggestion.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ranges.push({
        range: rangeOfSpan(editor.document, map, suggestion),
      });
    }
    editor.setDecorations(this.decoration, ranges);
    this.changeEmitter.fire(editor.document.uri.toString());
  }
}
