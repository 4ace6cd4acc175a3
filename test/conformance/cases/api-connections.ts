import type { GraphNode, PropValue } from '../../../src/domain/graph-records';
import { toSortKey } from '../../../src/domain/sort-key';
import type { NodeType } from '../../../src/domain/node-types';
import { encodeCursor } from '../../../src/store/cursor';
import type { CaseGroup, Harness } from '../harness';
import type { SeedModel } from '../seed-model';

/**
 * One Relay connection root field: its GraphQL filter argument (a literal,
 * built from seed values) and the port filter it stands for.
 */
interface FilterVariant {
  literal: string;
  props: Record<string, PropValue>;
}

interface ConnectionSpec {
  field: string;
  type: NodeType;
  /** Filter variants to walk besides "no filter": GraphQL literal and the stored property values it selects. */
  filters?: (seeds: SeedModel) => FilterVariant[];
}

const firstValue = (seeds: SeedModel, type: NodeType, key: string): FilterVariant => {
  const value = seeds.pick(type, (n) => typeof n.props[key] === 'string').props[key] as string;
  return { literal: `{ ${key}: ${JSON.stringify(value)} }`, props: { [key]: value } };
};

const CONNECTIONS: ConnectionSpec[] = [
  {
    field: 'actionLines',
    type: 'ActionLine',
    filters: (): FilterVariant[] => [
      { literal: '{ kind: SUB_LINE }', props: { kind: 'sub_line' } },
      { literal: '{ kind: ACTION_LINE }', props: { kind: 'action_line' } },
      { literal: '{ parent: "C7" }', props: { parent: 'C7' } },
    ],
  },
  { field: 'entities', type: 'Entity', filters: (seeds) => [firstValue(seeds, 'Entity', 'kind')] },
  { field: 'processes', type: 'Process' },
  { field: 'sdgGoals', type: 'SdgGoal' },
  {
    field: 'sdgTargets',
    type: 'SdgTarget',
    filters: (): FilterVariant[] => [
      { literal: '{ goal: "9" }', props: { goal: '9' } },
      { literal: '{ goal: "9", kind: MEANS_OF_IMPLEMENTATION }', props: { goal: '9', kind: 'means_of_implementation' } },
    ],
  },
  { field: 'sdgIndicators', type: 'SdgIndicator' },
  {
    field: 'resolutions',
    type: 'Resolution',
    filters: (seeds) => {
      const sample = seeds.pick('Resolution', (n) => typeof n.props.body === 'string' && typeof n.props.year === 'number');
      return [
        firstValue(seeds, 'Resolution', 'body'),
        firstValue(seeds, 'Resolution', 'instrument'),
        { literal: `{ body: ${JSON.stringify(sample.props.body)}, year: ${sample.props.year} }`, props: { body: sample.props.body!, year: sample.props.year! } },
      ];
    },
  },
  { field: 'initiatives', type: 'Initiative', filters: (seeds) => [firstValue(seeds, 'Initiative', 'kind')] },
  {
    field: 'gdcCommitments',
    type: 'GdcCommitment',
    filters: (): FilterVariant[] => [
      { literal: '{ status: DRAFT }', props: { status: 'draft' } },
      { literal: '{ status: ADOPTED }', props: { status: 'adopted' } },
    ],
  },
];

const cursorOf = (node: GraphNode) => encodeCursor({ sortKey: toSortKey(node.code), id: node.id });

// Walks every page of one connection and compares each page whole with the seeds.
async function walk({ graphql }: Harness, spec: ConnectionSpec, expected: GraphNode[], filterLiteral: string | null, pageSize: number) {
  const filter = filterLiteral ? `, filter: ${filterLiteral}` : '';
  let after: string | null = null;
  let offset = 0;
  for (let pages = 0; pages < 1000; pages++) {
    const response = await graphql(
      `query ($after: String) { ${spec.field}(first: ${pageSize}, after: $after${filter}) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code } } nodes { id } } }`,
      { after },
    );
    const page = expected.slice(offset, offset + pageSize);
    expect({ field: spec.field, filter: filterLiteral, offset, response }).toEqual({
      field: spec.field,
      filter: filterLiteral,
      offset,
      response: {
        status: 200,
        body: {
          data: {
            [spec.field]: {
              totalCount: expected.length,
              pageInfo: { hasNextPage: offset + pageSize < expected.length, endCursor: page.length > 0 ? cursorOf(page.at(-1)!) : null },
              edges: page.map((node) => ({ cursor: cursorOf(node), node: { id: node.id, code: node.code } })),
              nodes: page.map((node) => ({ id: node.id })),
            },
          },
        },
      },
    });
    offset += pageSize;
    if (offset >= expected.length) return;
    after = cursorOf(page.at(-1)!);
  }
}

/** Every connection root field: all pages, with and without filters, whole. */
export const apiConnections: CaseGroup = {
  area: 'api: connections',
  cases: [
    ...CONNECTIONS.map((spec) => ({
      name: `${spec.field} pages through ${spec.type} nodes in code order, with totalCount and cursors, filtered or not`,
      async run(harness: Harness) {
        const { seeds } = harness;
        const all = seeds.ofType(spec.type);
        expect(all.length).toBeGreaterThan(0);
        await walk(harness, spec, all, null, Math.max(2, Math.ceil(all.length / 3)));
        for (const filter of spec.filters?.(seeds) ?? []) {
          const expected = seeds.ofType(spec.type, { props: filter.props });
          expect({ filter: filter.literal, matches: expected.length > 0 }).toEqual({ filter: filter.literal, matches: true });
          await walk(harness, spec, expected, filter.literal, Math.max(1, Math.ceil(expected.length / 2)));
        }
      },
    })),
    {
      name: 'a connection with first 0 answers no nodes; a bad cursor or filter value is BAD_USER_INPUT and reads nothing',
      async run({ graphql, seeds }) {
        const empty = await graphql(`{ sdgGoals(first: 0) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`);
        expect(empty).toEqual({
          status: 200,
          body: { data: { sdgGoals: { totalCount: seeds.ofType('SdgGoal').length, pageInfo: { hasNextPage: true, endCursor: null }, nodes: [] } } },
        });
        const bad = await graphql(`{ sdgTargets(after: "bm90LWEtY3Vyc29y") { nodes { id } } }`);
        expect(bad.body.data).toBeNull();
        expect(bad.body.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, argument: e.extensions?.argument }))).toEqual([
          { path: ['sdgTargets'], code: 'BAD_USER_INPUT', argument: 'after' },
        ]);
        const badGoal = await graphql(`{ sdgTargets(filter: { goal: "18" }) { nodes { id } } }`);
        expect(badGoal.body.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, argument: e.extensions?.argument }))).toEqual([
          { path: ['sdgTargets'], code: 'BAD_USER_INPUT', argument: 'filter.goal' },
        ]);
      },
    },
  ],
};
