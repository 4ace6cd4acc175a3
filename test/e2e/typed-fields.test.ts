import { hashApiKey } from '../../src/auth/api-key-authenticator';
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
});
