import type { GraphEdge, GraphNode } from '../../../src/domain/graph-records';
import type { GraphStore } from '../../../src/store/graph-store';
import type { CaseGroup } from '../harness';
import type { SeedModel } from '../seed-model';

// A node and edge that are not in the seeds; the facts are test fixtures, named as such.
const testEntity: GraphNode = {
  id: 'Entity:TEST-CONFORMANCE',
  type: 'Entity',
  code: 'TEST-CONFORMANCE',
  name: { en: 'Conformance test body', zh: '一致性测试机构' },
  props: { kind: 'test_fixture', facts: ['written by the conformance suite'], year: 2024, active: true },
  provenance: { sources: [{ document: 'test fixture' }], confidence: 'derived', method: 'conformance suite' },
};
const testEdge = (to: string): GraphEdge => ({
  id: `FACILITATES|${testEntity.id}|${to}`,
  type: 'FACILITATES',
  from: testEntity.id,
  to,
  props: { role: 'contributor', roleWordInSource: false },
  provenance: { sources: [{ url: 'https://example.org/test-fixture' }], confidence: 'derived', method: 'conformance suite' },
});

// What a reader can observe about a node: itself, its links both ways, and the totals.
async function observe(store: GraphStore, id: string) {
  const [[node], [links], counts] = await Promise.all([
    store.getNodes([id]),
    store.getNeighbours([{ id, direction: 'both' }]),
    store.counts(),
  ]);
  return { node, links, counts };
}

function expectedObservation(seeds: SeedModel, id: string) {
  return { node: seeds.node(id), links: seeds.neighbours(id, 'both'), counts: seeds.counts() };
}

/** `applyWrites`: all or nothing, in order, NOT_FOUND and CONFLICT as the port documents. */
export const writes: CaseGroup = {
  area: 'port: writes',
  cases: [
    {
      name: 'creates, updates and deletes nodes and edges; readers see each step; deleting restores the seeds',
      requires: 'writes',
      async run({ freshStore, seeds, graphql }) {
        const store = await freshStore();
        const line = seeds.node('ActionLine:C2');
        const edge = testEdge(line.id);
        expect(await store.applyWrites([
          { op: 'createNode', node: testEntity },
          { op: 'createEdge', edge },
        ])).toMatchObject({ applied: 2 });
        expect(await store.getNodes([testEntity.id])).toEqual([testEntity]);
        expect(await store.getEdges([edge.id])).toEqual([edge]);
        expect(await store.getNeighbours([{ id: testEntity.id, direction: 'out' }])).toEqual([[{ edge, node: line }]]);
        const page = await store.listNodes({ type: 'Entity', filter: { props: { kind: 'test_fixture' } }, first: 5, withTotal: true });
        expect(page.nodes).toEqual([testEntity]);
        expect((await store.search({ text: '一致性测试', first: 5 })).map((hit) => hit.node)).toEqual([testEntity]);
        const counted = await store.counts();
        expect(counted.nodes.find((c) => c.type === 'Entity')!.count).toBe(seeds.ofType('Entity').length + 1);

        // The API reads the same store.
        const viaApi = await graphql(`{ entity(code: "TEST-CONFORMANCE") { code name(lang: ZH) facilitates { id role } } }`, undefined, store);
        expect(viaApi.body).toEqual({
          data: { entity: { code: 'TEST-CONFORMANCE', name: '一致性测试机构', facilitates: [{ id: `Facilitation:${edge.id}`, role: 'CONTRIBUTOR' }] } },
        });

        const renamed: GraphNode = { ...testEntity, name: { en: 'Renamed test body' }, props: { kind: 'test_fixture_2' } };
        const reroled: GraphEdge = { ...edge, props: { role: 'facilitator' } };
        await store.applyWrites([
          { op: 'updateNode', node: renamed },
          { op: 'updateEdge', edge: reroled },
        ]);
        expect(await store.getNodes([testEntity.id])).toEqual([renamed]);
        expect(await store.getEdges([edge.id])).toEqual([reroled]);
        // Old names and properties are gone, not merged.
        expect(await store.search({ text: '一致性测试', first: 5 })).toEqual([]);
        expect((await store.listNodes({ type: 'Entity', filter: { props: { kind: 'test_fixture' } }, first: 5 })).nodes).toEqual([]);

        await store.applyWrites([{ op: 'deleteEdge', id: edge.id }]);
        expect(await store.getEdges([edge.id])).toEqual([null]);
        await store.applyWrites([{ op: 'createEdge', edge }, { op: 'deleteNode', id: testEntity.id }]);
        expect(await store.getEdges([edge.id])).toEqual([null]);
        expect(await observe(store, line.id)).toEqual(expectedObservation(seeds, line.id));
      },
    },
    {
      name: 'deleteNode removes every edge touching the node; recreating them restores it',
      requires: 'writes',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        const c7 = seeds.node('ActionLine:C7');
        const touching = seeds.neighbours(c7.id, 'both');
        expect(touching.length).toBeGreaterThan(0);
        await store.applyWrites([{ op: 'deleteNode', id: c7.id }]);
        expect(await store.getNodes([c7.id])).toEqual([null]);
        expect(await store.getEdges(touching.map((n) => n.edge.id))).toEqual(touching.map(() => null));
        const counts = await store.counts();
        const expected = seeds.counts();
        for (const tally of expected.edges) tally.count -= touching.filter((n) => n.edge.type === tally.type).length;
        expected.nodes.find((tally) => tally.type === 'ActionLine')!.count -= 1;
        expect(counts).toEqual(expected);

        // Put it back, so a store whose factory shares one database is left as the seeds.
        await store.applyWrites([
          { op: 'createNode', node: c7 },
          ...touching.map(({ edge }) => ({ op: 'createEdge' as const, edge })),
        ]);
        expect(await observe(store, c7.id)).toEqual(expectedObservation(seeds, c7.id));
      },
    },
    {
      name: 'an operation naming a missing node fails with NOT_FOUND and undoes the earlier ones',
      requires: 'writes',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        const line = seeds.node('ActionLine:C2');
        await expect(
          store.applyWrites([
            { op: 'createNode', node: testEntity },
            { op: 'deleteNode', id: line.id },
            { op: 'updateNode', node: { ...testEntity, id: 'Entity:NO-SUCH-BODY', code: 'NO-SUCH-BODY' } },
          ]),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { id: 'Entity:NO-SUCH-BODY' } });
        expect(await store.getNodes([testEntity.id])).toEqual([null]);
        expect(await observe(store, line.id)).toEqual(expectedObservation(seeds, line.id));

        for (const ops of [
          [{ op: 'deleteEdge' as const, id: 'NO|SUCH|EDGE' }],
          [{ op: 'updateEdge' as const, edge: testEdge(line.id) }],
          [{ op: 'createEdge' as const, edge: testEdge(line.id) }], // its from-node does not exist
          [{ op: 'deleteNode' as const, id: 'Entity:NO-SUCH-BODY' }],
        ]) {
          await expect(store.applyWrites(ops)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        }
        expect(await store.counts()).toEqual(seeds.counts());
      },
    },
    {
      name: 'creating an id that exists, or moving an edge\'s ends, fails with CONFLICT and changes nothing',
      requires: 'writes',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        const existing = seeds.node('Entity:ITU');
        const existingEdge = seeds.neighbours(existing.id, 'out', ['FACILITATES'])[0]!.edge;
        const line = seeds.node('ActionLine:C2');
        await expect(
          store.applyWrites([
            { op: 'createNode', node: testEntity },
            { op: 'createEdge', edge: testEdge(line.id) },
            { op: 'deleteNode', id: line.id },
            { op: 'createNode', node: { ...existing, name: { en: 'A second ITU' } } },
          ]),
        ).rejects.toMatchObject({ code: 'CONFLICT', details: { id: existing.id } });
        expect(await store.getNodes([testEntity.id, existing.id])).toEqual([null, existing]);
        expect(await observe(store, line.id)).toEqual(expectedObservation(seeds, line.id));

        await expect(store.applyWrites([{ op: 'createEdge', edge: existingEdge }])).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { id: existingEdge.id },
        });
        const otherLine = seeds.pick('ActionLine', (n) => n.id !== existingEdge.to);
        await expect(
          store.applyWrites([{ op: 'updateEdge', edge: { ...existingEdge, to: otherLine.id } }]),
        ).rejects.toMatchObject({ code: 'CONFLICT', details: { id: existingEdge.id } });
        expect(await store.getEdges([existingEdge.id])).toEqual([existingEdge]);
        expect(await store.counts()).toEqual(seeds.counts());
      },
    },
    {
      name: 'getNodesByAlias follows writes: aliases added, changed and removed by updates, a failed batch, deleted nodes, a doubled alias',
      requires: 'writes',
      async run({ freshStore, seeds, graphql }) {
        const store = await freshStore();
        const holder = seeds.nodes.find((node) => Array.isArray(node.props.aliases) && node.props.aliases.length > 0)!;
        const seedAlias = (holder.props.aliases as string[])[0]!;
        const merged = 'Initiative:test-merged-record';
        const resolve = async (ids: string[]) => ((await graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }, store)).body.data as { nodes: unknown }).nodes;

        // An update that drops the alias: the old id answers nothing, through the port and the API.
        const { aliases: _dropped, ...withoutAliases } = holder.props;
        await store.applyWrites([{ op: 'updateNode', node: { ...holder, props: withoutAliases } }]);
        expect(await store.getNodesByAlias([seedAlias])).toEqual([null]);
        expect(await resolve([seedAlias])).toEqual([null]);

        // A created node's alias answers at once; a batch that failed leaves no alias behind.
        const carrier: GraphNode = { ...testEntity, props: { ...testEntity.props, aliases: [merged] } };
        await store.applyWrites([{ op: 'createNode', node: carrier }]);
        expect(await store.getNodesByAlias([merged, seedAlias])).toEqual([carrier, null]);
        expect(await resolve([merged])).toEqual([{ id: carrier.id }]);
        await expect(
          store.applyWrites([
            { op: 'updateNode', node: { ...holder, props: { ...holder.props, aliases: [seedAlias, 'Initiative:test-never-written'] } } },
            { op: 'deleteNode', id: 'Entity:NO-SUCH-BODY' },
          ]),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect(await store.getNodesByAlias([seedAlias, 'Initiative:test-never-written'])).toEqual([null, null]);

        // One alias on several nodes: the first by node type in vocabulary order, then by code order (9 before 10).
        const other = (type: 'Entity' | 'Initiative', code: string): GraphNode => ({ ...carrier, id: `${type}:${code}`, type, code });
        const [initiative, entity9, entity10] = [other('Initiative', 'test-alias'), other('Entity', 'TEST-ALIAS-9'), other('Entity', 'TEST-ALIAS-10')];
        await store.applyWrites([{ op: 'createNode', node: initiative }]);
        expect(await store.getNodesByAlias([merged])).toEqual([carrier]);
        await store.applyWrites([{ op: 'createNode', node: entity10 }, { op: 'createNode', node: entity9 }]);
        expect(await store.getNodesByAlias([merged])).toEqual([entity9]);
        await store.applyWrites([{ op: 'deleteNode', id: entity9.id }]);
        expect(await store.getNodesByAlias([merged])).toEqual([entity10]);
        await store.applyWrites([{ op: 'deleteNode', id: entity10.id }, { op: 'deleteNode', id: carrier.id }]);
        expect(await store.getNodesByAlias([merged])).toEqual([initiative]);

        // An alias given as one id rather than a list; changing it moves the answer.
        const single: GraphNode = { ...initiative, props: { ...initiative.props, aliases: 'Initiative:test-single' } };
        await store.applyWrites([{ op: 'updateNode', node: single }]);
        expect(await store.getNodesByAlias([merged, 'Initiative:test-single'])).toEqual([null, single]);
        await store.applyWrites([{ op: 'deleteNode', id: single.id }, { op: 'updateNode', node: holder }]);
        expect(await store.getNodesByAlias(['Initiative:test-single', seedAlias])).toEqual([null, holder]);
        expect(await store.counts()).toEqual(seeds.counts());
      },
    },
    {
      name: 'an empty batch applies nothing',
      requires: 'writes',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        expect(await store.applyWrites([])).toMatchObject({ applied: 0 });
        expect(await store.counts()).toEqual(seeds.counts());
      },
    },
  ],
};
