// The command table: every command id of constants.ts `Commands` mapped to its handler. Feature
// modules contribute their part as a typed record; main.ts composes the parts and registers the
// whole table in one loop, so each declared command is registered exactly once and refusals are
// explained the same way for all. No `vscode` value import: the composition rule is unit-tested.
import { Commands } from './constants';

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** A handler takes whatever its command's callers pass (see commandArgs.ts). */
export type CommandHandler = (...args: never[]) => unknown;

/** A feature's part of the table. */
export type CommandContribution = { readonly [Id in CommandId]?: CommandHandler };

/** The complete table: a handler for every declared command. */
export type CommandTable = { readonly [Id in CommandId]: CommandHandler };

const declared: ReadonlySet<string> = new Set(Object.values(Commands));

/**
 * Joins the features' parts into the table. Throws when a command is contributed twice, is not
 * declared in `Commands`, or has no handler: a wiring mistake shows at activation, not when
 * someone first clicks the command.
 */
export function composeCommandTable(...parts: readonly CommandContribution[]): CommandTable {
  const table: Partial<Record<CommandId, CommandHandler>> = {};
  const problems: string[] = [];
  for (const part of parts) {
    for (const [id, handler] of Object.entries(part) as [CommandId, CommandHandler | undefined][]) {
      if (handler === undefined) continue;
      if (!declared.has(id)) problems.push(`${id} is not a declared command`);
      else if (table[id]) problems.push(`${id} is contributed twice`);
      else table[id] = handler;
    }
  }
  for (const id of declared) if (!table[id as CommandId]) problems.push(`${id} has no handler`);
  if (problems.length > 0) throw new Error(`The command table is wrong: ${problems.join('; ')}`);
  return table as CommandTable;
}
