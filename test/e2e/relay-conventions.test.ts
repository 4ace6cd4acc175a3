import { normaliseRecords } from '../support/normalised-records';
import { createTestApp, postGraphQL } from './test-app';

// The large walk below is estimated far above the default cost limit: this file tests identities, not limits.
const { app } = createTestApp({ MAX_COST: '100000000', MAX_RESPONSE_BYTES: '536870912', MAX_EXECUTION_MS: '120000', EXPENSIVE_COST: '100000000' });

const data = async (query: string, variables?: Record<string, unknown>) => {
  const { body } = await postGraphQL(app, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data as Record<string, unknown>;
};

const NODE = '__typename id code name';
const LINK = `__typename id type from { ${NODE} } to { ${NODE} } role confidence source { document paragraph } flags`;
const NODE_LINKS = `linksConnection(first: 500) { totalCount nodes { direction link { ${LINK} } node { ${NODE} } } }`;

/**
 * Links reached from both of their ends, through every relationship view: from the action
 * lines, the entities, the SDG targets and goals, and the resolutions, each with its links, its
 * facilitations, mandates, activities and matrix links.
 */
const WALK = `{
  actionLines(first: 100) { nodes { ${NODE} ${NODE_LINKS}
    facilitators { __typename id role link { ${LINK} } entity { ${NODE} } actionLine { ${NODE} } }
    matrixLinks { __typename id level link { ${LINK} } actionLine { ${NODE} } target { ${NODE} } goal { ${NODE} } }
    mandatedByConnection(first: 500) { nodes { __typename id kind link { ${LINK} } by { ${NODE} } assignee { ${NODE} } } }
    activitiesConnection(first: 500) { nodes { __typename id label link { ${LINK} } entity { ${NODE} } actionLine { ${NODE} } } }
  } }
  entities(first: 500) { nodes { ${NODE} ${NODE_LINKS}
    facilitates { __typename id role link { ${LINK} } entity { ${NODE} } actionLine { ${NODE} } }
    mandatedByConnection(first: 500) { nodes { __typename id kind link { ${LINK} } by { ${NODE} } assignee { ${NODE} } } }
  } }
  sdgTargets(first: 500) { nodes { ${NODE} ${NODE_LINKS} } }
  sdgGoals(first: 50) { nodes { ${NODE} ${NODE_LINKS} } }
  resolutions(first: 500) { nodes { ${NODE} ${NODE_LINKS} mandatesConnection(first: 500) { nodes { __typename id kind link { ${LINK} } } } } }
}`;

describe('api: ids that mean one object', () => {
  it('gives every (__typename, id) identical fields wherever a large walk reaches it, links reached from both ends', async () => {
    const walked = normaliseRecords(await data(WALK));
    expect(walked.conflicts.slice(0, 5)).toEqual([]);
    // Large, and links really were reached from both ends.
    expect(walked.objects).toBeGreaterThan(10_000);
    const facilitation = 'FACILITATES|Entity:ITU|ActionLine:C2';
    const link = walked.records.get(facilitation)!;
    expect(link.typename).toBe('Link');
    const roots = new Set(link.paths.map((path) => path.split(/[.[]/)[1]));
    expect(roots).toEqual(new Set(['actionLines', 'entities']));
    const bothEnds = [...walked.records.values()].filter(
      (record) => record.typename === 'Link' && new Set(record.paths.map((path) => path.split(/[.[]/)[1])).size > 1,
    );
    expect(bothEnds.length).toBeGreaterThan(500);
    // One id, one type: the facilitation view of the same link has an id of its own.
    expect(walked.records.get(`Facilitation:${facilitation}`)?.typename).toBe('Facilitation');
    expect(walked.records.get(`Facilitation:${facilitation}`)?.fields.get('link')?.value).toEqual({ ref: facilitation });
  });

  it('answers the issue\'s query with one value per link id through NodeLink, and shows why Link.node is deprecated', async () => {
    const byConnection = await data(`{
      actionLine(code: "C2") { linksConnection(types: [FACILITATES]) { nodes { node { id } link { id from { id } to { id } } } } }
      entity(code: "ITU") { linksConnection(types: [FACILITATES]) { nodes { node { id } link { id from { id } to { id } } } } }
    }`);
    expect(normaliseRecords(byConnection).conflicts).toEqual([]);
    const fromLine = (byConnection.actionLine as { linksConnection: { nodes: { node: { id: string }; link: { id: string } }[] } }).linksConnection.nodes;
    const fromEntity = (byConnection.entity as { linksConnection: { nodes: { node: { id: string }; link: { id: string } }[] } }).linksConnection.nodes;
    const itu = fromLine.find((n) => n.link.id === 'FACILITATES|Entity:ITU|ActionLine:C2')!;
    const c2 = fromEntity.find((n) => n.link.id === 'FACILITATES|Entity:ITU|ActionLine:C2')!;
    // The far end belongs to the NodeLink (per parent), not to the Link.
    expect([itu.node.id, c2.node.id]).toEqual(['Entity:ITU', 'ActionLine:C2']);

    // The deprecated shape still answers as before, and a normalised cache cannot hold it.
    const deprecated = await data(`{
      actionLine(code: "C2") { links { id node { id } } }
      entity(code: "ITU") { links { id node { id } } }
    }`);
    const conflicts = normaliseRecords(deprecated).conflicts;
    expect(conflicts.map((c) => c.id)).toContain('FACILITATES|Entity:ITU|ActionLine:C2');
    expect(new Set(conflicts.map((c) => c.field))).toEqual(new Set(['node']));
  });
});

describe('api: Relay connections both ways', () => {
  type Page = { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; nodes: { code: string }[] };

  it('pages a root list backwards with last/before to the same nodes as forwards', async () => {
    const forwards = ((await data('{ sdgTargets(first: 500) { nodes { code } } }')).sdgTargets as Page).nodes.map((n) => n.code);
    const backwards: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page = (await data('query($b: String) { sdgTargets(last: 40, before: $b) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code } } }', { b: before }))
        .sdgTargets as Page;
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      backwards.unshift(...page.nodes.map((n) => n.code));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backwards).toEqual(forwards);
    expect(forwards.length).toBeGreaterThan(160);
  });

  it('pages a node\'s links both ways with exact page info', async () => {
    const all = ((await data('{ entity(code: "ITU") { linksConnection(first: 500) { totalCount nodes { link { id } } } } }')).entity as {
      linksConnection: { totalCount: number; nodes: { link: { id: string } }[] };
    }).linksConnection;
    expect(all.nodes.length).toBe(all.totalCount);
    const ids = all.nodes.map((n) => n.link.id);
    expect([...ids].sort()).toEqual(ids);
    const first = ((await data('{ entity(code: "ITU") { linksConnection(first: 5) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { link { id } } } } }')).entity as {
      linksConnection: { pageInfo: Page['pageInfo']; nodes: { link: { id: string } }[] };
    }).linksConnection;
    expect([first.nodes.map((n) => n.link.id), first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([ids.slice(0, 5), true, false]);
    const next = ((await data('query($a: String) { entity(code: "ITU") { linksConnection(first: 5, after: $a) { pageInfo { hasPreviousPage startCursor } nodes { link { id } } } } }', { a: first.pageInfo.endCursor })).entity as {
      linksConnection: { pageInfo: Page['pageInfo']; nodes: { link: { id: string } }[] };
    }).linksConnection;
    expect([next.nodes.map((n) => n.link.id), next.pageInfo.hasPreviousPage]).toEqual([ids.slice(5, 10), true]);
    const back = ((await data('query($b: String) { entity(code: "ITU") { linksConnection(last: 3, before: $b) { pageInfo { hasNextPage hasPreviousPage } nodes { link { id } } } } }', { b: next.pageInfo.startCursor })).entity as {
      linksConnection: { pageInfo: Page['pageInfo']; nodes: { link: { id: string } }[] };
    }).linksConnection;
    expect([back.nodes.map((n) => n.link.id), back.pageInfo.hasNextPage, back.pageInfo.hasPreviousPage]).toEqual([ids.slice(2, 5), true, true]);
  });

  it('pages a search forwards and back from a cursor, and says why last alone is refused', async () => {
    const all = ((await data('{ search(query: "digital", first: 30) { node { id } } }')).search as { node: { id: string } }[]).map((h) => h.node.id);
    type Hits = { pageInfo: Page['pageInfo']; nodes: { node: { id: string } }[] };
    const one = (await data('{ searchConnection(query: "digital", first: 10) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { node { id } } } }'))
      .searchConnection as Hits;
    const two = (await data('query($a: String) { searchConnection(query: "digital", first: 10, after: $a) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { node { id } } } }', { a: one.pageInfo.endCursor }))
      .searchConnection as Hits;
    expect([...one.nodes, ...two.nodes].map((h) => h.node.id)).toEqual(all.slice(0, 20));
    expect([one.pageInfo.hasPreviousPage, two.pageInfo.hasPreviousPage, two.pageInfo.hasNextPage]).toEqual([false, true, true]);
    const back = (await data('query($b: String) { searchConnection(query: "digital", last: 4, before: $b) { pageInfo { hasNextPage hasPreviousPage } nodes { node { id } } } }', { b: two.pageInfo.startCursor }))
      .searchConnection as Hits;
    expect([back.nodes.map((h) => h.node.id), back.pageInfo.hasNextPage, back.pageInfo.hasPreviousPage]).toEqual([all.slice(6, 10), true, true]);
    const { body } = await postGraphQL(app, '{ searchConnection(query: "digital", last: 4) { nodes { score } } }');
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'last']]);
  });

  it('refuses first with last, a cursor of another list, and a negative page size, naming the argument', async () => {
    const cursor = ((await data('{ entity(code: "ITU") { linksConnection(first: 1) { pageInfo { endCursor } } } }')).entity as { linksConnection: { pageInfo: { endCursor: string } } })
      .linksConnection.pageInfo.endCursor;
    const cases: [string, Record<string, unknown>, string][] = [
      ['{ actionLines(first: 2, last: 2) { nodes { code } } }', {}, 'last'],
      ['{ actionLines(first: 2, before: "x") { nodes { code } } }', {}, 'before'],
      ['query($c: String) { actionLines(after: $c) { nodes { code } } }', { c: cursor }, 'after'],
      ['query($c: String) { searchConnection(query: "x", after: $c) { nodes { score } } }', { c: cursor }, 'after'],
      ['{ actionLines(last: -1) { nodes { code } } }', {}, 'last'],
    ];
    for (const [query, variables, argument] of cases) {
      const { body } = await postGraphQL(app, query, variables);
      expect({ query, errors: body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]) }).toEqual({ query, errors: [['BAD_USER_INPUT', argument]] });
    }
  });
});
