import { fromCsv, CSV_BOM } from '../../src/analytics/to-csv';
import { createTestApp, postGraphQL } from './test-app';

const { app } = createTestApp({ MAX_PATH_HOPS: '5' });
const get = (path: string) => app.fetch(`http://localhost${path}`);

interface MatrixJson {
  rows: { id: string; code: string; name: string }[];
  columns: { id: string; code: string; name: string }[];
  cells: { row: string; column: string; value: number; evidence: { id: string }[]; flags: string[]; sharedTargets: string[] }[];
}

describe('export: matrix CSV round-trips to the JSON export and the GraphQL matrix', () => {
  const query = 'rows=ACTION_LINES&columns=SDG_GOALS&lang=zh';

  it('serves a grid CSV a spreadsheet opens: BOM, one header row, Chinese names, values equal to the JSON export', async () => {
    const csvResponse = await get(`/export/matrix.csv?${query}`);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvResponse.headers.get('content-disposition')).toBe('attachment; filename="matrix-ACTION_LINES-SDG_GOALS-DIRECT_LINKS.csv"');
    const bytes = new Uint8Array(await csvResponse.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(CSV_BOM)).toBe(true);

    const json = (await (await get(`/export/matrix.json?${query}`)).json()) as MatrixJson;
    const [header, ...rows] = fromCsv(text);
    expect(header).toEqual(['code', 'name', ...json.columns.map((c) => c.code)]);
    const values = new Map(json.cells.map((c) => [`${c.row}|${c.column}`, String(c.value)]));
    expect(rows).toEqual(
      json.rows.map((row) => [row.code, row.name, ...json.columns.map((column) => values.get(`${row.id}|${column.id}`) ?? '')]),
    );
    expect(rows.find((r) => r[0] === 'C3')?.[1]).toBe('获取信息和知识');
  });

  it('serves a cells CSV whose every line is a cell of the GraphQL matrix, with its evidence and flags', async () => {
    const text = await (await get(`/export/matrix.csv?${query}&layout=cells`)).text();
    const [header, ...rows] = fromCsv(text);
    const { body } = await postGraphQL(
      app,
      `{ matrix(rows: ACTION_LINES, columns: SDG_GOALS) { cells { row { id code name(lang: ZH) } column { id code name(lang: ZH) } value evidence { id } flags sharedTargets { id } } } }`,
    );
    type Cell = { row: { id: string; code: string; name: string }; column: { id: string; code: string; name: string }; value: number; evidence: { id: string }[]; flags: string[]; sharedTargets: { id: string }[] };
    const cells = (body.data!.matrix as { cells: Cell[] }).cells;
    expect(header).toEqual(['row_id', 'row_code', 'row_name', 'column_id', 'column_code', 'column_name', 'value', 'evidence', 'flags', 'shared_targets']);
    expect(rows).toEqual(
      cells.map((c) => [
        c.row.id,
        c.row.code,
        c.row.name,
        c.column.id,
        c.column.code,
        c.column.name,
        String(c.value),
        c.evidence.map((e) => e.id).join(';'),
        c.flags.join(';'),
        c.sharedTargets.map((t) => t.id).join(';'),
      ]),
    );
    expect(rows.some((r) => r[8]!.split(';').includes('matrix_views_disagree'))).toBe(true);
  });
});

describe('export: bad parameters get 400 with a coded error naming the parameter', () => {
  it.each([
    ['/export/matrix.csv?rows=WSIS&columns=SDG_GOALS', 'rows'],
    ['/export/matrix.csv?rows=ACTION_LINES', 'columns'],
    ['/export/matrix.json?rows=ACTION_LINES&columns=SDG_GOALS&measure=COSINE', 'measure'],
    ['/export/matrix.csv?rows=ACTION_LINES&columns=SDG_GOALS&layout=wide', 'layout'],
    ['/export/matrix.csv?rows=ACTION_LINES&columns=SDG_GOALS&linkTypes=MATRIX_LINK,LIKES', 'linkTypes.1'],
    ['/export/matrix.csv?rows=ACTION_LINES&columns=SDG_GOALS&row=C1', 'row'],
    ['/export/matrix.csv?rows=ACTION_LINES&rows=SDG_GOALS&columns=SDG_GOALS', 'rows'],
    ['/export/graph.json?node=Entity:CSTD&hops=6', 'hops'],
    ['/export/graph.json?hops=1', 'hops'],
    ['/export/graph.graphml?node=CSTD', 'node'],
  ])('%s', async (path, argument) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(typeof body.errors[0]!.extensions.expected).toBe('string');
  });

  it('answers 404 NOT_FOUND for a node that does not exist', async () => {
    const response = await get('/export/graph.json?node=Entity:NOBODY');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Node "Entity:NOBODY" was not found.', extensions: { code: 'NOT_FOUND', argument: 'node', id: 'Entity:NOBODY' } }],
    });
  });
});

describe('export: graph', () => {
  it('serves the neighbourhood of a node as JSON and as GraphML with the same nodes and links', async () => {
    const jsonResponse = await get('/export/graph.json?node=Entity:CSTD&hops=1');
    expect(jsonResponse.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const graph = (await jsonResponse.json()) as { dataset: string; nodes: { id: string }[]; edges: { id: string; from: string; to: string }[] };
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(ids.has('Entity:CSTD')).toBe(true);
    expect(ids.has('Resolution:E/RES/2006/46')).toBe(true);
    expect(graph.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);

    const xmlResponse = await get('/export/graph.graphml?node=Entity:CSTD&hops=1');
    expect(xmlResponse.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    const xml = await xmlResponse.text();
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect([...xml.matchAll(/<node id="([^"]*)">/g)].map((m) => unescape(m[1]!))).toEqual(graph.nodes.map((n) => n.id));
    expect([...xml.matchAll(/<edge id="([^"]*)"/g)].map((m) => unescape(m[1]!))).toEqual(graph.edges.map((e) => e.id));
  });

  it('serves the whole graph with the dataset counts', async () => {
    const graph = (await (await get('/export/graph.json')).json()) as { nodes: unknown[]; edges: unknown[] };
    const { body } = await postGraphQL(app, '{ dataset { counts { count } linkCounts { count } } }');
    const dataset = body.data!.dataset as { counts: { count: number }[]; linkCounts: { count: number }[] };
    expect(graph.nodes).toHaveLength(dataset.counts.reduce((sum, c) => sum + c.count, 0));
    expect(graph.edges).toHaveLength(dataset.linkCounts.reduce((sum, c) => sum + c.count, 0));
  });
});

describe('api: analytic queries answer with evidence or a coded error', () => {
  it('mandates(of: "Entity:CSTD") includes E/RES/2006/46', async () => {
    const { body } = await postGraphQL(app, '{ mandates(of: "Entity:CSTD") { resolution { code } direct paragraph mandate { kind document } } }');
    const traces = body.data!.mandates as { resolution: { code: string }; direct: boolean; mandate: { document: string } }[];
    expect(traces).toContainEqual({ resolution: { code: 'E/RES/2006/46' }, direct: true, paragraph: null, mandate: { kind: 'MANDATES', document: 'E/RES/2006/46' } });
  });

  it('refuses an unknown id with NOT_FOUND and out-of-range maxHops and first with BAD_USER_INPUT', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ overlap(a: "ActionLine:C5", b: "GdcObjective:99") { jaccard } }', { code: 'NOT_FOUND', argument: 'b', id: 'GdcObjective:99' }],
      ['{ mandates(of: "Entity:NOBODY") { direct } }', { code: 'NOT_FOUND', argument: 'of', id: 'Entity:NOBODY' }],
      ['{ mandates(of: "SdgGoal:3") { direct } }', { code: 'BAD_USER_INPUT', argument: 'of' }],
      ['{ paths(from: "Entity:CSTD", to: "ActionLine:C5", maxHops: 6) { length } }', { code: 'BAD_USER_INPUT', argument: 'maxHops', expected: 'an integer from 1 to 5' }],
      ['{ paths(from: "Entity:CSTD", to: "ActionLine:C5", maxHops: 0) { length } }', { code: 'BAD_USER_INPUT', argument: 'maxHops', expected: 'an integer from 1 to 5' }],
      ['{ paths(from: "Entity:CSTD", to: "ActionLine:C5", first: 101) { length } }', { code: 'BAD_USER_INPUT', argument: 'first', expected: 'an integer from 1 to 100' }],
      ['{ paths(from: "CSTD", to: "ActionLine:C5") { length } }', { code: 'BAD_USER_INPUT', argument: 'from' }],
    ];
    for (const [query, extensions] of cases) {
      const { body } = await postGraphQL(app, query);
      const field = Object.keys(body.data ?? {})[0]!;
      expect({ query, data: body.data, extensions: body.errors?.[0]?.extensions, path: body.errors?.[0]?.path }).toEqual({
        query,
        data: { [field]: null },
        extensions: expect.objectContaining(extensions),
        path: [field],
      });
    }
  });

  it('refuses an unknown axis or measure before running (enum values are checked by the schema)', async () => {
    const inline = await postGraphQL(app, '{ matrix(rows: WSIS, columns: SDG_GOALS) { cells { value } } }');
    expect(inline.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await postGraphQL(app, 'query ($m: MatrixMeasure) { matrix(rows: ACTION_LINES, columns: SDG_GOALS, measure: $m) { cells { value } } }', { m: 'COSINE' });
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.body.data).toBeUndefined();
  });

  it('paths answers alternating nodes and links with provenance', async () => {
    const { body } = await postGraphQL(app, '{ paths(from: "Entity:ITU", to: "SdgTarget:9.c", first: 2) { length nodes { id } links { id from { id } to { id } confidence source { document } } } }');
    type P = { length: number; nodes: { id: string }[]; links: { from: { id: string }; to: { id: string }; confidence: string }[] };
    const paths = body.data!.paths as P[];
    expect(paths).toHaveLength(2);
    for (const path of paths) {
      expect(path.nodes).toHaveLength(path.length + 1);
      path.links.forEach((link, i) => expect([link.from.id, link.to.id].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort()));
    }
  });
});
