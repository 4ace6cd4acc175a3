import { EmbeddedGraphStore } from '../../src/store/embedded/embedded-graph-store';
import { testEdge, testNode } from '../support/graph-records';
import { createTestApp, postGraphQL } from './test-app';

// Values written before their vocabulary was typed (a journal replays them as stored, a Neo4j
// database keeps them): a free-text date and a role word outside today's LeadershipRole list.
function storeWithUntypedValues(): EmbeddedGraphStore {
  return new EmbeddedGraphStore({
    nodes: [
      testNode('Resolution', 'A/RES/00/1', { props: { date: 'October 2023' } }),
      testNode('Resolution', 'A/RES/00/2', { props: { date: '2015-09-25' } }),
      testNode('Meeting', 'TEST-1', { props: { date: 'mid-2019', endDate: '2019-07' } }),
      testNode('Initiative', 'test-initiative'),
      testNode('Entity', 'ITU'),
    ],
    edges: [
      testEdge('LED_BY', 'Initiative:test-initiative', 'Entity:ITU', { role: 'chairperson of sorts', since: 'long ago' }),
    ],
    dataset: { version: 'test', builtAt: '2026-01-01T00:00:00Z' },
  });
}

describe('typed twins of free-text fields read older values without failing', () => {
  const { app } = createTestApp({}, storeWithUntypedValues());

  it('gives null in the typed field and the text in the old one, with no error', async () => {
    const { status, body } = await postGraphQL(
      app,
      `{
        a: node(id: "Resolution:A/RES/00/1") { ... on Resolution { date partialDate } }
        b: node(id: "Resolution:A/RES/00/2") { ... on Resolution { date partialDate } }
        m: node(id: "Meeting:TEST-1") { ... on Meeting { date partialDate endDate partialEndDate } }
        i: node(id: "Initiative:test-initiative") {
          linksConnection { nodes { link { type leadRole leadershipRole since sinceDate } } }
        }
      }`,
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual({
      a: { date: 'October 2023', partialDate: null },
      b: { date: '2015-09-25', partialDate: '2015-09-25' },
      m: { date: 'mid-2019', partialDate: null, endDate: '2019-07', partialEndDate: '2019-07' },
      i: { linksConnection: { nodes: [{ link: { type: 'LED_BY', leadRole: 'chairperson of sorts', leadershipRole: null, since: 'long ago', sinceDate: null } }] } },
    });
  });
});
