import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildMatrix, type Matrix } from '../../../src/analytics/build-matrix';
import type { GraphEdge } from '../../../src/domain/graph-records';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { countCalls, createFixtureStore, fixtureEdge } from './fixtures';

// A cell as ids, so whole matrices compare readably.
const cellsOf = (matrix: Matrix) =>
  matrix.cells.map((c) => ({ row: c.row.id, column: c.column.id, value: c.value, evidence: c.evidence.map((e) => e.id), flags: c.flags, sharedTargets: c.sharedTargets }));
const ids = (...edges: GraphEdge[]) => edges.map((e) => e.id).sort();

describe('analytics: matrix over the seeded WSIS–SDG Matrix', () => {
  const store = createEmbeddedGraphStore();
  const seeded = JSON.parse(readFileSync(path.join(__dirname, '../../../seeds/edges/wsis-sdg-matrix.json'), 'utf8')) as GraphEdge[];

  // The goal-level projection, computed from the seed file alone: a link to a
  // target counts for the goal its code begins with ("9.c" -> 9).
  const projection = new Map<string, GraphEdge[]>();
  for (const link of seeded) {
    const code = link.to.slice(link.to.indexOf(':') + 1);
    const goal = link.to.startsWith('SdgGoal:') ? code : code.split('.')[0]!;
    const key = `${link.from}|SdgGoal:${goal}`;
    projection.set(key, [...(projection.get(key) ?? []), link]);
  }

  it('ACTION_LINES × SDG_GOALS equals the seeded matrix links cell for cell, flags included', async () => {
    const matrix = await buildMatrix(store, { rows: 'ACTION_LINES', columns: 'SDG_GOALS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    const actual = new Map(matrix.cells.map((c) => [`${c.row.id}|${c.column.id}`, c]));
    expect([...actual.keys()].sort()).toEqual([...projection.keys()].sort());
    for (const [key, links] of projection) {
      const cell = actual.get(key)!;
      expect({ key, value: cell.value, evidence: cell.evidence.map((e) => e.id), flags: cell.flags }).toEqual({
        key,
        value: links.length,
        evidence: links.map((l) => l.id).sort(),
        flags: [...new Set(links.flatMap((l) => l.provenance.flags ?? []))].sort(),
      });
    }
  });

  it('keeps the conflicts the data flags visible on their cells', async () => {
    const matrix = await buildMatrix(store, { rows: 'ACTION_LINES', columns: 'SDG_GOALS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    const conflicted = [...projection].filter(([, links]) => links.some((l) => l.provenance.flags?.includes('matrix_views_disagree'))).map(([key]) => key);
    const flagged = matrix.cells.filter((c) => c.flags.includes('matrix_views_disagree')).map((c) => `${c.row.id}|${c.column.id}`);
    expect(conflicted.length).toBeGreaterThan(0);
    expect(flagged.sort()).toEqual(conflicted.sort());
  });

  it('lists rows and columns in code order, sub-lines after C7, and rolls sub-lines into C7 for ACTION_LINES_MAIN', async () => {
    const all = await buildMatrix(store, { rows: 'ACTION_LINES', columns: 'SDG_GOALS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    const main = await buildMatrix(store, { rows: 'ACTION_LINES_MAIN', columns: 'SDG_GOALS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    const lines = (await store.listNodes({ type: 'ActionLine', first: 100 })).nodes;
    expect(all.rows.map((n) => n.id)).toEqual(lines.map((n) => n.id));
    expect(all.columns.map((n) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17']);
    expect(main.rows.map((n) => n.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11']);
    // C7's row is the union of its sub-lines' rows (C7 itself has no matrix link).
    const c7 = new Map<string, string[]>();
    for (const [key, links] of projection) {
      if (!key.startsWith('ActionLine:C7')) continue;
      const goal = key.split('|')[1]!;
      c7.set(goal, [...(c7.get(goal) ?? []), ...links.map((l) => l.id)].sort());
    }
    const mainC7 = main.cells.filter((c) => c.row.code === 'C7').map((c) => [c.column.id, c.evidence.map((e) => e.id)]);
    expect(mainC7).toEqual([...c7].sort((a, b) => Number(a[0].split(':')[1]) - Number(b[0].split(':')[1])));
  });
});

describe('analytics: matrix measures over a hand-made graph', () => {
  it('DIRECT_LINKS: a target-level link counts for its goal, part-of links do not count', async () => {
    const matrix = await buildMatrix(createFixtureStore(), { rows: 'ACTION_LINES_MAIN', columns: 'SDG_GOALS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    expect(matrix.rows.map((n) => n.id)).toEqual(['ActionLine:C1', 'ActionLine:C7']);
    expect(cellsOf(matrix)).toEqual([
      { row: 'ActionLine:C1', column: 'SdgGoal:1', value: 1, evidence: ids(fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1')), flags: [], sharedTargets: [] },
      {
        row: 'ActionLine:C1',
        column: 'SdgGoal:2',
        value: 1,
        evidence: ids(fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgGoal:2')),
        flags: ['matrix_views_disagree'],
        sharedTargets: [],
      },
      // C7 stands for its sub-line: e-health's link to 1.2 counts for C7 × SDG 1.
      { row: 'ActionLine:C7', column: 'SdgGoal:1', value: 1, evidence: ids(fixtureEdge('MATRIX_LINK', 'ActionLine:C7.e-health', 'SdgTarget:1.2')), flags: [], sharedTargets: [] },
    ]);
  });

  it('DIRECT_LINKS: a GDC objective stands for its commitments (the WSIS–GDC matrix)', async () => {
    const matrix = await buildMatrix(createFixtureStore(), { rows: 'ACTION_LINES', columns: 'GDC_OBJECTIVES', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    expect(cellsOf(matrix)).toEqual([
      { row: 'ActionLine:C1', column: 'GdcObjective:1', value: 1, evidence: ids(fixtureEdge('CORRESPONDS_TO', 'GdcCommitment:10', 'ActionLine:C1')), flags: [], sharedTargets: [] },
    ]);
  });

  it('DIRECT_LINKS: linkTypes limits the links counted', async () => {
    const matrix = await buildMatrix(createFixtureStore(), {
      rows: 'ENTITIES',
      columns: 'ACTION_LINES',
      measure: 'DIRECT_LINKS',
      goalLinks: 'EVERY_TARGET',
      linkTypes: ['FACILITATES'],
    });
    expect(cellsOf(matrix).map((c) => [c.row, c.column, c.value])).toEqual([
      ['Entity:A', 'ActionLine:C1', 1],
      ['Entity:B', 'ActionLine:C1', 1],
      ['Entity:B', 'ActionLine:C7', 1],
    ]);
  });

  // Target sets (EVERY_TARGET): C1 {1.1, 2.1 via its goal-level link}, C7.e-health {1.2},
  // SDG 1 {1.1, 1.2}, SDG 2 {2.1}.
  it('JACCARD: |A ∩ B| / |A ∪ B| on target sets, a goal-level link counting for every target of the goal', async () => {
    const matrix = await buildMatrix(createFixtureStore(), { rows: 'ACTION_LINES', columns: 'SDG_GOALS', measure: 'JACCARD', goalLinks: 'EVERY_TARGET' });
    expect(cellsOf(matrix).map((c) => [c.row, c.column, c.value, c.sharedTargets])).toEqual([
      ['ActionLine:C1', 'SdgGoal:1', 1 / 3, ['SdgTarget:1.1']],
      ['ActionLine:C1', 'SdgGoal:2', 1 / 2, ['SdgTarget:2.1']],
      ['ActionLine:C7.e-health', 'SdgGoal:1', 1 / 2, ['SdgTarget:1.2']],
    ]);
  });

  it('SHARED_TARGETS: GOAL_ONLY keeps goal-level links out of target sets; evidence lists the links walked on both sides', async () => {
    const store = createFixtureStore();
    const every = await buildMatrix(store, { rows: 'ACTION_LINES_MAIN', columns: 'GDC_OBJECTIVES', measure: 'SHARED_TARGETS', goalLinks: 'EVERY_TARGET' });
    const goalOnly = await buildMatrix(store, { rows: 'ACTION_LINES_MAIN', columns: 'GDC_OBJECTIVES', measure: 'SHARED_TARGETS', goalLinks: 'GOAL_ONLY' });
    expect(cellsOf(every)).toEqual([
      {
        row: 'ActionLine:C1',
        column: 'GdcObjective:1',
        value: 2,
        evidence: ids(
          fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1'),
          fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgGoal:2'),
          fixtureEdge('UNDER_OBJECTIVE', 'GdcCommitment:10', 'GdcObjective:1'),
          fixtureEdge('CONTRIBUTES_TO', 'GdcCommitment:10', 'SdgTarget:1.1'),
          fixtureEdge('UNDER_OBJECTIVE', 'GdcCommitment:11', 'GdcObjective:1'),
          fixtureEdge('CONTRIBUTES_TO', 'GdcCommitment:11', 'SdgGoal:2'),
        ),
        flags: ['matrix_views_disagree'],
        sharedTargets: ['SdgTarget:1.1', 'SdgTarget:2.1'],
      },
    ]);
    expect(cellsOf(goalOnly).map((c) => [c.row, c.column, c.value, c.sharedTargets])).toEqual([['ActionLine:C1', 'GdcObjective:1', 1, ['SdgTarget:1.1']]]);
  });

  it('SHARED_TARGETS: an entity reaches what it facilitates, not what it used to lead', async () => {
    const matrix = await buildMatrix(createFixtureStore(), { rows: 'ENTITIES', columns: 'SDG_TARGETS', measure: 'SHARED_TARGETS', goalLinks: 'EVERY_TARGET' });
    expect(cellsOf(matrix).map((c) => [c.row, c.column])).toEqual([
      ['Entity:A', 'SdgTarget:1.1'],
      ['Entity:A', 'SdgTarget:2.1'],
      ['Entity:B', 'SdgTarget:1.2'],
    ]);
  });

  it('reads with a fixed number of store calls, whatever the size of the matrix', async () => {
    const { store, calls } = countCalls(createFixtureStore());
    await buildMatrix(store, { rows: 'ACTION_LINES', columns: 'SDG_TARGETS', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
    expect(calls.sort()).toEqual(['listEdges', 'listEdges', 'listNodes', 'listNodes']);
  });
});
