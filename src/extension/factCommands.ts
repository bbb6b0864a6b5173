// "Add Fact": records a claim the article makes (subject entity, property, value) with the
// selection as its evidence. The pickers put first what is most likely: entities annotated in
// the selection, properties other sources already use.
import * as vscode from 'vscode';
import { addFact, propertyName, removeFact, timestamp } from '../core/annotating';
import type { CorpusIndexer } from '../core/crossSource';
import type { CorpusStore } from '../core/corpus';
import { findDates, truncate } from '../core/text';
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
      value: suggestedValue(evidence),
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
    // Entities annotated in or around the evidence come first: "Putin ... 24 tahun" is about Putin.
    const inside = new Set(annotations.filter((a) => !a.orphaned && a.entity && a.start < end && start < a.end).map((a) => a.entity!));
    const ranked = [...entities.filter((e) => inside.has(e.id)), ...entities.filter((e) => !inside.has(e.id))];
    const picked = await vscode.window.showQuickPick(ranked.map((entity) => ({
      label: entity.name, description: `${entity.label}${inside.has(entity.id) ? ' · in the selection' : ''}`, detail: entity.description, entity,
    })), { title: vscode.l10n.t('Fact stated by “{0}”: about which entity?', truncate(evidence, 50)), matchOnDescription: true });
    return picked?.entity;
  }

  private async pickProperty(articleUri: string, subject: Entity): Promise<string | undefined> {
    const index = this.indexer.indexFor(articleUri);
    const forSubject = new Set(index?.factGroupsFor(subject.id).map((group) => group.property) ?? []);
    const all = index?.properties() ?? [];
    const items = [
      { label: vscode.l10n.t('$(add) New property…'), property: undefined as string | undefined, alwaysShow: true },
      ...[...forSubject].map((property) => ({ label: property, description: vscode.l10n.t('already stated about {0}', subject.name), property })),
      ...all.filter((p) => !forSubject.has(p)).map((property) => ({ label: property, description: vscode.l10n.t('used in the corpus'), property })),
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

/** A value to start from: the ISO form of a date in the evidence, else the evidence itself. */
function suggestedValue(evidence: string): string {
  const date = findDates(evidence)[0];
  if (date) return date.iso;
  const number = /\b(\d+(?:[.,]\d+)?)\b/.exec(evidence);
  if (number && evidence.length > 20) return number[1]!;
  return evidence.replace(/\s+/g, ' ').trim();
}
