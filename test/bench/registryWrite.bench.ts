// Registry writes on the 10,000-entity registry (30,000 names, test/bench/corpus.ts) through
// the store, as the extension does them: `CorpusStore.updateRegistry` reads and decodes the
// file, the change (`upsertEntity` for "Annotate Selection" → new entity, "Add to Registry" and
// the importer; `addLabels` for the importer's new labels) writes the new text, the store writes
// it atomically and reads the registry back for its index. Each run changes the file again, so
// every run starts from the bytes the previous one wrote.
import { CorpusStore } from '../../src/core/corpus/corpusStore';
import { addLabels, upsertEntities, upsertEntity } from '../../src/core/format/registryWriter';
import type { Entity } from '../../src/core/model/types';
import { MemoryCorpusHost } from '../unit/fakes/memoryCorpusHost';
import { makeEntities, registryYaml } from './corpus';
import { registerCase, timeRuns } from './harness';

const RUNS = 15;

registerCase({
  name: 'registry writes on the 10,000-entity registry',
  async run(context) {
    const entities = makeEntities();
    const registryText = registryYaml(entities);
    const host = new MemoryCorpusHost();
    const uri = host.put('entities.yaml', registryText);
    console.log(`  registry: ${entities.length} entities, ${(registryText.length / 1e6).toFixed(2)} MB`);
    const store = new CorpusStore(host);
    await store.load();

    const added = await timeRuns(RUNS, (run) => store.updateRegistry(uri, (current) => upsertEntity(uri, current!, {
      id: `added-${run}`, label: 'PER', name: `Added Person ${run}`, aliases: [`A. Person ${run}`, 'Добавлен'],
    })));
    context.report('one entity added to the 10,000-entity registry', 'ms', added, { op: '<=', value: 150, of: 'median' },
      'upsertEntity of a new entity through CorpusStore.updateRegistry (read, write, read back)');

    // Entities spread over the file, each given one more alias: its lines replaced in place.
    const changed = await timeRuns(RUNS, (run) => {
      const entity: Entity = entities[(1000 + run * 577) % entities.length]!;
      return store.updateRegistry(uri, (current) => upsertEntity(uri, current!, { ...entity, aliases: [...entity.aliases, `alias ${run}`] }));
    });
    context.report('one entity\'s aliases changed in place in the 10,000-entity registry', 'ms', changed, { op: '<=', value: 150, of: 'median' },
      'upsertEntity of an existing id through CorpusStore.updateRegistry');

    const labels = await timeRuns(RUNS, (run) => store.updateRegistry(uri, (current) => addLabels(uri, current!, [
      { id: `NEW${run}`, name: `New label ${run}`, color: '#20a0a0' },
    ])));
    context.report('one label added to the 10,000-entity registry', 'ms', labels, undefined, 'addLabels through CorpusStore.updateRegistry');

    // The file changed on disk since the store's last read or write (here: a comment added): the
    // change reads it once with the fast reader, then splices.
    let edits = 0;
    const afterEdit = await timeRuns(7, (run) => store.updateRegistry(uri, (current) => upsertEntity(uri, current!, {
      id: `after-edit-${run}`, label: 'PER', name: `After Edit ${run}`, aliases: [],
    })), () => {
      host.put('entities.yaml', `${host.text(uri)!}# edited by hand ${edits++}\n`);
    });
    context.report('first entity added after the registry changed on disk (one fast read + splice)', 'ms', afterEdit);

    const final = store.registryFor(`${uri.slice(0, -'entities.yaml'.length)}any.txt`);
    if (final?.registry.entities.length !== entities.length + RUNS + 7 || !final.labels.has(`NEW${RUNS - 1}`)) {
      throw new Error('the writes did not reach the registry');
    }

    // An import that brings 1,000 new entities (interchange/importPlan.ts): all in one change,
    // to the registry in our layout (a splice each) and to a hand-edited one that the splice
    // declines (a comment on every name line): one `yaml` parse for them all.
    const IMPORTED = 1000;
    const imported = (run: number, count = IMPORTED): Entity[] => Array.from({ length: count }, (_, k) => ({
      id: `imported-${run}-${k}`, label: 'PER', name: `Imported Organisation ${run}.${k}`, aliases: [`IO ${run}.${k}`],
    }));
    const importOurs = await timeRuns(3, (run) => store.updateRegistry(uri, (current) => upsertEntities(uri, current!, imported(run))));
    context.report(`an import adding ${IMPORTED} entities to the registry (our layout: one splice)`, 'ms', importOurs);
    const handUri = host.put('hand/entities.yaml', registryText.replace(/^( {4}name: .*)$/gm, '$1  # checked'));
    await store.fileChanged(handUri);
    const importHand = await timeRuns(3, (run) => store.updateRegistry(handUri, (current) => upsertEntities(handUri, current!, imported(run))));
    const oneByOne = await timeRuns(3, (run) => store.updateRegistry(handUri, (current) => upsertEntity(handUri, current!, imported(100 + run, 1)[0]!)));
    const perEntity = [...oneByOne].sort((a, b) => a - b)[1]!;
    context.report(`an import adding ${IMPORTED} entities to a hand-edited registry (one yaml parse)`, 'ms', importHand, undefined,
      `one upsertEntity per entity costs ${perEntity.toFixed(0)} ms here (a parse each): ${(perEntity * IMPORTED / 1000).toFixed(0)} s for ${IMPORTED}`);
    const hand = store.registryFor(`${handUri.slice(0, -'entities.yaml'.length)}any.txt`);
    if (hand?.registry.entities.length !== entities.length + 3 * IMPORTED + 3 || !host.text(handUri)!.includes('# checked')) {
      throw new Error('the import did not reach the hand-edited registry');
    }
    store.dispose();
  },
});
