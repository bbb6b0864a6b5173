// Typed context keys, set only on change: each key remembers the value it last gave the
// workbench, so frequent callers (cursor moves, tree refreshes) do not flood it with
// `setContext` calls. The keys and what they mean are `ContextKeys` in constants.ts; each is read
// by a `when` clause in package.json (a unit test checks).
import * as vscode from 'vscode';
import { ContextKeys } from './constants';

export type ContextKeyName = keyof typeof ContextKeys;

const lastValues = new Map<ContextKeyName, boolean>();

/** Sets a context key unless it already has this value; resolves when the workbench has it. */
export async function setContextKey(key: ContextKeyName, value: boolean): Promise<void> {
  if (lastValues.get(key) === value) return;
  lastValues.set(key, value);
  await vscode.commands.executeCommand('setContext', ContextKeys[key], value);
}

/** Forgets the remembered values (on deactivation, so a new activation sets every key again). */
export function resetContextKeys(): void {
  lastValues.clear();
}
