import { GraphQLEnumType, type GraphQLSchema } from 'graphql';
import { EDGE_TYPES, EDGE_VOCABULARY, edgePropSpecs, type EdgeSpec } from '../../../src/domain/edge-types';
import { graphEdgeSchema, graphNodeSchema } from '../../../src/domain/graph-records';
import { NODE_VOCABULARY } from '../../../src/domain/node-vocabulary';
import { NODE_TYPES } from '../../../src/domain/node-types';
import type { PropSpec } from '../../../src/domain/prop-spec';
import { createSchema } from '../../../src/graphql/schema';
import { enums } from '../../../src/graphql/resolvers/enums';
import { testEdge, testNode } from '../../support/graph-records';

// The SDL's enums of stored values are a second statement of the vocabulary's
// enum props: when the two differ, a reader meets a masked error instead of a value.
const schema: GraphQLSchema = createSchema();
const sdlValues = (name: string) => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`the SDL has no enum ${name}`);
  return type.getValues().map((value) => value.name);
};

type EnumProp = { owner: string; key: string; spec: Extract<PropSpec, { kind: 'enum' }> };
const allProps: { owner: string; key: string; spec: PropSpec }[] = [
  ...NODE_TYPES.flatMap((type) => Object.entries(NODE_VOCABULARY[type].props).map(([key, spec]) => ({ owner: type as string, key, spec }))),
  ...EDGE_TYPES.flatMap((type) => Object.entries((EDGE_VOCABULARY[type] as EdgeSpec).props ?? {}).map(([key, spec]) => ({ owner: type as string, key, spec }))),
];
const enumProps = allProps.filter((p): p is EnumProp => p.spec.kind === 'enum' && p.spec.graphql !== undefined);

describe('vocabulary: the SDL enums are the vocabulary', () => {
  it('has at least the enums the read API serves from props', () => {
    expect(enumProps.map((p) => `${p.owner}.${p.key}:${p.spec.graphql}`).sort()).toEqual([
      'ActionLine.kind:ActionLineKind',
      'FACILITATES.role:FacilitatorRole',
      'GdcCommitment.status:GdcStatus',
      'LED_BY.role:LeadershipRole',
      'MappingStudy.status:StudyStatus',
      'PARTNER.role:PartnershipRole',
      'SdgTarget.kind:TargetKind',
    ]);
  });

  it.each(enumProps.map((p) => [`${p.owner}.${p.key}`, p] as const))('declares %s with exactly its values, upper-cased', (_name, { spec }) => {
    expect(sdlValues(spec.graphql!).sort()).toEqual(spec.values.map((v) => v.toUpperCase()).sort());
    expect(Object.values(enums[spec.graphql as keyof typeof enums]).sort()).toEqual([...spec.values].sort());
  });

  it('declares NodeType and LinkType as the node and edge types', () => {
    expect(sdlValues('NodeType').sort()).toEqual([...NODE_TYPES].sort());
    expect(sdlValues('LinkType').sort()).toEqual([...EDGE_TYPES].sort());
  });
});

describe('vocabulary: the record schemas follow it', () => {
  it('refuses a prop outside its enum, naming value and expectation', () => {
    const result = graphNodeSchema.safeParse(testNode('ActionLine', 'C3', { props: { kind: 'pillar' } }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['props', 'kind'],
      message: 'kind is "pillar"; expected one of action_line, sub_line',
      params: { value: 'pillar', expected: 'one of action_line, sub_line' },
    });
  });

  it.each([
    ['Resolution', 'A/RES/1', { year: '2005' }, 'props.year'],
    ['Resolution', 'A/RES/1', { year: 2005.5 }, 'props.year'],
    ['Entity', 'ITU', { respondentToSgWsisReport2024: 'yes' }, 'props.respondentToSgWsisReport2024'],
    ['Entity', 'ITU', { nameZhVariants: 'x' }, 'props.nameZhVariants'],
    ['GdcObjective', 'three', {}, 'code'],
    ['SdgTarget', '9.z', { goal: '10' }, 'props.goal'],
    ['SdgTarget', '9.z', {}, 'props.goal'],
    ['GdcCommitment', '5', { status: 'final' }, 'props.status'],
  ] as const)('refuses a %s %s with %j at %s', (type, code, props, path) => {
    const result = graphNodeSchema.safeParse(testNode(type, code, { props: props as Record<string, string> }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('refuses a FACILITATES link without a role or with one outside FacilitatorRole, and a LED_BY or PARTNER role outside its enum', () => {
    expect(graphEdgeSchema.safeParse(testEdge('FACILITATES', 'Entity:UNESCO', 'ActionLine:C2')).error?.issues[0]?.path).toEqual(['props', 'role']);
    expect(graphEdgeSchema.safeParse(testEdge('FACILITATES', 'Entity:UNESCO', 'ActionLine:C2', { role: 'secretariat' })).success).toBe(false);
    expect(graphEdgeSchema.safeParse(testEdge('LED_BY', 'Process:IGF', 'Entity:ITU', { role: 'secretariat' })).success).toBe(true);
    expect(graphEdgeSchema.safeParse(testEdge('LED_BY', 'Process:IGF', 'Entity:ITU', { role: 'host' })).success).toBe(false);
    expect(graphEdgeSchema.safeParse(testEdge('PARTNER', 'Process:IGF', 'Entity:ITU', { role: 'secretariat' })).success).toBe(false);
    expect(graphEdgeSchema.safeParse(testEdge('LED_BY', 'Process:IGF', 'Entity:ITU', { role: ['secretariat'] })).success).toBe(false);
  });

  it('keeps the props the generic Link reads strings on every link type', () => {
    for (const type of EDGE_TYPES) expect(edgePropSpecs(type)).toMatchObject({ relation: { kind: 'string' }, label: { kind: 'string' } });
    expect(graphEdgeSchema.safeParse(testEdge('RECALLS', 'Resolution:A', 'Resolution:B', { relation: ['x'] })).success).toBe(false);
  });
});
