// Pre-annotation: mentions of registry entities and dates that are not annotated yet, shown
// with a faint dotted underline and offered as quick fixes. Computed per visible article after
// typing pauses; one Aho-Corasick matcher per registry, rebuilt only when the registry changes.
// After typing, only the text around the edits is scanned again (src/core/annotating/mentions.ts).
import * as vscode from 'vscode';
import type { CorpusStore } from '../core/corpus';
import { DATE_LABEL, EntityMatcher, mentionsAt, rescanMargin, suggestedSpans, suggestionsTouching, type Mention, type MentionSource, type Suggestion } from '../core/annotating';
import type { RegistryIndex } from '../core/format';
import { Emitter } from '../core/util';
import { configuration } from './configuration';
import { PerDocumentDebouncer } from './debounce';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { rangeOfSpan } from './documentOffsets';

const DEBOUNCE_MS = 250;
export { DATE_LABEL, type Suggestion };

interface DocumentSuggestions {
  readonly version: number;
  readonly registry: RegistryIndex;
  /** Every mention in the text at `version`, annotated or not: what the next rescan starts from. */
  readonly mentions: readonly Mention[];
  /** The mentions not annotated; undefined when the annotations changed since. */
  suggestions: Suggestion[] | undefined;
}

export class Suggestions extends Disposable {
  private readonly matchers = new WeakMap<RegistryIndex, EntityMatcher>();
  private readonly sources = new WeakMap<RegistryIndex, { source: MentionSource; margin: number }>();
  private readonly byDocument = new Map<string, DocumentSuggestions>();
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
      // Annotations changed, or moved with typing: what is suggested depends on them too. The
      // mentions found stay (they depend on the text only).
      const cached = this.byDocument.get(uri);
      if (cached) cached.suggestions = undefined;
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
    if (cached?.suggestions && cached.version === document.version) return cached.suggestions;
    const live = this.live.get(document);
    const registry = live && this.enabled() ? this.store.registryFor(live.uri) : undefined;
    if (!live || !registry) {
      this.byDocument.delete(uri);
      return [];
    }
    const mentions = this.mentionsFor(document, registry, cached?.registry === registry ? cached : undefined);
    // Not offered again where an annotation (accepted, proposed or rejected) overlaps; the
    // live spans answer without building the whole sidecar.
    const suggestions = mentions.filter((m) => !this.live.overlapsAnnotation(document, m.start, m.end));
    this.byDocument.set(uri, { version: document.version, registry, mentions, suggestions });
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

  /** Every mention in the document now: rescanned around the edits since the cached version when they are known. */
  private mentionsFor(document: vscode.TextDocument, registry: RegistryIndex, cached: DocumentSuggestions | undefined): readonly Mention[] {
    if (cached && cached.version === document.version) return cached.mentions;
    let entry = this.sources.get(registry);
    if (!entry) {
      const source = { matcher: this.matcherFor(registry), entities: registry.entities, dates: registry.labels.has(DATE_LABEL) };
      entry = { source, margin: rescanMargin(registry.registry.entities) };
      this.sources.set(registry, entry);
    }
    const editsSince = cached && this.live.editsSince(document, cached.version);
    const positions = this.live.positions(document);
    // Parts of the text through the editor's own lines (getText of a range), not the whole text.
    const text = {
      codePointLength: positions.codePointLength,
      slice: (start: number, end: number) => document.getText(new vscode.Range(document.positionAt(positions.toUtf16(start)), document.positionAt(positions.toUtf16(end)))),
    };
    return mentionsAt(entry.source, entry.margin, text, cached, editsSince);
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
