// Which entities the "link to an entity" picker offers, and in what order.
import type { Entity } from '../model';

/**
 * The entities of the label, those whose name or an alias is the selected text (ignoring case)
 * first, each group in registry order.
 */
export function entityChoices(entities: readonly Entity[], labelId: string, selectedText: string): Entity[] {
  const needle = selectedText.toLocaleLowerCase();
  const named = (entity: Entity) => [entity.name, ...entity.aliases].some((n) => n.toLocaleLowerCase() === needle);
  const sameLabel = entities.filter((e) => e.label === labelId);
  return [...sameLabel.filter(named), ...sameLabel.filter((e) => !named(e))];
}
