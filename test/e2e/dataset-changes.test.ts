import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { createTestApp, postGraphQL } from './test-app';

describe('dataset: releases and changes since a version or a time', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wsis-changes-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const key = 'curator-key-for-changes-test';
  const { app } = createTestApp(
    { API_KEYS: `cur:curator:${hashApiKey(key)}` },
    createEmbeddedGraphStore({ dataDir }),
  );
  const asCurator = (query: string, variables?: Record<string, unknown>) =>
    app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-api-key': key },
      body: JSON.stringify({ query, variables }),
    });

  it('lists the seed releases with version, date and counts, 1.0.0 the baseline', async () => {
    const { body } = await postGraphQL(app, '{ dataset { version counts { type count } releases { version date counts { type count } linkCounts { type count } } } }');
    type Tally = { type: string; count: number };
    const dataset = (body.data as { dataset: { version: string; counts: Tally[]; releases: { version: string; counts: Tally[] }[] } }).dataset;
    expect(dataset.releases.map((r) => r.version)).toEqual(['1.0.0', '1.1.0']);
    expect(dataset.version.startsWith('1.1.0+')).toBe(true);
    expect(dataset.releases[0]!.counts).toContainEqual({ type: 'Entity', count: 108 });
    // The newest release is the loaded dataset: its counts are the service's (types with no node aside).
    const live = dataset.counts.filter((t) => t.count > 0).sort((a, b) => (a.type < b.type ? -1 : 1));
    expect(dataset.releases[1]!.counts).toEqual(live);
    expect(live.find((t) => t.type === 'Meeting')!.count).toBeGreaterThan(50);
  });

  it('answers what release 1.1.0 changed since 1.0.0: added meetings, the merged initiatives removed, KOS URIs changed', async () => {
    type Change = { kind: string; recordId: string; change: string; via: string; node: { id: string } | null };
    const all: Change[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const { body } = await postGraphQL(
        app,
        'query($a: String) { dataset { changes(since: "1.0.0", first: 100, after: $a) { totalCount nodes { kind recordId change via node { id } } pageInfo { hasNextPage endCursor } } } }',
        { a: after },
      );
      expect(body.errors).toBeUndefined();
      const page = (body.data as { dataset: { changes: { totalCount: number; nodes: Change[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }).dataset.changes;
      all.push(...page.nodes);
      total = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(all).toHaveLength(total);
    expect(total).toBeGreaterThan(500);
    const find = (id: string) => all.find((c) => c.recordId === id);
    expect(find('Initiative:iawg_ai')).toMatchObject({ kind: 'NODE', change: 'REMOVED', via: 'release 1.1.0', node: null });
    expect(find('Entity:CWG_SFP')).toMatchObject({ change: 'ADDED', node: { id: 'Entity:CWG_SFP' } });
    expect(find('SdgGoal:1')).toMatchObject({ change: 'CHANGED' });
    expect(find('LED_BY|Initiative:digital_villages_initiative|Entity:FAO')).toMatchObject({ kind: 'LINK', change: 'REMOVED' });
  });

  it('pages with first/after, and refuses an unknown version or a malformed since with BAD_USER_INPUT', async () => {
    const page = async (after?: string) =>
      ((await postGraphQL(app, 'query($a: String) { dataset { changes(since: "1.0.0", first: 3, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } } }', { a: after })).body
        .data as { dataset: { changes: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }).dataset.changes;
    const one = await page();
    const two = await page(one.pageInfo.endCursor);
    expect(one.nodes).toHaveLength(3);
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(two.nodes.map((n) => n.id)).not.toContain(one.nodes[0]!.id);
    for (const since of ['9.9.9', 'yesterday']) {
      const { body } = await postGraphQL(app, `{ dataset { changes(since: "${since}") { totalCount } } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('lists a curated write made after the release, by version and by timestamp', async () => {
    const before = new Date().toISOString();
    const created = await asCurator(
      'mutation($input: NodeInput!) { createNode(input: $input) { id } }',
      {
        input: {
          type: 'Meeting',
          code: 'IGF-2025-Lillestrom',
          name: { en: 'IGF 2025 (test record)' },
          provenance: { sources: [{ document: 'test fixture' }], confidence: 'SOURCE' },
        },
      },
    );
    expect(created.status).toBe(200);
    const createdBody = (await created.json()) as { errors?: unknown[] };
    expect(createdBody.errors).toBeUndefined();
    for (const since of ['1.1.0', before]) {
      const { body } = await postGraphQL(app, `{ dataset { changes(since: "${since}", first: 50) { nodes { kind recordId change via at } } } }`);
      const nodes = (body.data as { dataset: { changes: { nodes: { recordId: string; change: string; via: string; at: string }[] } } }).dataset.changes.nodes;
      const mine = nodes.find((c) => c.recordId === 'Meeting:IGF-2025-Lillestrom');
      expect(mine).toMatchObject({ kind: 'NODE', change: 'ADDED', via: expect.stringMatching(/^audit \d+$/) });
      expect(mine!.at >= before).toBe(true);
      // Since 1.1.0 (the loaded release) or a time after it, no seed release change is listed.
      expect(nodes.filter((c) => c.via.startsWith('release'))).toEqual([]);
    }
  });
});
