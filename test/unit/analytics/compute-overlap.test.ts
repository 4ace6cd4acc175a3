import { computeOverlap, type Overlap } from '../../../src/analytics/compute-overlap';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { countCalls, createFixtureStore, fixtureEdge } from './fixtures';

const brief = (o: Overlap) => ({
  sharedTargets: o.sharedTargets.map((s) => ({ id: s.id, a: s.evidenceA.map((e) => e.id), b: s.evidenceB.map((e) => e.id) })),
  sharedGoals: o.sharedGoals.map((s) => ({ id: s.id, a: s.evidenceA.map((e) => e.id), b: s.evidenceB.map((e) => e.id) })),
  sharedEntities: o.sharedEntities.map((s) => ({ id: s.id, a: s.evidenceA.map((e) => e.id), b: s.evidenceB.map((e) => e.id) })),
  links: o.links.map((e) => e.id),
  onlyA: o.onlyA,
  onlyB: o.onlyB,
  targetCountA: o.targetCountA,
  targetCountB: o.targetCountB,
  jaccard: o.jaccard,
});

describe('analytics: overlap of two nodes', () => {
  it('gives shared targets and goals with the evidence of each side, the links between them and the Jaccard index', async () => {
    const overlap = await computeOverlap(createFixtureStore(), { a: 'ActionLine:C1', b: 'GdcObjective:1' }, { goalLinks: 'EVERY_TARGET' });
    const c1To11 = fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1').id;
    const c1ToGoal2 = fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgGoal:2').id;
    const via10 = [fixtureEdge('CONTRIBUTES_TO', 'GdcCommitment:10', 'SdgTarget:1.1').id, fixtureEdge('UNDER_OBJECTIVE', 'GdcCommitment:10', 'GdcObjective:1').id];
    const via11 = [fixtureEdge('CONTRIBUTES_TO', 'GdcCommitment:11', 'SdgGoal:2').id, fixtureEdge('UNDER_OBJECTIVE', 'GdcCommitment:11', 'GdcObjective:1').id];
    expect(overlap.a.id).toBe('ActionLine:C1');
    expect(overlap.b.id).toBe('GdcObjective:1');
    expect(brief(overlap)).toEqual({
      sharedTargets: [
        { id: 'SdgTarget:1.1', a: [c1To11], b: via10 },
        { id: 'SdgTarget:2.1', a: [c1ToGoal2], b: via11 },
      ],
      sharedGoals: [
        { id: 'SdgGoal:1', a: [c1To11], b: via10 },
        { id: 'SdgGoal:2', a: [c1ToGoal2], b: via11 },
      ],
      sharedEntities: [],
      links: [fixtureEdge('CORRESPONDS_TO', 'GdcCommitment:10', 'ActionLine:C1').id],
      onlyA: [],
      onlyB: [],
      targetCountA: 2,
      targetCountB: 2,
      jaccard: 1,
    });
  });

  it('shows what each leaves uncovered and the entities linked to both, C7 standing for its sub-lines', async () => {
    const overlap = await computeOverlap(createFixtureStore(), { a: 'ActionLine:C1', b: 'ActionLine:C7' }, { goalLinks: 'GOAL_ONLY' });
    expect(brief(overlap)).toEqual({
      sharedTargets: [],
      sharedGoals: [
        {
          id: 'SdgGoal:1',
          a: [fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1').id],
          b: [fixtureEdge('MATRIX_LINK', 'ActionLine:C7.e-health', 'SdgTarget:1.2').id, fixtureEdge('SUB_LINE_OF', 'ActionLine:C7.e-health', 'ActionLine:C7').id],
        },
      ],
      sharedEntities: [
        { id: 'Entity:B', a: [fixtureEdge('FACILITATES', 'Entity:B', 'ActionLine:C1').id], b: [fixtureEdge('FACILITATES', 'Entity:B', 'ActionLine:C7').id] },
      ],
      links: [],
      // GOAL_ONLY: C1's goal-level link to SDG 2 reaches no target.
      onlyA: ['SdgTarget:1.1'],
      onlyB: ['SdgTarget:1.2'],
      targetCountA: 1,
      targetCountB: 1,
      jaccard: 0,
    });
  });

  it('reads with three store calls', async () => {
    const { store, calls } = countCalls(createFixtureStore());
    await computeOverlap(store, { a: 'ActionLine:C1', b: 'GdcObjective:1' }, { goalLinks: 'EVERY_TARGET' });
    expect(calls.sort()).toEqual(['getNeighbours:4', 'getNodes:2', 'listEdges']);
  });

  it('names the argument at fault', async () => {
    const store = createFixtureStore();
    await expect(computeOverlap(store, { a: 'C5', b: 'GdcObjective:1' }, { goalLinks: 'EVERY_TARGET' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { argument: 'a' },
    });
    await expect(computeOverlap(store, { a: 'ActionLine:C1', b: 'GdcObjective:9' }, { goalLinks: 'EVERY_TARGET' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { argument: 'b', id: 'GdcObjective:9' },
    });
  });

  it('over the seeds: C5 and GDC objective 3 share targets through the GDC SDG tags, with their derived correspondences as links', async () => {
    const store = createEmbeddedGraphStore();
    const overlap = await computeOverlap(store, { a: 'ActionLine:C5', b: 'GdcObjective:3' }, { goalLinks: 'EVERY_TARGET' });
    const c5Targets = (await store.getNeighbours([{ id: 'ActionLine:C5', direction: 'out', types: ['MATRIX_LINK'] }]))[0]!.map((n) => n.node.id);
    // Every shared target is one C5 links to, and its evidence on C5's side is that very link.
    for (const shared of overlap.sharedTargets) {
      expect(c5Targets).toContain(shared.id);
      expect(shared.evidenceA.map((e) => e.id)).toEqual([`MATRIX_LINK|ActionLine:C5|${shared.id}`]);
      expect(shared.evidenceB.some((e) => e.type === 'CONTRIBUTES_TO')).toBe(true);
    }
    expect(overlap.sharedTargets.length).toBeGreaterThan(0);
    expect(overlap.links.length).toBeGreaterThan(0);
    expect(overlap.links.every((e) => e.type === 'CORRESPONDS_TO' && e.to === 'ActionLine:C5' && e.provenance.confidence === 'derived')).toBe(true);
    expect(overlap.jaccard).toBeCloseTo(overlap.sharedTargets.length / (overlap.targetCountA + overlap.targetCountB - overlap.sharedTargets.length));
  });
});
