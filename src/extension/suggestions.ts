// Pre-annotation: mentions of registry entities and dates that are not annotated yet, shown
// with a faint dotted underline and offered as quick fixes. Computed (by the core's
// computeSuggestions) per visible article after typing pauses; one Aho-Corasick matcher per
// registry, rebuilt only when the registry changes.
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { computeSuggestions, EntityMatcher, suggestedSpans, suggestionsTouching, type Suggestion } from '../core/annotating';
import type { RegistryIndex } from '../core/format';
import { Emitter } from '../core/util';
import { configuration } from './configuration';
import { PerDocumentDebouncer } from './debounce';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { rangeOfSpan } from './documentOffsets';

const DEBOUNCE_MS = 250;

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
    return suggestionsTouching(this.suggestionsFor(document), start, end);
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
    return computeSuggestions(document.getText(), live.sidecar?.annotations ?? [], this.matcherFor(registry), registry);
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
    const ranges = suggestedSpans(suggestions).map((span): vscode.DecorationOptions => ({
      range: rangeOfSpan(editor.document, map, span),
    }));
    editor.setDecorations(this.decoration, ranges);
    this.changeEmitter.fire(editor.document.uri.toString());
  }
}
