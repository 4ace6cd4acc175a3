import { findPaths, type GraphPath } from '../../../src/analytics/find-paths';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { countCalls, createFixtureStore, fixtureEdge } from './fixtures';

const brief = (p: GraphPath) => ({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) });

describe('analytics: paths', () => {
  it('finds the shortest explanation, links followed in either direction, two store calls per hop (counts, then links)', async () => {
    const { store, calls } = countCalls(createFixtureStore());
    const paths = await findPaths(store, { from: 'Entity:A', to: 'SdgGoal:1', maxHops: 4, first: 5 });
    expect(paths.map(brief)).toEqual([
      {
        nodes: ['Entity:A', 'ActionLine:C1', 'SdgTarget:1.1', 'SdgGoal:1'],
        edges: [
          fixtureEdge('FACILITATES', 'Entity:A', 'ActionLine:C1').id,
          fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1').id,
          fixtureEdge('TARGET_OF', 'SdgTarget:1.1', 'SdgGoal:1').id,
        ],
      },
    ]);
    expect(calls[0]).toBe('getNodes:2');
    // Each level: both frontiers' link counts in one call, then the cheaper side's links.
    const levels = calls.slice(1);
    expect(levels.filter((_, i) => i % 2 === 0).every((c) => c.startsWith('countNeighbours:'))).toBe(true);
    expect(levels.filter((_, i) => i % 2 === 1).every((c) => c.startsWith('getNeighbours:'))).toBe(true);
    expect(calls).toHaveLength(1 + 2 * 3);
  });

  it('answers [] when no path is within maxHops, and the empty path from a node to itself', async () => {
    const store = createFixtureStore();
    expect(await findPaths(store, { from: 'Entity:A', to: 'SdgGoal:1', maxHops: 2, first: 5 })).toEqual([]);
    expect((await findPaths(store, { from: 'Entity:A', to: 'Entity:A', maxHops: 2, first: 5 })).map(brief)).toEqual([{ nodes: ['Entity:A'], edges: [] }]);
  });

  it('limits the links walked to linkTypes', async () => {
    const store = createFixtureStore();
    const paths = await findPaths(store, { from: 'Entity:A', to: 'SdgGoal:1', maxHops: 4, first: 5, linkTypes: ['FACILITATES', 'MATRIX_LINK'] });
    expect(paths).toEqual([]);
  });

  it('over the seeds: returns at most `first` paths, all shortest, each link joining its neighbours on the path', async () => {
    const store = createEmbeddedGraphStore();
    const all = await findPaths(store, { from: 'Entity:ITU', to: 'SdgTarget:9.c', maxHops: 4, first: 100 });
    const two = await findPaths(store, { from: 'Entity:ITU', to: 'SdgTarget:9.c', maxHops: 4, first: 2 });
    expect(all.length).toBeGreaterThan(2);
    expect(two.map(brief)).toEqual(all.slice(0, 2).map(brief));
    const length = all[0]!.edges.length;
    for (const path of all) {
      expect(path.edges).toHaveLength(length);
      expect(path.nodes[0]!.id).toBe('Entity:ITU');
      expect(path.nodes.at(-1)!.id).toBe('SdgTarget:9.c');
      path.edges.forEach((edge, i) => expect([edge.from, edge.to].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort()));
    }
    expect(new Set(all.map((p) => JSON.stringify(brief(p)))).size).toBe(all.length);
  });

  it('grows the end with fewer links first, not the one with fewer nodes: from a hub, the search starts at the other end', async () => {
    const seeds = createEmbeddedGraphStore();
    const [itu, goal] = await seeds.countNeighbours([
      { id: 'Entity:ITU', direction: 'both' },
      { id: 'SdgGoal:9', direction: 'both' },
    ]);
    expect(itu).toBeGreaterThan(goal!); // the case this is about: ITU is the hub
    const grown: string[][] = [];
    const store = new Proxy(seeds, {
      get(target, key, receiver) {
        if (key === 'getNeighbours') return (queries: { id: string }[]) => (grown.push(queries.map((q) => q.id)), target.getNeighbours(queries as never));
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const paths = await findPaths(store, { from: 'Entity:ITU', to: 'SdgGoal:9', maxHops: 4, first: 5 });
    expect(paths.length).toBeGreaterThan(0);
    expect(grown[0]).toEqual(['SdgGoal:9']);
    expect(paths).toEqual(await findPaths(seeds, { from: 'Entity:ITU', to: 'SdgGoal:9', maxHops: 4, first: 5 }));
  });
});
