import { encodeCursor } from '../../../src/store/cursor';
import { toSortKey } from '../../../src/domain/sort-key';
import type { GraphNode } from '../../../src/domain/graph-records';
import type { CaseGroup } from '../harness';

const cursorOf = (node: GraphNode) => encodeCursor({ sortKey: toSortKey(node.code), id: node.id });

/** The port's read methods, called directly. */
export const portReads: CaseGroup = {
  area: 'port: reads',
  cases: [
    {
      name: 'getNodes returns nodes in key order, null for a missing id, repeats for a repeated id',
      async run({ store, seeds }) {
        const a = seeds.pick('ActionLine');
        const b = seeds.pick('SdgTarget');
        const c = seeds.pick('Resolution', (n) => n.code.includes('/'));
        const ids = [b.id, 'ActionLine:NO-SUCH-LINE', a.id, c.id, b.id];
        expect(await store().getNodes(ids)).toEqual([b, null, a, c, b]);
        expect(await store().getNodes([])).toEqual([]);
      },
    },
    {
      name: 'getNodesByAlias answers the node each merged id now lives in, in key order; null for a node id or an unknown id',
      async run({ store, seeds }) {
        // The reference: every alias the seeds keep, with the node that keeps it (the seeds give no alias twice).
        const kept = seeds.nodes.flatMap((node) => (Array.isArray(node.props.aliases) ? (node.props.aliases as string[]).map((alias) => ({ alias, node })) : []));
        expect(kept.length).toBeGreaterThan(1);
        const [first, second] = [kept[0]!, kept[kept.length - 1]!];
        const ids = [second.alias, first.node.id, 'Initiative:no-such-merged-record', first.alias, second.alias];
        expect(await store().getNodesByAlias(ids)).toEqual([second.node, null, null, first.node, second.node]);
        expect(await store().getNodesByAlias(kept.map((k) => k.alias))).toEqual(kept.map((k) => k.node));
        expect(await store().getNodesByAlias([])).toEqual([]);
      },
    },
    {
      name: 'getEdges returns edges in key order, null for a missing id',
      async run({ store, seeds }) {
        const [e1, e2] = [seeds.edges[0]!, seeds.edges[seeds.edges.length - 1]!];
        expect(await store().getEdges([e2.id, 'NO|SUCH|EDGE', e1.id])).toEqual([e2, null, e1]);
      },
    },
    {
      name: 'getNeighbours answers each query in order: out, in, both, by types, [] for an unknown id',
      async run({ store, seeds }) {
        const c7 = seeds.node('ActionLine:C7');
        const sub = seeds.node('ActionLine:C7.e-health');
        const goal = seeds.pick('SdgGoal');
        const queries = [
          { id: sub.id, direction: 'out' as const },
          { id: c7.id, direction: 'in' as const },
          { id: sub.id, direction: 'both' as const },
          { id: c7.id, direction: 'in' as const, types: ['FACILITATES', 'SUB_LINE_OF'] as const },
          { id: goal.id, direction: 'in' as const, types: ['TARGET_OF'] as const },
          { id: 'Entity:NO-SUCH-BODY', direction: 'both' as const },
          { id: c7.id, direction: 'out' as const, types: [] },
        ];
        const expected = queries.map((q) => seeds.neighbours(q.id, q.direction, q.types ?? []));
        // Not vacuous: the seeds link both lines.
        expect(expected[0]!.length).toBeGreaterThan(0);
        expect(expected[1]!.length).toBeGreaterThan(0);
        expect(await store().getNeighbours(queries)).toEqual(expected);
      },
    },
    {
      name: 'countNeighbours gives, per query in order, how many neighbours getNeighbours returns; 0 for an unknown id',
      async run({ store, seeds }) {
        const queries = [
          { id: 'Entity:ITU', direction: 'both' as const },
          { id: 'ActionLine:C7', direction: 'in' as const },
          { id: 'ActionLine:C7', direction: 'in' as const, types: ['FACILITATES', 'SUB_LINE_OF'] as const },
          { id: seeds.pick('SdgGoal').id, direction: 'out' as const, types: ['TARGET_OF'] as const },
          { id: 'Entity:NO-SUCH-BODY', direction: 'both' as const },
          { id: 'ActionLine:C7.e-health', direction: 'out' as const, types: [] },
        ];
        const expected = queries.map((q) => seeds.neighbours(q.id, q.direction, q.types ?? []).length);
        expect(expected[0]).toBeGreaterThan(10); // ITU is linked to many records: not vacuous
        expect(expected[2]).toBeGreaterThan(0);
        expect(await store().countNeighbours(queries)).toEqual(expected);
        expect(await store().countNeighbours([])).toEqual([]);
      },
    },
    {
      name: 'listNodes pages through a type in code order with cursors, hasNextPage and totalCount',
      async run({ store, seeds }) {
        const all = seeds.ofType('SdgTarget');
        const pageSize = 50;
        const seen: GraphNode[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store().listNodes({ type: 'SdgTarget', first: pageSize, after, withTotal: true });
          const expected = all.slice(seen.length, seen.length + pageSize);
          expect(page).toEqual({
            nodes: expected,
            cursors: expected.map(cursorOf),
            hasNextPage: seen.length + pageSize < all.length,
            hasPreviousPage: after !== undefined,
            totalCount: all.length,
          });
          seen.push(...page.nodes);
          if (!page.hasNextPage) break;
          after = page.cursors.at(-1);
        }
        expect(seen).toEqual(all);
      },
    },
    {
      name: 'listNodes filters by codes and by properties (an array property matches an element)',
      async run({ store, seeds }) {
        const multi = seeds.pick('SdgIndicator', (n) => Array.isArray(n.props.listedAs) && n.props.listedAs.length > 1);
        const alias = (multi.props.listedAs as string[])[1]!;
        const byAlias = { props: { listedAs: alias } };
        expect(await store().listNodes({ type: 'SdgIndicator', filter: byAlias, first: 10, withTotal: true })).toEqual({
          nodes: seeds.ofType('SdgIndicator', byAlias),
          cursors: seeds.ofType('SdgIndicator', byAlias).map(cursorOf),
          hasNextPage: false,
          hasPreviousPage: false,
          totalCount: seeds.ofType('SdgIndicator', byAlias).length,
        });
        expect(seeds.ofType('SdgIndicator', byAlias)).toContainEqual(multi);

        const both = { codes: ['9.1', '9.c', '1.1', 'no-such'], props: { goal: '9' } };
        const expected = seeds.ofType('SdgTarget', both);
        expect(expected.length).toBe(2);
        const page = await store().listNodes({ type: 'SdgTarget', filter: both, first: 10 });
        expect(page).toEqual({ nodes: expected, cursors: expected.map(cursorOf), hasNextPage: false, hasPreviousPage: false });

        const year = seeds.pick('Resolution', (n) => typeof n.props.year === 'number').props.year!;
        const byYear = { props: { year } };
        const resolutions = await store().listNodes({ type: 'Resolution', filter: byYear, first: 500, withTotal: true });
        expect(resolutions.nodes).toEqual(seeds.ofType('Resolution', byYear));
        expect(resolutions.totalCount).toBe(seeds.ofType('Resolution', byYear).length);
      },
    },
    {
      name: 'listNodes with first 0 returns no nodes but says whether there are any; a foreign cursor is BAD_USER_INPUT',
      async run({ store, seeds }) {
        const total = seeds.ofType('ActionLine').length;
        expect(await store().listNodes({ type: 'ActionLine', first: 0, withTotal: true })).toEqual({
          nodes: [],
          cursors: [],
          hasNextPage: true,
          hasPreviousPage: false,
          totalCount: total,
        });
        expect(await store().listNodes({ type: 'GdcPrinciple', filter: { props: { nothing: 'x' } }, first: 5 })).toEqual({
          nodes: [],
          cursors: [],
          hasNextPage: false,
          hasPreviousPage: false,
        });
        await expect(store().listNodes({ type: 'ActionLine', first: 5, after: 'not-a-cursor' })).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
          details: { argument: 'after' },
        });
      },
    },
    {
      name: 'listNodes after the last cursor returns an empty last page',
      async run({ store, seeds }) {
        const last = seeds.ofType('SdgGoal').at(-1)!;
        expect(await store().listNodes({ type: 'SdgGoal', first: 5, after: cursorOf(last) })).toEqual({
          nodes: [],
          cursors: [],
          hasNextPage: false,
          hasPreviousPage: true,
        });
      },
    },
    {
      name: 'listNodes with last/before pages back from the end in code order, the same pages as forwards',
      async run({ store, seeds }) {
        const all = seeds.ofType('SdgTarget');
        const pageSize = 50;
        const seen: GraphNode[] = [];
        let before: string | undefined;
        for (;;) {
          const page = await store().listNodes({ type: 'SdgTarget', last: pageSize, before, withTotal: true });
          const end = all.length - seen.length;
          const expected = all.slice(Math.max(0, end - pageSize), end);
          expect(page).toEqual({
            nodes: expected,
            cursors: expected.map(cursorOf),
            hasNextPage: before !== undefined,
            hasPreviousPage: end - pageSize > 0,
            totalCount: all.length,
          });
          seen.unshift(...page.nodes);
          if (!page.hasPreviousPage) break;
          before = page.cursors[0];
        }
        expect(seen).toEqual(all);
      },
    },
    {
      name: 'listNodes with last/before filters as forwards does, and refuses a foreign cursor naming before',
      async run({ store, seeds }) {
        const goal9 = { props: { goal: '9' } };
        const targets = seeds.ofType('SdgTarget', goal9);
        expect(targets.length).toBeGreaterThan(3);
        const lastTwo = await store().listNodes({ type: 'SdgTarget', filter: goal9, last: 2, withTotal: true });
        expect(lastTwo).toEqual({
          nodes: targets.slice(-2),
          cursors: targets.slice(-2).map(cursorOf),
          hasNextPage: false,
          hasPreviousPage: true,
          totalCount: targets.length,
        });
        // Before a cursor of another goal's target: only goal 9's targets before that position.
        const other = seeds.pick('SdgTarget', (n) => n.props.goal === '10');
        const before = await store().listNodes({ type: 'SdgTarget', filter: goal9, last: 100, before: cursorOf(other) });
        const expected = targets.filter((t) => seeds.ofType('SdgTarget').indexOf(t) < seeds.ofType('SdgTarget').indexOf(other));
        expect(before).toEqual({ nodes: expected, cursors: expected.map(cursorOf), hasNextPage: true, hasPreviousPage: false });
        expect(await store().listNodes({ type: 'ActionLine', last: 0 })).toEqual({ nodes: [], cursors: [], hasNextPage: false, hasPreviousPage: true });
        await expect(store().listNodes({ type: 'ActionLine', last: 5, before: 'not-a-cursor' })).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
          details: { argument: 'before' },
        });
      },
    },
    {
      name: 'listEdges returns whole relationship families by id, optionally by end types',
      async run({ store, seeds }) {
        expect(await store().listEdges({ types: ['FACILITATES', 'SUB_LINE_OF'] })).toEqual(
          seeds.edgesOf(['FACILITATES', 'SUB_LINE_OF']),
        );
        const goalLevel = seeds.edgesOf(['MATRIX_LINK'], undefined, ['SdgGoal']);
        expect(await store().listEdges({ types: ['MATRIX_LINK'], toTypes: ['SdgGoal'] })).toEqual(goalLevel);
        const fromInitiatives = seeds.edgesOf(['CONTRIBUTES_TO'], ['Initiative']);
        expect(fromInitiatives.length).toBeGreaterThan(0);
        expect(await store().listEdges({ types: ['CONTRIBUTES_TO'], fromTypes: ['Initiative'] })).toEqual(fromInitiatives);
        expect(await store().listEdges({ types: [] })).toEqual([]);
      },
    },
    {
      name: 'counts gives every node and edge type in vocabulary order, zeros included',
      async run({ store, seeds }) {
        expect(await store().counts()).toEqual(seeds.counts());
      },
    },
    {
      name: 'datasetInfo names the seeds version and build time',
      async run({ store, seeds }) {
        expect(await store().datasetInfo()).toEqual({ version: seeds.version, builtAt: seeds.builtAt });
      },
    },
    {
      name: 'ping resolves when the store can answer',
      async run({ store }) {
        await expect(store().ping()).resolves.toBeUndefined();
      },
    },
    {
      name: 'a closed store rejects with STORE_UNAVAILABLE',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        await store.close();
        await expect(store.getNodes([seeds.nodes[0]!.id])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      },
    },
  ],
};
