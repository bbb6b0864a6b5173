// Light-bulb actions on annotated spans (relabel, link, note, delete, all occurrences) and
// quick fixes for suggested mentions ("Annotate as Vladimir Putin (PER)").
import * as vscode from 'vscode';
import { isSidecarName } from '../core/format';
import { truncate } from '../core/text';
import { renameDuplicateId } from '../core/format';
import type { ItemRef, SuggestionRef } from './commandArgs';
import { Commands, DIAGNOSTIC_SOURCE } from './constants';
import type { LiveArticles } from './liveArticles';
import { spanOfRange } from './documentOffsets';
import type { Suggestions } from './suggestions';

const ANNOTATION_KIND = vscode.CodeActionKind.Refactor.append('sourceAnnotator');

export class AnnotationCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, ANNOTATION_KIND];

  constructor(private readonly live: LiveArticles, private readonly suggestions: Suggestions) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context?: vscode.CodeActionContext): vscode.CodeAction[] {
    if (isSidecarName(document.uri.path)) return duplicateIdFixes(document, context);
    const live = this.live.get(document);
    if (!live) return [];
    // Asked for as the cursor moves, also while typing: conversions and spans from the live
    // state, without reading the whole text or building the whole sidecar.
    const positions = this.live.positions(document);
    const { start, end } = spanOfRange(document, positions, range);
    const actions: vscode.CodeAction[] = [];

    this.suggestions.suggestionsAt(document, start, end).forEach((suggestion, index) => {
      const what = suggestion.entityName
        ? `${suggestion.entityName} (${suggestion.label})`
        : `${suggestion.label}${suggestion.iso ? ` (${suggestion.iso})` : ''}`;
      const action = new vscode.CodeAction(vscode.l10n.t('Annotate “{0}” as {1}', suggestion.text, what), vscode.CodeActionKind.QuickFix);
      action.command = {
        command: Commands.annotateSuggestion, title: action.title,
        arguments: [{
          articleUri: live.uri, start: suggestion.start, end: suggestion.end, label: suggestion.label,
          ...(suggestion.entityId ? { entityId: suggestion.entityId } : {}),
        } satisfies SuggestionRef],
      };
      action.isPreferred = index === 0;
      actions.push(action);
    });

    for (const annotation of this.live.annotationsAt(document, start, end).slice(0, 2)) {
      const ref: ItemRef = { articleUri: live.uri, itemId: annotation.id };
      const quoted = `“${truncate(annotation.text, 30)}”`;
      const make = (title: string, command: string) => {
        const action = new vscode.CodeAction(title, ANNOTATION_KIND);
        action.command = { command, title, arguments: [ref] };
        actions.push(action);
      };
      make(vscode.l10n.t('Relabel {0} ({1})…', quoted, annotation.label), Commands.relabel);
      make(vscode.l10n.t('Link {0} to an entity…', quoted), Commands.relink);
      make(annotation.note ? vscode.l10n.t('Edit note on {0}…', quoted) : vscode.l10n.t('Add note to {0}…', quoted), Commands.editNote);
      make(vscode.l10n.t('Annotate all occurrences of {0}', quoted), Commands.annotateAllOccurrences);
      make(vscode.l10n.t('Delete annotation {0}', quoted), Commands.deleteAnnotation);
    }

    if (!range.isEmpty && actions.length === 0) {
      const action = new vscode.CodeAction(vscode.l10n.t('Annotate selection…'), ANNOTATION_KIND);
      action.command = { command: Commands.annotateSelection, title: action.title };
      actions.push(action);
    }
    return actions;
  }
}

/** "Give this item a new id" for each duplicate-id problem under the cursor: a one-scalar edit. */
function duplicateIdFixes(document: vscode.TextDocument, context: vscode.CodeActionContext | undefined): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const diagnostic of context?.diagnostics ?? []) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== 'duplicate-id') continue;
    const fix = renameDuplicateId(document.uri.toString(), document.getText(), document.offsetAt(diagnostic.range.start));
    if (!fix) continue;
    const action = new vscode.CodeAction(vscode.l10n.t('Give this item the new id `{0}`', fix.id), vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(fix.start), document.positionAt(fix.end)), fix.text);
    actions.push(action);
  }
  return actions;
}
