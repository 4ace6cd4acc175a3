import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { DateTimeScalar } from '../../src/graphql/resolvers/date-time-scalar';
import { PartialDateScalar } from '../../src/graphql/resolvers/partial-date-scalar';
import { createTestApp, type GraphQLResponse } from './test-app';

// The typed replacements of text fields: what `op` and the audit's JSON text said, as an enum and JSON values.
const CURATOR = 'curator-key-0123456789';
const ADMIN = 'admin-key-0123456789';
const { app } = createTestApp({ API_KEYS: `cur:curator:${hashApiKey(CURATOR)},adm:admin:${hashApiKey(ADMIN)}` });

async function post(key: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse['body']> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse['body'];
}

const NODE = {
  type: 'Initiative',
  code: 'typed-fields',
  name: { en: 'Typed fields test' },
  provenance: { sources: [{ document: 'test fixture' }], confidence: 'SOURCE' },
};

describe('api: enums and JSON values beside the text fields they replace', () => {
  it('gives ChangeOutcome.operation as an enum, the same change as the deprecated op', async () => {
    const body = await post(
      CURATOR,
      'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { outcomes { op operation recordId } } }',
      { c: [{ createNode: NODE }, { updateNode: { id: 'Initiative:typed-fields', name: { en: 'Renamed' } } }, { deleteNode: 'Initiative:typed-fields' }] },
    );
    expect(body).toEqual({
      data: {
        applyChanges: {
          outcomes: [
            { op: 'createNode', operation: 'CREATE_NODE', recordId: 'Initiative:typed-fields' },
            { op: 'updateNode', operation: 'UPDATE_NODE', recordId: 'Initiative:typed-fields' },
            { op: 'deleteNode', operation: 'DELETE_NODE', recordId: 'Initiative:typed-fields' },
          ],
        },
      },
    });
  });

  it('gives the audit log its records as JSON values, equal to the deprecated JSON text', async () => {
    const body = await post(
      ADMIN,
      '{ auditLog(first: 50, filter: { recordId: "Initiative:typed-fields" }) { entries { operations operationRecords changes { before after beforeRecord afterRecord } } } }',
    );
    expect(body.errors).toBeUndefined();
    const entries = (body.data as { auditLog: { entries: { operations: string[]; operationRecords: unknown[]; changes: Record<string, unknown>[] }[] } }).auditLog.entries;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.operationRecords).toEqual(entry.operations.map((text) => JSON.parse(text)));
      for (const change of entry.changes) {
        expect(change.beforeRecord).toEqual(change.before === null ? null : JSON.parse(change.before as string));
        expect(change.afterRecord).toEqual(change.after === null ? null : JSON.parse(change.after as string));
      }
    }
    const created = entries[0]!.changes[0]!;
    expect(created).toMatchObject({ beforeRecord: null, afterRecord: expect.objectContaining({ id: 'Initiative:typed-fields', type: 'Initiative' }) });
  });

  it('gives every time the service writes as a DateTime beside its deprecated text, the same instant', async () => {
    const body = await post(
      ADMIN,
      '{ dataset { builtAt builtAtTime releases { date dateTime } changes(since: "1.0.0", first: 5) { nodes { at atTime } } } auditLog(first: 5) { entries { at atTime } } }',
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      dataset: { builtAt: string; builtAtTime: string; releases: { date: string; dateTime: string }[]; changes: { nodes: { at: string; atTime: string }[] } };
      auditLog: { entries: { at: string; atTime: string }[] };
    };
    const pairs: [string, string][] = [
      [data.dataset.builtAt, data.dataset.builtAtTime],
      ...data.dataset.releases.map((r): [string, string] => [r.date, r.dateTime]),
      ...data.dataset.changes.nodes.map((c): [string, string] => [c.at, c.atTime]),
      ...data.auditLog.entries.map((e): [string, string] => [e.at, e.atTime]),
    ];
    expect(pairs.length).toBeGreaterThan(5);
    for (const [text, time] of pairs) expect([time, Number.isNaN(Date.parse(time))]).toEqual([text, false]);
  });

  it('gives every seeded LED_BY and PARTNER role as an enum beside the deprecated leadRole, the same word', async () => {
    const body = await post(
      ADMIN,
      '{ entities(first: 500) { nodes { links(types: [LED_BY, PARTNER], direction: IN) { id type leadRole leadershipRole partnershipRole } } } }',
    );
    expect(body.errors).toBeUndefined();
    type Row = { id: string; type: string; leadRole: string | null; leadershipRole: string | null; partnershipRole: string | null };
    const links = (body.data as { entities: { nodes: { links: Row[] }[] } }).entities.nodes.flatMap((n) => n.links);
    const roles = links.filter((l) => l.leadRole !== null);
    // 11 words on LED_BY and 1 on PARTNER in the seeds (src/domain/edge-types.ts gives each one's source).
    expect(new Set(roles.map((l) => l.leadRole)).size).toBe(12);
    for (const link of links) {
      const typed = link.type === 'LED_BY' ? link.leadershipRole : link.partnershipRole;
      expect([link.id, typed]).toEqual([link.id, link.leadRole?.toUpperCase() ?? null]);
      expect(link.type === 'LED_BY' ? link.partnershipRole : link.leadershipRole).toBeNull();
    }
  });

  it('refuses to send or take as a DateTime what is not an ISO date-time with offset', () => {
    expect(DateTimeScalar.serialize('2026-12-01T21:23:21.183Z')).toBe('2026-12-01T21:23:21.183Z');
    for (const bad of ['2026-12-01', '1 Dec 2026', 1733000000, null]) expect(() => DateTimeScalar.serialize(bad)).toThrow(/DateTime cannot represent/);
    expect(() => DateTimeScalar.parseValue('2026-13-45T99:00:00Z')).toThrow(/ISO 8601/);
  });
});

describe('api: the dates the sources give as PartialDate beside their deprecated text', () => {
  it('gives every seeded resolution, meeting and role date as a PartialDate, the same text', async () => {
    const body = await post(
      ADMIN,
      `{
        resolutions(first: 500) { nodes { date partialDate } }
        meetings(first: 500) { nodes { date partialDate endDate partialEndDate } }
        entities(first: 500) { nodes { links(types: [FACILITATES, LED_BY, PARTNER], direction: OUT) { since sinceDate until untilDate } facilitates { since sinceDate until untilDate } } }
        processes(first: 500) { nodes { links(types: [LED_BY]) { since sinceDate until untilDate } } }
        mandates(of: "Entity:CSTD") { date partialDate originDate partialOriginDate }
      }`,
    );
    expect(body.errors).toBeUndefined();
    type Data = {
      resolutions: { nodes: { date: string | null; partialDate: string | null }[] };
      meetings: { nodes: { date: string | null; partialDate: string | null; endDate: string | null; partialEndDate: string | null }[] };
      entities: { nodes: { links: Record<string, string | null>[]; facilitates: Record<string, string | null>[] }[] };
      processes: { nodes: { links: Record<string, string | null>[] }[] };
      mandates: Record<string, string | null>[];
    };
    const data = body.data as Data;
    const pairs: [string | null, string | null][] = [
      ...data.resolutions.nodes.map((r): [string | null, string | null] => [r.date, r.partialDate]),
      ...data.meetings.nodes.flatMap((m): [string | null, string | null][] => [[m.date, m.partialDate], [m.endDate, m.partialEndDate]]),
      ...[...data.entities.nodes.flatMap((n) => [...n.links, ...n.facilitates]), ...data.processes.nodes.flatMap((n) => n.links)].flatMap(
        (l): [string | null, string | null][] => [[l.since!, l.sinceDate!], [l.until!, l.untilDate!]],
      ),
      ...data.mandates.flatMap((m): [string | null, string | null][] => [[m.date!, m.partialDate!], [m.originDate!, m.partialOriginDate!]]),
    ];
    const dated = pairs.filter(([text]) => text !== null);
    // The three forms all occur: years (roles since 2005), months (2008-05), days (meetings).
    expect(new Set(dated.map(([text]) => text!.length))).toEqual(new Set([4, 7, 10]));
    for (const [text, date] of pairs) expect(date).toBe(text);
  });

  it('refuses to send or take as a PartialDate what is not YYYY, YYYY-MM or YYYY-MM-DD', () => {
    for (const good of ['2015', '2008-05', '2024-02-29']) expect([PartialDateScalar.serialize(good), PartialDateScalar.parseValue(good)]).toEqual([good, good]);
    for (const bad of ['2015-13', '2023-02-29', '2015-12-32', '15', 'May 2008', '2015-1', 2015, null]) {
      expect(() => PartialDateScalar.serialize(bad)).toThrow(/PartialDate cannot represent/);
      expect(() => PartialDateScalar.parseValue(bad)).toThrow(/YYYY, YYYY-MM or YYYY-MM-DD/);
    }
  });

  it('refuses a write of a date prop that is not a partial date, with BAD_USER_INPUT naming it, and takes one that is', async () => {
    const refused = await post(CURATOR, 'mutation { nodeUpdate(input: { id: "Meeting:IGF-2023-Kyoto", props: [{ key: "date", string: "October 2023" }] }) { node { id } } }');
    expect(refused).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: ['nodeUpdate'],
          extensions: {
            code: 'BAD_USER_INPUT',
            argument: 'input.props.date',
            value: 'October 2023',
            expected: 'an ISO 8601 date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD',
          },
        }),
      ],
    });
    const taken = await post(CURATOR, 'mutation { nodeUpdate(input: { id: "Meeting:IGF-2023-Kyoto", props: [{ key: "date", string: "2023-10" }] }) { node { ... on Meeting { partialDate } } } }');
    expect(taken).toEqual({ data: { nodeUpdate: { node: { partialDate: '2023-10' } } } });
  });
});
