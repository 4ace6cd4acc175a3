import type { NeighbourQuery } from '../../../src/store/graph-store';
import { createCountingStore } from '../../support/counting-store';
import type { CaseGroup } from '../harness';
import type { SeedModel } from '../seed-model';

const NESTED = `query ($first: Int!) { sdgGoals(first: $first) { nodes { id targets { id actionLines { id
  facilitators { id entity { id code } } } } } } }`;

// The batches the loaders must make for NESTED, derived from the seeds: one
// listNodes, then one getNeighbours per depth level holding every distinct
// node of that level, and no getNodes (the entities arrive with the
// facilitation links, which prime the node loader).
function expectedCalls(seeds: SeedModel, first: number) {
  const goals = seeds.ofType('SdgGoal').slice(0, first);
  const targets = goals.flatMap((g) => seeds.linked(g.id, 'in', ['TARGET_OF']));
  const lines = [...new Set(targets.flatMap((t) => seeds.linked(t.id, 'in', ['MATRIX_LINK']).map((l) => l.id)))];
  const batch = (ids: string[], direction: string, types: string[]) => ids.map((id) => ({ id, direction, types })).sort(byQueryId);
  return [
    { method: 'listNodes', arg: { type: 'SdgGoal', first, withTotal: false } },
    { method: 'getNeighbours', arg: batch(goals.map((g) => g.id), 'in', ['TARGET_OF']) },
    { method: 'getNeighbours', arg: batch(targets.map((t) => t.id), 'in', ['MATRIX_LINK']) },
    { method: 'getNeighbours', arg: batch(lines, 'in', ['FACILITATES']) },
  ];
}

const byQueryId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The N+1 check: store calls per request are bounded by the query's depth, whatever the number of nodes. */
export const batching: CaseGroup = {
  area: 'api: batching (no N+1)',
  cases: [
    {
      name: 'a nested query (goals → targets → action lines → facilitators → entity) makes one store call per level',
      async run({ store, graphql, seeds }) {
        const counting = createCountingStore(store());
        const first = seeds.ofType('SdgGoal').length;
        const response = await graphql(NESTED, { first }, counting.store);
        expect(response.body.errors).toBeUndefined();
        const goals = (response.body.data?.sdgGoals as { nodes: unknown[] }).nodes;
        expect(goals).toEqual(
          seeds.ofType('SdgGoal').map((goal) => ({
            id: goal.id,
            targets: seeds.linked(goal.id, 'in', ['TARGET_OF']).map((target) => ({
              id: target.id,
              actionLines: seeds.linked(target.id, 'in', ['MATRIX_LINK']).map((line) => ({
                id: line.id,
                facilitators: seeds.neighbours(line.id, 'in', ['FACILITATES']).map(({ edge, node }) => ({
                  id: `Facilitation:${edge.id}`,
                  entity: { id: node.id, code: node.code },
                })),
              })),
            })),
          })),
        );
        const calls = counting.calls().map(({ method, arg }) =>
          method === 'getNeighbours'
            ? { method, arg: (arg as NeighbourQuery[]).map((q) => ({ id: q.id, direction: q.direction, types: q.types })).sort(byQueryId) }
            : { method, arg: { ...(arg as object), filter: undefined, after: undefined } },
        );
        const expected = expectedCalls(seeds, first).map((call) =>
          call.method === 'listNodes' ? { ...call, arg: { ...call.arg, filter: undefined, after: undefined } } : call,
        );
        expect(calls).toEqual(expected);
      },
    },
    {
      name: 'the number of store calls does not grow with the number of nodes returned',
      async run({ store, graphql, seeds }) {
        const counting = createCountingStore(store());
        await graphql(NESTED, { first: 2 }, counting.store);
        const few = counting.countsByMethod();
        counting.reset();
        await graphql(NESTED, { first: seeds.ofType('SdgGoal').length }, counting.store);
        const many = counting.countsByMethod();
        expect({ few, many }).toEqual({ few: { listNodes: 1, getNeighbours: 3 }, many: { listNodes: 1, getNeighbours: 3 } });
      },
    },
    {
      name: 'Resolution.mandatesCarried over a list of texts answers as each text alone, in store calls bounded by the walk, not by the texts',
      async run({ store, graphql, seeds }) {
        // Few fields: the cost limit counts every trace of every text the list could hold.
        const trace = 'origin { id } mandate { id }';
        const texts = seeds.ofType('Resolution');
        const alone = new Map<string, unknown>();
        for (const text of texts) {
          const response = await graphql(`query ($id: ID!) { node(id: $id) { ... on Resolution { mandatesCarried { ${trace} } } } }`, { id: text.id });
          expect(response.body.errors).toBeUndefined();
          alone.set(text.id, (response.body.data!.node as { mandatesCarried: unknown }).mandatesCarried);
        }
        expect([...alone.values()].some((traces) => (traces as unknown[]).length > 0)).toBe(true);

        const counting = createCountingStore(store());
        const response = await graphql(`query ($first: Int!) { resolutions(first: $first) { nodes { id mandatesCarried { ${trace} } } } }`, { first: texts.length }, counting.store);
        expect(response.body.errors).toBeUndefined();
        const listed = (response.body.data!.resolutions as { nodes: { id: string; mandatesCarried: unknown }[] }).nodes;
        expect(listed.map((node) => node.id).sort()).toEqual(texts.map((text) => text.id).sort());
        for (const node of listed) expect({ id: node.id, traces: node.mandatesCarried }).toEqual({ id: node.id, traces: alone.get(node.id) });
        // One listNodes, at most one getNodes (the texts themselves), then the walk's steps for all texts
        // together: one per chain level (the longest chain in the data is 4 texts) plus parts and mandates.
        const counts = counting.countsByMethod();
        expect(counts.listNodes).toBe(1);
        expect(counts.getNodes ?? 0).toBeLessThanOrEqual(1);
        expect(counting.calls().length).toBeLessThanOrEqual(10);
      },
    },
  ],
};
