import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findCarriedMandates, findMandates, mandateLineOf, type MandateTrace } from '../../../src/analytics/find-mandates';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import type { GraphEdge } from '../../../src/domain/graph-records';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { countCalls, createFixtureStore, edge as lineEdge, fixtureEdge, node as fixtureNode } from './fixtures';

const brief = (t: MandateTrace) => ({
  resolution: t.resolution.id,
  origin: t.origin.id,
  assignee: t.assignee.id,
  mandate: t.mandate.id,
  paragraph: t.paragraph,
  chain: t.chain.map((s) => ({ resolution: s.resolution.id, relation: s.relation, edge: s.edge.id })),
});

describe('analytics: mandates(of) walks chains forward from the mandating text', () => {
  it('reports the direct mandate and each later text that follows it up or reaffirms it, not one that only recalls it', async () => {
    const traces = await findMandates(createFixtureStore(), 'Entity:A');
    const mandate = fixtureEdge('MANDATES', 'Paragraph:R1#5', 'Entity:A').id;
    const followsUp = { resolution: 'Resolution:R2', relation: 'FOLLOWS_UP', edge: fixtureEdge('FOLLOWS_UP', 'Resolution:R2', 'Resolution:R1').id };
    const reaffirms = { resolution: 'Resolution:R3', relation: 'REAFFIRMS', edge: fixtureEdge('REAFFIRMS', 'Resolution:R3', 'Resolution:R2').id };
    const base = { origin: 'Resolution:R1', assignee: 'Entity:A', mandate, paragraph: '5' };
    expect(traces.map(brief)).toEqual([
      { ...base, resolution: 'Resolution:R1', chain: [] },
      { ...base, resolution: 'Resolution:R2', chain: [followsUp] },
      { ...base, resolution: 'Resolution:R3', chain: [followsUp, reaffirms] },
    ]);
  });

  it('makes one store call per chain level, not per text', async () => {
    const { store, calls } = countCalls(createFixtureStore());
    await findMandates(store, 'Entity:A');
    // node; its mandate links; documents of paragraphs; chain levels R1 -> R2 -> R3 -> (none).
    expect(calls).toEqual(['getNodes:1', 'getNeighbours:1', 'getNeighbours:1', 'getNeighbours:1', 'getNeighbours:1', 'getNeighbours:1']);
  });

  it('Resolution mandatesCarried is the reverse: what a text carries from the texts it reaffirms and follows up', async () => {
    const traces = await findCarriedMandates(createFixtureStore(), 'Resolution:R3');
    const reaffirms = { resolution: 'Resolution:R3', relation: 'REAFFIRMS', edge: fixtureEdge('REAFFIRMS', 'Resolution:R3', 'Resolution:R2').id };
    const followsUp = { resolution: 'Resolution:R2', relation: 'FOLLOWS_UP', edge: fixtureEdge('FOLLOWS_UP', 'Resolution:R2', 'Resolution:R1').id };
    expect(traces.map(brief)).toEqual([
      {
        resolution: 'Resolution:R3',
        origin: 'Resolution:R2',
        assignee: 'Entity:B',
        mandate: fixtureEdge('MANDATES', 'Resolution:R2', 'Entity:B').id,
        paragraph: null,
        chain: [reaffirms],
      },
      {
        resolution: 'Resolution:R3',
        origin: 'Resolution:R1',
        assignee: 'Entity:A',
        mandate: fixtureEdge('MANDATES', 'Paragraph:R1#5', 'Entity:A').id,
        paragraph: '5',
        chain: [followsUp, reaffirms],
      },
    ]);
  });

  it('refuses a malformed id or a node that cannot be mandated (BAD_USER_INPUT) and an unknown one (NOT_FOUND)', async () => {
    const store = createFixtureStore();
    await expect(findMandates(store, 'CSTD')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { argument: 'of' } });
    await expect(findMandates(store, 'SdgGoal:1')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { argument: 'of' } });
    await expect(findMandates(store, 'Entity:NOBODY')).rejects.toMatchObject({ code: 'NOT_FOUND', details: { argument: 'of', id: 'Entity:NOBODY' } });
  });
});

describe('analytics: mandates(of) over the seeds', () => {
  const store = createEmbeddedGraphStore();
  const seeded = JSON.parse(readFileSync(path.join(__dirname, '../../../seeds/edges/mandates.json'), 'utf8')) as GraphEdge[];

  it('includes E/RES/2006/46 for the CSTD, directly, with the paragraph its seed edge gives', async () => {
    const edge = seeded.find((e) => e.type === 'MANDATES' && e.from === 'Resolution:E/RES/2006/46' && e.to === 'Entity:CSTD')!;
    const traces = await findMandates(store, 'Entity:CSTD');
    const direct = traces.filter((t) => t.resolution.id === 'Resolution:E/RES/2006/46' && t.chain.length === 0);
    expect(direct.map(brief)).toEqual([
      {
        resolution: 'Resolution:E/RES/2006/46',
        origin: 'Resolution:E/RES/2006/46',
        assignee: 'Entity:CSTD',
        mandate: edge.id,
        paragraph: edge.provenance.sources[0]?.paragraph ?? null,
        chain: [],
      },
    ]);
  });

  it('reports every MANDATES and ASKS link to the CSTD in the seeds as a direct mandate', async () => {
    const all = ['mandates.json', 'gdc.json', 'wsis20.json'].flatMap(
      (file) => JSON.parse(readFileSync(path.join(__dirname, '../../../seeds/edges', file), 'utf8')) as GraphEdge[],
    );
    const expected = all.filter((e) => (e.type === 'MANDATES' || e.type === 'ASKS') && e.to === 'Entity:CSTD').map((e) => e.id);
    const traces = await findMandates(store, 'Entity:CSTD');
    expect(traces.filter((t) => t.chain.length === 0).map((t) => t.mandate.id).sort()).toEqual(expected.sort());
  });

  it('carries A/RES/70/125 para 33 forward to A/RES/80/173, which follows it up', async () => {
    const traces = await findMandates(store, 'Entity:CSTD');
    const carried = traces.find((t) => t.resolution.id === 'Resolution:A/RES/80/173' && t.mandate.from === 'Paragraph:A/RES/70/125#33');
    expect(carried && brief(carried)).toEqual({
      resolution: 'Resolution:A/RES/80/173',
      origin: 'Resolution:A/RES/70/125',
      assignee: 'Entity:CSTD',
      mandate: 'MANDATES|Paragraph:A/RES/70/125#33|Entity:CSTD',
      paragraph: '33',
      chain: [{ resolution: 'Resolution:A/RES/80/173', relation: 'FOLLOWS_UP', edge: 'FOLLOWS_UP|Resolution:A/RES/80/173|Resolution:A/RES/70/125' }],
    });
  });

  it('does not carry General Assembly mandates through a regional text: ESCAP-RES-72/10 follows up A/RES/70/125 in another mandate line', async () => {
    const traces = await findMandates(store, 'Entity:CSTD');
    expect(traces.some((t) => t.resolution.id === 'Resolution:ESCAP-RES-72/10')).toBe(false);
    const igf = await findMandates(store, 'Process:IGF');
    expect(igf.some((t) => t.resolution.id === 'Resolution:ESCAP-RES-72/10')).toBe(false);
    // The Assembly's own follow-up still carries it.
    expect(traces.some((t) => t.resolution.id === 'Resolution:A/RES/79/277' && t.origin.id === 'Resolution:A/RES/70/125')).toBe(true);
    const carried = await findCarriedMandates(store, 'Resolution:ESCAP-RES-72/10');
    expect(carried.filter((t) => t.origin.id !== 'Resolution:ESCAP-RES-72/10')).toEqual([]);
  });
});

describe('analytics: a mandate is carried only within its mandate line', () => {
  // G1 (UNGA) mandates X; G2 (UNGA) follows up G1; REG (a regional commission) follows up G1; G3 (UNGA) follows up REG.
  const nodes = [
    fixtureNode('Resolution', 'G1', { body: 'UNGA' }),
    fixtureNode('Resolution', 'G2', { body: 'ECOSOC' }),
    fixtureNode('Resolution', 'REG', { body: 'ESCAP' }),
    fixtureNode('Resolution', 'G3', { body: 'UNGA' }),
    fixtureNode('Resolution', 'U', {}),
    fixtureNode('Entity', 'X'),
  ];
  const edges = [
    lineEdge('MANDATES', 'Resolution:G1', 'Entity:X'),
    lineEdge('FOLLOWS_UP', 'Resolution:G2', 'Resolution:G1'),
    lineEdge('FOLLOWS_UP', 'Resolution:REG', 'Resolution:G1'),
    lineEdge('FOLLOWS_UP', 'Resolution:G3', 'Resolution:REG'),
    lineEdge('REAFFIRMS', 'Resolution:U', 'Resolution:G1'),
  ];
  const lineStore = () => new EmbeddedGraphStore({ nodes, edges, dataset: { version: 'fixture', builtAt: '2026-01-01T00:00:00Z' } });

  it('walks G1 → G2 (UN line: Assembly and ECOSOC) and a text of unknown line, never into or through the regional text', async () => {
    const traces = await findMandates(lineStore(), 'Entity:X');
    expect(traces.map((t) => t.resolution.id)).toEqual(['Resolution:G1', 'Resolution:G2', 'Resolution:U']);
  });

  it('the reverse agrees: the regional text carries no mandate of G1, G3 none through it', async () => {
    expect(await findCarriedMandates(lineStore(), 'Resolution:REG')).toEqual([]);
    expect(await findCarriedMandates(lineStore(), 'Resolution:G3')).toEqual([]);
    expect((await findCarriedMandates(lineStore(), 'Resolution:G2')).map((t) => t.origin.id)).toEqual(['Resolution:G1']);
  });

  it('reads the line from props.mandateLine before the body', () => {
    expect(mandateLineOf(fixtureNode('Resolution', 'A', { body: 'UNGA' }))).toBe('UN');
    expect(mandateLineOf(fixtureNode('Resolution', 'B', { body: 'ITU_PP' }))).toBe('ITU');
    expect(mandateLineOf(fixtureNode('Resolution', 'C', { body: 'ESCAP', mandateLine: 'UN' }))).toBe('UN');
    expect(mandateLineOf(fixtureNode('Resolution', 'D', {}))).toBeNull();
  });
});

