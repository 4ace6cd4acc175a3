import { createTestApp, postGraphQL, readyzOnceStarted } from './test-app';

// Small limits so each can be crossed by a readable query.
const { app, store } = createTestApp({ MAX_DEPTH: '4', MAX_ALIASES: '3', MAX_TOKENS: '60', MAX_BODY_BYTES: '2048', MAX_PAGE_SIZE: '100' });

describe('api: bad arguments get BAD_USER_INPUT naming the argument', () => {
  it('refuses an empty code', async () => {
    const { body } = await postGraphQL(app, '{ actionLine(code: "") { code } }');
    expect(body).toEqual({
      data: { actionLine: null },
      errors: [
        {
          message: 'Argument "code" is invalid: a non-empty code.',
          locations: [{ line: 1, column: 3 }],
          path: ['actionLine'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'code', expected: 'a non-empty code' },
        },
      ],
    });
  });

  it('refuses a page size over the maximum', async () => {
    const { body } = await postGraphQL(app, '{ sdgTargets(first: 101) { nodes { code } } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first', expected: 'an integer from 0 to 100' });
    expect(body.errors?.[0]?.path).toEqual(['sdgTargets']);
  });

  it('refuses a negative page size', async () => {
    const { body } = await postGraphQL(app, '{ entities(first: -1) { nodes { code } } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('refuses a cursor this API did not make', async () => {
    const { body } = await postGraphQL(app, '{ sdgGoals(first: 2, after: "not-a-cursor") { nodes { code } } }');
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'after',
      expected: 'a cursor, startCursor or endCursor from a previous page',
    });
  });

  it('refuses a malformed global id but answers null for an unknown one', async () => {
    const bad = await postGraphQL(app, '{ node(id: "C2") { id } }');
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const unknown = await postGraphQL(app, '{ node(id: "ActionLine:C13") { id } }');
    expect(unknown.body).toEqual({ data: { node: null } });
  });

  it('refuses a filter value of the wrong form', async () => {
    const { body } = await postGraphQL(app, '{ sdgTargets(filter: { goal: "18" }) { nodes { code } } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'filter.goal', expected: 'a goal number from 1 to 17' });
  });

  it('codes variables of the wrong type as BAD_USER_INPUT', async () => {
    const { body } = await postGraphQL(app, 'query ($n: Int!) { gdcObjective(number: $n) { code } }', { n: 'three' });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.data).toBeUndefined();
  });

  it('codes syntax errors and unknown fields', async () => {
    const parse = await postGraphQL(app, '{ actionLine(code: "C2" { code } }');
    expect(parse.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const validate = await postGraphQL(app, '{ actionLine(code: "C2") { colour } }');
    expect(validate.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('api: query limits refuse a query before it runs, with QUERY_TOO_COMPLEX', () => {
  it('refuses a query deeper than MAX_DEPTH', async () => {
    const { body } = await postGraphQL(app, '{ sdgGoal(code: "9") { targets { actionLines { facilitators { entity { code } } } } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 4 }]);
  });

  it('refuses more aliases than MAX_ALIASES', async () => {
    const { body } = await postGraphQL(app, '{ a: sdgGoal(code: "1") { code } b: sdgGoal(code: "2") { code } c: sdgGoal(code: "3") { code } d: sdgGoal(code: "4") { code } }');
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 3 }]);
  });

  it('refuses a document longer than MAX_TOKENS', async () => {
    const fields = Array.from({ length: 80 }, () => 'code').join(' ');
    const { body } = await postGraphQL(app, `{ sdgGoal(code: "1") { ${fields} } }`);
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 60 }]);
  });

  it('refuses a query costlier than MAX_COST', async () => {
    const costly = createTestApp({ MAX_COST: '120' });
    const { body } = await postGraphQL(costly.app, '{ sdgTargets(first: 100) { nodes { code name } } }');
    // 1 (sdgTargets) + 100 nodes × (1 + code + name)
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 120, estimate: 301 }]);
  });

  it('answers a query within every limit', async () => {
    const { body } = await postGraphQL(app, '{ sdgGoal(code: "4") { code targets { code } } }');
    expect(body.errors).toBeUndefined();
    expect((body.data?.sdgGoal as { code: string }).code).toBe('4');
  });

  it('refuses a declared body over MAX_BODY_BYTES with 413, and changes nothing', async () => {
    const before = await store.counts();
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ search(query: "${'y'.repeat(3000)}") { score } }` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Request body is larger than 2048 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: 2048 } }],
    });
    expect(await store.counts()).toEqual(before);
  });
});

describe('api: internal errors are masked', () => {
  it('answers "Unexpected error." without internals when the store fails unexpectedly', async () => {
    const failing = createTestApp({}, {
      ...createTestApp().store,
      kind: 'failing',
      getNodes: async () => {
        throw new Error('disk on fire at /var/secret');
      },
    } as never);
    const { body } = await postGraphQL(failing.app, '{ actionLine(code: "C1") { code } }');
    expect(body.errors?.map((e) => e.message)).toEqual(['Unexpected error.']);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});

describe('http: health and readiness', () => {
  it('answers /healthz and /readyz with the dataset version', async () => {
    const health = await app.fetch('http://localhost/healthz');
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await readyzOnceStarted(app);
    const dataset = await store.datasetInfo();
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', store: 'embedded', dataset: dataset.version }]);
  });

  it('reports 503 on /readyz when the store cannot answer', async () => {
    const closedStore = createTestApp().store;
    await closedStore.close();
    const closed = createTestApp({}, closedStore);
    const ready = await closed.app.fetch('http://localhost/readyz');
    expect([ready.status, await ready.json()]).toEqual([
      503,
      {
        status: 'unavailable',
        store: 'embedded',
        code: 'STORE_UNAVAILABLE',
        errors: [{ message: 'The store does not answer; retry later.', extensions: { code: 'STORE_UNAVAILABLE' } }],
      },
    ]);
  });
});
