// "Add Fact": records a claim the article makes (subject entity, property, value) with the
// selection as its evidence. The pickers put first what is most likely: entities annotated in
// the selection, properties other sources already use.
import * as vscode from 'vscode';
import { addFact, propertyChoices, propertyName, removeFact, subjectChoices, suggestedFactValue, timestamp } from '../core/annotating';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import type { Entity } from '../core/model';
import { refFrom } from './annotateCommands';
import { currentAuthor } from './author';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';

/** Arguments that skip the pickers (for keybindings and tests). */
export interface AddFactArgs {
  readonly subject?: string;
  readonly property?: string;
  readonly value?: string;
}

export class FactCommands extends Disposable {
  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles, private readonly indexer: CorpusIndexer) {
    super();
    this._register(vscode.commands.registerCommand(Commands.addFact, (args?: AddFactArgs) => this.addFact(args)));
    this._register(vscode.commands.registerCommand(Commands.deleteFact, (arg?: unknown) => this.deleteFact(arg)));
  }

  private async addFact(args: AddFactArgs = {}): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const live = editor && this.live.get(editor.document);
    if (!editor || !live) {
      void vscode.window.showWarningMessage('Open an article of the corpus and select the words that state the fact.');
      return;
    }
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage('Select the evidence first: the words of the article that state the fact.');
      return;
    }
    const registry = this.store.registryFor(live.uri);
    if (!registry || registry.registry.entities.length === 0) {
      void vscode.window.showWarningMessage('A fact is about an entity: add entities to entities.yaml first (annotate a mention and create one).');
      return;
    }
    const map = this.live.offsetMap(editor.document);
    const start = map.toCodePoint(editor.document.offsetAt(editor.selection.start));
    const end = map.toCodePoint(editor.document.offsetAt(editor.selection.end));
    const evidence = map.slice(start, end);

    const subject = args.subject !== undefined ? registry.entities.get(args.subject) : await this.pickSubject(live.sidecar?.annotations ?? [], registry.registry.entities, start, end, evidence);
    if (!subject) return;
    const property = args.property ?? (await this.pickProperty(live.uri, subject));
    if (!property) return;
    const value = args.value ?? (await vscode.window.showInputBox({
      title: `${subject.name} · ${property}`,
      value: suggestedFactValue(evidence),
      prompt: 'The value as it will be compared across sources: dates as YYYY-MM-DD, counts as numbers, names as spelled in the article',
      validateInput: (text) => (text.trim() ? undefined : 'A value is required'),
    }));
    if (value === undefined || !value.trim()) return;
    const by = { author: await currentAuthor(), created: timestamp(new Date()) };
    await this.live.change(editor.document, (sidecar, current) => addFact(sidecar, {
      subject: subject.id, property, value: value.trim(), start, end,
    }, current, by).sidecar);
  }

  private async pickSubject(annotations: readonly { entity?: string; start: number; end: number; orphaned?: boolean }[], entities: readonly Entity[], start: number, end: number, evidence: string): Promise<Entity | undefined> {
    const picked = await vscode.window.showQuickPick(subjectChoices(annotations, entities, start, end).map(({ entity, inEvidence }) => ({
      label: entity.name, description: `${entity.label}${inEvidence ? ' · in the selection' : ''}`, detail: entity.description, entity,
    })), { title: `Fact stated by “${evidence.length > 50 ? `${evidence.slice(0, 49)}…` : evidence}”: about which entity?`, matchOnDescription: true });
    return picked?.entity;
  }

  private async pickProperty(articleUri: string, subject: Entity): Promise<string | undefined> {
    const index = this.indexer.indexFor(articleUri);
    const choices = propertyChoices(index?.factGroupsFor(subject.id).map((group) => group.property) ?? [], index?.properties() ?? []);
    const items = [
      { label: '$(add) New property…', property: undefined as string | undefined, alwaysShow: true },
      ...choices.map(({ property, statedAboutSubject }) => ({
        label: property, description: statedAboutSubject ? `already stated about ${subject.name}` : 'used in the corpus', property,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${subject.name}: which property?`, placeHolder: 'Reuse a property so sources can be compared' });
    if (!picked) return undefined;
    if (picked.property) return picked.property;
    const typed = await vscode.window.showInputBox({
      title: 'New property', prompt: 'Lowercase words joined by hyphens, e.g. next-destination',
      validateInput: (text) => (propertyName(text) ? undefined : 'Type a name'),
    });
    return typed ? propertyName(typed) : undefined;
  }

  private async deleteFact(arg?: unknown): Promise<void> {
    const ref = refFrom(arg);
    if (!ref) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    await this.live.change(document, (sidecar) => removeFact(sidecar, ref.id));
  }
}
