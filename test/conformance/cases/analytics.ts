import { buildMatrix } from '../../../src/analytics/build-matrix';
import { computeCoverage } from '../../../src/analytics/compute-coverage';
import { exportGraph } from '../../../src/analytics/export-graph';
import { findMandates } from '../../../src/analytics/find-mandates';
import type { CaseGroup } from '../harness';

/**
 * The analytic questions (src/analytics) against every store: they are
 * written once over the port, so each store must give them the same answers,
 * derived here from the seed files.
 */
export const analytics: CaseGroup = {
  area: 'analytics: mandates, overlap, matrix, coverage, paths, export',
  cases: [
    {
      name: 'matrix(ACTION_LINES × SDG_GOALS) is the seeded WSIS–SDG Matrix at goal level, cell for cell with flags',
      async run({ graphql, seeds }) {
        const expected = new Map<string, string[]>();
        for (const link of seeds.edgesOf(['MATRIX_LINK'])) {
          const goal = link.to.startsWith('SdgGoal:') ? link.to : seeds.linked(link.to, 'out', ['TARGET_OF'])[0]!.id;
          const key = `${link.from}|${goal}`;
          expected.set(key, [...(expected.get(key) ?? []), link.id].sort());
        }
        const { body } = await graphql('{ matrix(rows: ACTION_LINES, columns: SDG_GOALS) { cells { row { id } column { id } value evidence { id } flags } } }');
        type Cell = { row: { id: string }; column: { id: string }; value: number; evidence: { id: string }[]; flags: string[] };
        const cells = (body.data?.matrix as { cells: Cell[] }).cells;
        expect(new Map(cells.map((c) => [`${c.row.id}|${c.column.id}`, c.evidence.map((e) => e.id)]))).toEqual(expected);
        for (const cell of cells) {
          expect(cell.value).toBe(cell.evidence.length);
          expect(cell.flags).toEqual([...new Set(cell.evidence.flatMap((e) => seeds.edge(e.id).provenance.flags ?? []))].sort());
        }
      },
    },
    {
      name: 'matrix.cell(row, column) is the entry of cells for that pair, and null for an empty pair or a node on neither axis',
      async run({ graphql }) {
        const grid = await graphql('{ matrix(rows: ACTION_LINES, columns: SDG_TARGETS) { cells { row { id } column { id } value flags evidence { id } } } }');
        type Cell = { row: { id: string }; column: { id: string }; value: number; flags: string[]; evidence: { id: string }[] };
        const cells = (grid.body.data?.matrix as { cells: Cell[] }).cells;
        const filled = new Set(cells.map((c) => `${c.row.id}|${c.column.id}`));
        const empty = ['ActionLine:C1', 'ActionLine:C3', 'ActionLine:C11'].map((row) => `${row}|SdgTarget:9.c`).find((key) => !filled.has(key))!;
        expect(empty).toBeDefined();
        const picked = [cells[0]!, cells[Math.floor(cells.length / 2)]!, cells[cells.length - 1]!];
        const query = `query($r0: ID!, $c0: ID!, $r1: ID!, $c1: ID!, $r2: ID!, $c2: ID!, $re: ID!, $ce: ID!) { matrix(rows: ACTION_LINES, columns: SDG_TARGETS) {
          c0: cell(row: $r0, column: $c0) { row { id } column { id } value flags evidence { id } }
          c1: cell(row: $r1, column: $c1) { row { id } column { id } value flags evidence { id } }
          c2: cell(row: $r2, column: $c2) { row { id } column { id } value flags evidence { id } }
          empty: cell(row: $re, column: $ce) { value }
          offAxis: cell(row: "SdgTarget:9.c", column: "ActionLine:C2") { value }
        } }`;
        const [re, ce] = empty.split('|');
        const { body } = await graphql(query, {
          ...Object.fromEntries(picked.flatMap((cell, i) => [[`r${i}`, cell.row.id], [`c${i}`, cell.column.id]])),
          re,
          ce,
        });
        expect(body).toEqual({ data: { matrix: { c0: picked[0], c1: picked[1], c2: picked[2], empty: null, offAxis: null } } });
      },
    },
    {
      name: 'matrix over the port: WSIS–GDC cells are the seeded CORRESPONDS_TO links, grouped by objective',
      async run({ store, seeds }) {
        const matrix = await buildMatrix(store(), { rows: 'ACTION_LINES', columns: 'GDC_OBJECTIVES', measure: 'DIRECT_LINKS', goalLinks: 'EVERY_TARGET' });
        const expected = new Map<string, string[]>();
        for (const link of seeds.edgesOf(['CORRESPONDS_TO'], ['GdcCommitment'], ['ActionLine'])) {
          for (const objective of seeds.linked(link.from, 'out', ['UNDER_OBJECTIVE'])) {
            const key = `${link.to}|${objective.id}`;
            expected.set(key, [...(expected.get(key) ?? []), link.id].sort());
          }
        }
        expect(new Map(matrix.cells.map((c) => [`${c.row.id}|${c.column.id}`, c.evidence.map((e) => e.id)]))).toEqual(expected);
      },
    },
    {
      name: 'mandates(of: "Entity:CSTD") reports every seeded MANDATES/ASKS link to the CSTD as direct, E/RES/2006/46 among them',
      async run({ store, seeds }) {
        const traces = await findMandates(store(), 'Entity:CSTD');
        const direct = seeds.neighbours('Entity:CSTD', 'in', ['MANDATES', 'ASKS']).map((n) => n.edge.id);
        expect(traces.filter((t) => t.chain.length === 0).map((t) => t.mandate.id).sort()).toEqual(direct.sort());
        expect(traces.some((t) => t.resolution.id === 'Resolution:E/RES/2006/46' && t.chain.length === 0)).toBe(true);
        // Every carried mandate's chain starts at a text that points (FOLLOWS_UP, …) at its origin.
        for (const trace of traces.filter((t) => t.chain.length > 0)) expect(trace.chain[0]!.edge.to).toBe(trace.origin.id);
      },
    },
    {
      name: 'overlap(C5, GDC objective 3) lists as links exactly the seeded correspondences of its commitments to C5',
      async run({ graphql, seeds }) {
        const { body } = await graphql('{ overlap(a: "ActionLine:C5", b: "GdcObjective:3") { links { id } sharedTargets { node { id } } jaccard } }');
        const overlap = body.data?.overlap as { links: { id: string }[]; sharedTargets: { node: { id: string } }[]; jaccard: number };
        const commitments = seeds.linked('GdcObjective:3', 'in', ['UNDER_OBJECTIVE']).map((c) => c.id);
        const expected = seeds.neighbours('ActionLine:C5', 'in', ['CORRESPONDS_TO']).filter((n) => commitments.includes(n.node.id)).map((n) => n.edge.id);
        expect(overlap.links.map((l) => l.id)).toEqual(expected);
        const c5Targets = seeds.linked('ActionLine:C5', 'out', ['MATRIX_LINK'], ['SdgTarget']).map((t) => t.id);
        for (const shared of overlap.sharedTargets) expect(c5Targets).toContain(shared.node.id);
        expect(overlap.jaccard).toBeGreaterThan(0);
      },
    },
    {
      name: 'paths(C5 → GDC objective 3) are the two-link explanations through each corresponding commitment',
      async run({ graphql, seeds }) {
        const { body } = await graphql('{ paths(from: "ActionLine:C5", to: "GdcObjective:3", first: 100) { nodes { id } links { id } } }');
        const paths = body.data?.paths as { nodes: { id: string }[]; links: { id: string }[] }[];
        const under = new Set(seeds.linked('GdcObjective:3', 'in', ['UNDER_OBJECTIVE']).map((c) => c.id));
        const expected = seeds
          .neighbours('ActionLine:C5', 'both')
          .filter((n) => under.has(n.node.id))
          .flatMap((n) =>
            seeds
              .neighbours(n.node.id, 'out', ['UNDER_OBJECTIVE'])
              .map((u) => JSON.stringify({ nodes: ['ActionLine:C5', n.node.id, 'GdcObjective:3'], links: [n.edge.id, u.edge.id] })),
          );
        expect(paths.map((p) => JSON.stringify({ nodes: p.nodes.map((x) => x.id), links: p.links.map((x) => x.id) })).sort()).toEqual(expected.sort());
      },
    },
    {
      name: 'coverage: GDC commitments without WSIS counterpart and targets without target-level link, as the seeds say',
      async run({ store, seeds }) {
        const coverage = await computeCoverage(store());
        const corresponding = new Set(seeds.edgesOf(['CORRESPONDS_TO']).map((e) => e.from));
        expect(coverage.gdcCommitmentsWithoutWsis.map((c) => c.id)).toEqual(
          seeds.ofType('GdcCommitment').filter((c) => !corresponding.has(c.id) && !seeds.linked(c.id, 'out', ['UNDER_OBJECTIVE']).some((o) => corresponding.has(o.id))).map((c) => c.id),
        );
        const linked = new Set(seeds.edgesOf(['MATRIX_LINK']).map((e) => e.to));
        expect(coverage.unreachedTargets.map((u) => u.target.id)).toEqual(seeds.ofType('SdgTarget').filter((t) => !linked.has(t.id)).map((t) => t.id));
      },
    },
    {
      name: 'graph export holds every seeded node and link',
      async run({ store, seeds }) {
        const graph = await exportGraph(store());
        expect(graph.nodes.map((n) => n.id).sort()).toEqual(seeds.nodes.map((n) => n.id).sort());
        expect(graph.edges.map((e) => e.id)).toEqual(seeds.edges.map((e) => e.id).sort());
      },
    },
  ],
};
