// "Add Fact": records a claim the article makes (subject entity, property, value) with the
// selection as its evidence. The pickers put first what is most likely: entities annotated in
// the selection, properties other sources already use.
import * as vscode from 'vscode';
import { addFact, propertyChoices, propertyName, removeFact, subjectChoices, suggestedFactValue, timestamp } from '../core/annotating';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import { truncate } from '../core/text';
import type { Entity } from '../core/model';
import { currentAuthor } from './author';
import type { ItemRef } from './commandArgs';
import type { CommandContribution } from './commandTable';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { LiveArticles } from './liveArticles';
import { spanOfRange } from './documentOffsets';

/** Arguments that skip the pickers (for keybindings and tests). */
export interface AddFactArgs {
  readonly subject?: string;
  readonly property?: string;
  readonly value?: string;
}

export class FactCommands extends Disposable {
  /** This feature's part of the command table (main.ts registers it). */
  readonly commands: CommandContribution = {
    [Commands.addFact]: (args?: AddFactArgs) => this.addFact(args),
    [Commands.deleteFact]: (ref?: ItemRef) => this.deleteFact(ref),
  };

  constructor(private readonly store: CorpusStore, private readonly live: LiveArticles, private readonly indexer: CorpusIndexer) {
    super();
  }

  private async addFact(args: AddFactArgs = {}): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const live = editor && this.live.get(editor.document);
    if (!editor || !live) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open an article of the corpus and select the words that state the fact.'));
      return;
    }
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the evidence first: the words of the article that state the fact.'));
      return;
    }
    const registry = this.store.registryFor(live.uri);
    if (!registry || registry.registry.entities.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('A fact is about an entity: add entities to entities.yaml first (annotate a mention and create one).'));
      return;
    }
    const map = this.live.offsetMap(editor.document);
    const { start, end } = spanOfRange(editor.document, map, editor.selection);
    const evidence = map.slice(start, end);

    const subject = args.subject !== undefined ? registry.entities.get(args.subject) : await this.pickSubject(live.sidecar?.annotations ?? [], registry.registry.entities, start, end, evidence);
    if (!subject) return;
    const property = args.property ?? (await this.pickProperty(live.uri, subject));
    if (!property) return;
    const value = args.value ?? (await vscode.window.showInputBox({
      title: `${subject.name} · ${property}`,
      value: suggestedFactValue(evidence),
      prompt: vscode.l10n.t('The value as it will be compared across sources: dates as YYYY-MM-DD, counts as numbers, names as spelled in the article'),
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('A value is required')),
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
    })), { title: vscode.l10n.t('Fact stated by “{0}”: about which entity?', truncate(evidence, 50)), matchOnDescription: true });
    return picked?.entity;
  }

  private async pickProperty(articleUri: string, subject: Entity): Promise<string | undefined> {
    const index = this.indexer.indexFor(articleUri);
    const choices = propertyChoices(index?.factGroupsFor(subject.id).map((group) => group.property) ?? [], index?.properties() ?? []);
    const items = [
      { label: vscode.l10n.t('$(add) New property…'), property: undefined as string | undefined, alwaysShow: true },
      ...choices.map(({ property, statedAboutSubject }) => ({
        label: property, description: statedAboutSubject ? vscode.l10n.t('already stated about {0}', subject.name) : vscode.l10n.t('used in the corpus'), property,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: which property?', subject.name), placeHolder: vscode.l10n.t('Reuse a property so sources can be compared') });
    if (!picked) return undefined;
    if (picked.property) return picked.property;
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('New property'), prompt: vscode.l10n.t('Lowercase words joined by hyphens, e.g. next-destination'),
      validateInput: (text) => (propertyName(text) ? undefined : vscode.l10n.t('Type a name')),
    });
    return typed ? propertyName(typed) : undefined;
  }

  private async deleteFact(ref?: ItemRef): Promise<void> {
    if (!ref) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.articleUri));
    await this.live.change(document, (sidecar) => removeFact(sidecar, ref.itemId));
  }
}
