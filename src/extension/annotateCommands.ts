// The annotator's commands: annotate a selection (choose a label, then link to an entity or
// create one), quick label keys, annotate all occurrences, relabel, relink, note, delete,
// re-attach orphans, undo and redo. All changes go through LiveArticles.
import * as vscode from 'vscode';
import {
  addAnnotations, annotationsAt, entityChoices, otherOccurrences, reattach, removeAnnotation, timestamp, trimSpan, updateAnnotation,
  type NewAnnotation,
} from '../core/annotating';
import type { CorpusStore } from '../core/corpus';
import { decodeArticle, oneLine, truncate } from '../core/text';
import type { RegistryIndex } from '../core/format';
import { DEFAULT_LABELS, entityFromSelection, entityIdFor, isEntityId, newRegistryText, upsertEntity } from '../core/format';
import type { Annotation, Entity, Label } from '../core/model';
import { currentAuthor } from './author';
import type { ItemRef, SuggestionRef } from './commandArgs';
import type { CommandContribution } from './commandTable';
import { Commands } from './constants';
import { setContextKey } from './contextKeys';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { codePointAt, rangeOfSpan, spanOfRange } from './documentOffsets';

/**
 * Optional arguments of Annotate Selection, so a keybinding (or a test) can skip the pickers:
 * `{ "label": "PER", "entity": "vladimir-putin" }`; `"entity": null` means no entity.
 */
export interface AnnotateArgs {
  readonly label?: string;
  readonly entity?: string | null;
}

interface LabelPick extends vscode.QuickPickItem { readonly labelId: string }
interface EntityPick extends vscode.QuickPickItem { readonly entityId?: string; readonly create?: boolean }

export class AnnotateCommands extends Disposable {
  /** This feature's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.annotateSelection]: (args?: AnnotateArgs) => this.annotateSelection(undefined, args),
    [Commands.annotateWithLabel]: (index: number) => this.annotateSelection(index),
    [Commands.annotateSuggestion]: ({ articleUri, start, end, label, entityId }: SuggestionRef) =>
      this.annotateSpan(articleUri, { start, end, label, ...(entityId ? { entity: entityId } : {}) }),
    [Commands.annotateAllOccurrences]: (ref?: ItemRef) => this.annotateAllOccurrences(ref, false),
    [Commands.annotateAllOccurrencesInCorpus]: (ref?: ItemRef) => this.annotateAllOccurrences(ref, true),
    [Commands.relabel]: (ref?: ItemRef) => this.relabel(ref),
    [Commands.relink]: (ref?: ItemRef) => this.relink(ref),
    [Commands.deleteAnnotation]: (ref?: ItemRef) => this.delete(ref),
    [Commands.editNote]: (ref?: ItemRef) => this.editNote(ref),
    [Commands.reattach]: (ref?: ItemRef) => this.reattach(ref),
    [Commands.undoAnnotation]: () => this.undoRedo('undo'),
    [Commands.redoAnnotation]: () => this.undoRedo('redo'),
    [Commands.revealAnnotation]: (ref?: ItemRef) => ref && this.reveal(ref),
    [Commands.createRegistry]: () => this.createRegistry(),
  };

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles) {
    super();
    this._register(vscode.window.onDidChangeTextEditorSelection((event) => this.updateCursorContext(event.textEditor)));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.updateCursorContext(editor)));
    this._register(live.onDidChange(() => this.updateCursorContext(vscode.window.activeTextEditor)));
  }

  // ---- annotate ------------------------------------------------------------------------------

  private activeArticle(): { editor: vscode.TextEditor; registry: RegistryIndex | undefined } | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.live.get(editor.document)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open an article of the corpus to annotate it.'));
      return undefined;
    }
    return { editor, registry: this.store.registryFor(editor.document.uri.toString()) };
  }

  /** Annotate Selection: every non-empty selection gets the chosen label and entity. */
  async annotateSelection(labelIndex?: number, args?: AnnotateArgs): Promise<void> {
    const active = this.activeArticle();
    if (!active) return;
    const { editor } = active;
    const selections = editor.selections.filter((s) => !s.isEmpty);
    if (selections.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to annotate first.'));
      return;
    }
    const registry = active.registry ?? (await this.offerRegistry(editor.document.uri.toString()));
    if (!registry) return;
    const map = this.live.offsetMap(editor.document);
    const spans = selections.map((s) => spanOfRange(editor.document, map, s)).map(({ start, end }) => trimSpan(map, start, end));
    const selectedText = map.slice(spans[0]!.start, spans[0]!.end);
    const label = args?.label !== undefined ? registry.labels.get(args.label)
      : labelIndex !== undefined ? registry.registry.labels[labelIndex - 1]
        : await this.pickLabel(registry, selectedText);
    if (!label) {
      if (labelIndex !== undefined || args?.label !== undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('There is no label {0} in entities.yaml.', args?.label ?? `number ${labelIndex}`));
      }
      return;
    }
    const entity = args?.entity === null ? undefined
      : args?.entity !== undefined ? registry.entities.get(args.entity)
        : await this.pickEntity(registry, label, selectedText);
    if (entity === null) return;
    await this.annotateSpans(editor.document, spans.map((span) => ({ ...span, label: label.id, ...(entity ? { entity: entity.id } : {}) })));
  }

  private async annotateSpan(uri: string, span: NewAnnotation): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await this.annotateSpans(document, [span]);
  }

  private async annotateSpans(document: vscode.TextDocument, spans: readonly NewAnnotation[]): Promise<void> {
    const by = { author: await currentAuthor(), created: timestamp(new Date()) };
    await this.live.change(document, (sidecar, map) => addAnnotations(sidecar, spans, map, by).sidecar);
  }

  private async pickLabel(registry: RegistryIndex, selectedText: string): Promise<Label | undefined> {
    const items: LabelPick[] = registry.registry.labels.map((label, index) => ({
      label: label.id,
      labelId: label.id,
      description: label.name,
      detail: index < 9 ? `Ctrl+Alt+${index + 1}` : undefined,
      iconPath: new vscode.ThemeIcon('symbol-field'),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Label for “{0}”', ellipsis(selectedText)), placeHolder: vscode.l10n.t('Choose a label'), matchOnDescription: true,
    });
    return picked && registry.labels.get(picked.labelId);
  }

  /**
   * The entity to link: an existing one (fuzzy over names and aliases), a new one added to the
   * registry, or none. Returns null when the person cancelled.
   */
  private async pickEntity(registry: RegistryIndex, label: Label, selectedText: string): Promise<Entity | undefined | null> {
    const ranked = entityChoices(registry.registry.entities, label.id, selectedText);
    const items: EntityPick[] = [
      ...ranked.map((entity): EntityPick => ({
        label: entity.name,
        entityId: entity.id,
        description: entity.aliases.join(' · '),
        detail: entity.description,
        iconPath: new vscode.ThemeIcon('symbol-class'),
      })),
      { label: vscode.l10n.t('$(add) New entity “{0}”', ellipsis(selectedText)), create: true, description: vscode.l10n.t('{0}, added to entities.yaml', label.id), alwaysShow: true },
      { label: vscode.l10n.t('$(circle-slash) No entity'), description: vscode.l10n.t('label only'), alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Link “{0}” ({1}) to an entity', ellipsis(selectedText), label.id),
      placeHolder: vscode.l10n.t('Type to search names and aliases'),
      matchOnDescription: true,
    });
    if (!picked) return null;
    if (picked.entityId) return registry.entities.get(picked.entityId);
    if (picked.create) return (await this.createEntity(registry, label, selectedText)) ?? null;
    return undefined;
  }

  private async createEntity(registry: RegistryIndex, label: Label, name: string): Promise<Entity | undefined> {
    const taken = new Set(registry.entities.keys());
    const canonical = await vscode.window.showInputBox({
      title: vscode.l10n.t('New entity: canonical name'), value: name.replace(/\s+/g, ' ').trim(),
      prompt: vscode.l10n.t('The entity\'s canonical name; “{0}” is kept as an alias when it differs.', ellipsis(name)),
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A name is required')),
    });
    if (!canonical) return undefined;
    const id = await vscode.window.showInputBox({
      title: vscode.l10n.t('New entity: id'), value: entityIdFor(canonical, taken),
      prompt: vscode.l10n.t('A stable slug, unique in the corpus (lowercase letters, digits, "-", "_", ".")'),
      validateInput: (value) => (!isEntityId(value) ? vscode.l10n.t('Use a lowercase slug like kim-jong-un')
        : taken.has(value) ? vscode.l10n.t('{0} is taken', value) : undefined),
    });
    if (!id) return undefined;
    const entity = entityFromSelection(id, label.id, canonical, name);
    await this.store.updateRegistry(registry.file, (current) => upsertEntity(registry.file, current ?? newRegistryText(), entity));
    return entity;
  }

  private async offerRegistry(articleUri: string): Promise<RegistryIndex | undefined> {
    const create = vscode.l10n.t('Create entities.yaml');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('This corpus has no entities.yaml yet: it holds the labels and the entities annotations link to.'), create);
    if (choice !== create) return undefined;
    return this.createRegistry(articleUri);
  }

  async createRegistry(articleUri?: string): Promise<RegistryIndex | undefined> {
    const anchor = articleUri ?? vscode.window.activeTextEditor?.document.uri.toString()
      ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString().replace(/\/?$/, '/placeholder.txt');
    if (!anchor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: entities.yaml goes at its root.'));
      return undefined;
    }
    const registryUri = this.store.registryUriFor(anchor);
    await this.store.updateRegistry(registryUri, (current) => current ?? newRegistryText(DEFAULT_LABELS));
    await setContextKey('hasCorpus', true);
    return this.store.registryFor(anchor);
  }

  // ---- change one annotation -----------------------------------------------------------------

  /** The annotation a command acts on: the one passed, or the innermost one at the cursor. */
  private async target(ref?: ItemRef): Promise<{ document: vscode.TextDocument; annotation: Annotation } | undefined> {
    if (ref) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.articleUri));
      const annotation = this.live.get(document)?.sidecar?.annotations.find((a) => a.id === ref.itemId);
      return annotation && { document, annotation };
    }
    const editor = vscode.window.activeTextEditor;
    const live = editor && this.live.get(editor.document);
    if (!editor || !live) return undefined;
    const map = this.live.offsetMap(editor.document);
    const cursor = codePointAt(editor.document, map, editor.selection.active);
    const annotation = annotationsAt(live.sidecar, cursor)[0];
    if (!annotation) void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in an annotation first.'));
    return annotation && { document: editor.document, annotation };
  }

  private async relabel(ref?: ItemRef): Promise<void> {
    const target = await this.target(ref);
    if (!target) return;
    const registry = this.store.registryFor(target.document.uri.toString());
    if (!registry) return;
    const label = await this.pickLabel(registry, target.annotation.text);
    if (!label || label.id === target.annotation.label) return;
    // An entity of another label no longer fits: keep the link only when the labels agree.
    const entity = target.annotation.entity !== undefined ? registry.entities.get(target.annotation.entity) : undefined;
    const keepEntity = entity?.label === label.id;
    await this.live.change(target.document, (sidecar) => updateAnnotation(sidecar, target.annotation.id, {
      label: label.id, entity: keepEntity ? target.annotation.entity : undefined, status: 'proposed',
    }));
  }

  private async relink(ref?: ItemRef): Promise<void> {
    const target = await this.target(ref);
    if (!target) return;
    const uri = target.document.uri.toString();
    const registry = this.store.registryFor(uri);
    const label = registry?.labels.get(target.annotation.label);
    if (!registry || !label) return;
    const entity = await this.pickEntity(registry, label, target.annotation.text);
    if (entity === null) return;
    await this.live.change(target.document, (sidecar) => updateAnnotation(sidecar, target.annotation.id, { entity: entity?.id }));
  }

  private async delete(ref?: ItemRef): Promise<void> {
    const target = await this.target(ref);
    if (!target) return;
    await this.live.change(target.document, (sidecar) => removeAnnotation(sidecar, target.annotation.id));
  }

  private async editNote(ref?: ItemRef): Promise<void> {
    const target = await this.target(ref);
    if (!target) return;
    const note = await vscode.window.showInputBox({
      title: vscode.l10n.t('Note on “{0}”', ellipsis(target.annotation.text)), value: target.annotation.note ?? '',
      prompt: vscode.l10n.t('Plain text; empty removes the note'),
    });
    if (note === undefined) return;
    await this.live.change(target.document, (sidecar) => updateAnnotation(sidecar, target.annotation.id, { note: note.trim() || undefined }));
  }

  private async annotateAllOccurrences(ref: ItemRef | undefined, inCorpus: boolean): Promise<void> {
    const target = await this.target(ref);
    if (!target) return;
    const { annotation, document } = target;
    const spanOf = (start: number, end: number): NewAnnotation => ({
      start, end, label: annotation.label, ...(annotation.entity !== undefined ? { entity: annotation.entity } : {}),
    });
    const live = this.live.get(document);
    const here = otherOccurrences(document.getText(), annotation.text, annotation.label, live?.sidecar?.annotations ?? [])
      .filter((span) => !(span.start === annotation.start && span.end === annotation.end));
    if (!inCorpus) {
      if (here.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No other unannotated “{0}” in this article.', ellipsis(annotation.text)));
        return;
      }
      await this.annotateSpans(document, here.map((s) => spanOf(s.start, s.end)));
      void vscode.window.showInformationMessage(vscode.l10n.t('Annotated {0} more “{1}” as {2}.', here.length, ellipsis(annotation.text), annotation.label));
      return;
    }
    // Across the corpus: count first, then ask, since this writes many files.
    const plans: { uri: string; spans: { start: number; end: number }[] }[] = [];
    for (const uri of this.store.articleUris()) {
      const openDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      const text = openDocument?.getText() ?? decodeArticle(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
      const existing = (openDocument && this.live.get(openDocument)?.sidecar?.annotations) ?? this.store.article(uri)?.parsed?.sidecar?.annotations ?? [];
      const spans = otherOccurrences(text, annotation.text, annotation.label, existing)
        .filter((s) => !(uri === document.uri.toString() && s.start === annotation.start && s.end === annotation.end));
      if (spans.length > 0) plans.push({ uri, spans });
    }
    const total = plans.reduce((sum, plan) => sum + plan.spans.length, 0);
    if (total === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No other unannotated “{0}” in the corpus.', ellipsis(annotation.text)));
      return;
    }
    const go = `Annotate ${total}`;
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Annotate {0} mentions of “{1}” as {2} in {3} articles?', total, ellipsis(annotation.text), annotation.label, plans.length), { modal: true }, go);
    if (choice !== go) return;
    for (const plan of plans) {
      const planDocument = await vscode.workspace.openTextDocument(vscode.Uri.parse(plan.uri));
      await this.annotateSpans(planDocument, plan.spans.map((s) => spanOf(s.start, s.end)));
    }
  }

  private async reattach(ref?: ItemRef): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const live = editor && this.live.get(editor.document);
    if (!editor || !live?.sidecar || (ref && ref.articleUri !== live.uri)) {
      if (ref) await vscode.window.showTextDocument(vscode.Uri.parse(ref.articleUri));
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text the orphaned annotation belongs to, then run “Re-attach Annotation” again.'));
      return;
    }
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text the orphaned annotation belongs to first.'));
      return;
    }
    const orphans = [...live.sidecar.annotations, ...live.sidecar.facts].filter((item) => item.orphaned);
    if (orphans.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This article has no orphaned annotations.'));
      return;
    }
    let id = ref?.itemId;
    if (!id) {
      const picked = await vscode.window.showQuickPick(orphans.map((item) => ({
        label: `“${ellipsis(item.text)}”`, description: 'label' in item ? item.label : `fact: ${item.property}`, id: item.id,
      })), { title: vscode.l10n.t('Re-attach which orphaned annotation to the selection?') });
      id = picked?.id;
    }
    if (!id) return;
    const map = this.live.offsetMap(editor.document);
    const selected = spanOfRange(editor.document, map, editor.selection);
    const span = trimSpan(map, selected.start, selected.end);
    const chosen = id;
    await this.live.change(editor.document, (sidecar) => reattach(sidecar, chosen, span.start, span.end, map));
  }

  private async undoRedo(direction: 'undo' | 'redo'): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const done = direction === 'undo' ? await this.live.undo(editor.document) : await this.live.redo(editor.document);
    if (!done) await vscode.commands.executeCommand(direction); // nothing of ours: the editor's own
  }

  async reveal(ref: ItemRef): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.articleUri));
    const item = [...(this.live.get(document)?.sidecar?.annotations ?? []), ...(this.live.get(document)?.sidecar?.facts ?? [])]
      .find((candidate) => candidate.id === ref.itemId);
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    if (!item || item.orphaned) return;
    const map = this.live.offsetMap(document);
    const range = rangeOfSpan(document, map, item);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private updateCursorContext(editor: vscode.TextEditor | undefined): void {
    const live = editor && this.live.get(editor.document);
    let inAnnotation = false;
    if (editor && live) {
      // Runs on every keystroke (the cursor moves): the live spans, not the whole sidecar.
      const positions = this.live.positions(editor.document);
      inAnnotation = this.live.annotationsAt(editor.document, codePointAt(editor.document, positions, editor.selection.active)).length > 0;
    }
    // Cursor moves are frequent: setContextKey tells the workbench only when a key changes.
    void setContextKey('isArticle', Boolean(live));
    void setContextKey('inAnnotation', inAnnotation);
  }
}

/** Quoted text in a picker or message: one line, at most 40 code points. */
function ellipsis(text: string): string {
  return truncate(oneLine(text), 40);
}

