import type { GraphNode } from '../../../src/domain/graph-records';
import type { WriteOp } from '../../../src/store/graph-store';
import { CURATOR_KEY_ID, type CaseGroup } from '../harness';

// A node that is not in the seeds; the facts are test fixtures, named as such.
const fixture: GraphNode = {
  id: 'Initiative:conformance-curation',
  type: 'Initiative',
  code: 'conformance-curation',
  name: { en: 'Conformance curation fixture' },
  props: { kind: 'test_fixture' },
  provenance: { sources: [{ document: 'test fixture' }], confidence: 'derived', method: 'conformance suite' },
};
const PROV = { sources: [{ document: 'Conformance curation', url: 'https://example.org/test' }], confidence: 'SOURCE' };

/**
 * Curation over each store: `writeWith` (plan and write as one unit), the
 * audit entry of a curator's mutation, a refused batch, CONFLICT's `id`, and a
 * write-heavy call. Every case writes, so each takes a fresh store (on Neo4j,
 * the database put back to the seeds).
 */
export const curation: CaseGroup = {
  area: 'curation and audit',
  cases: [
    {
      name: 'writeWith: concurrent read-modify-write batches on one record lose no update, and each audit `before` is what its plan read',
      requires: 'writes',
      async run({ freshStore }) {
        const store = await freshStore();
        await store.applyWrites([{ op: 'createNode', node: fixture }]);
        const keys = ['a', 'b', 'c', 'd', 'e'];
        // Each batch reads the node and writes it back with one more prop: with reads outside the
        // write (or unlocked), batches running at once read the same state and all but one prop is lost.
        const results = await Promise.all(
          keys.map((key) =>
            store.writeWith(async (reads) => {
              const [current] = await reads.getNodes([fixture.id]);
              const node: GraphNode = { ...current!, props: { ...current!.props, [key]: key } };
              const ops: WriteOp[] = [{ op: 'updateNode', node }];
              return { ops, value: current };
            }),
          ),
        );
        const [final] = await store.getNodes([fixture.id]);
        expect(final!.props).toEqual({ kind: 'test_fixture', a: 'a', b: 'b', c: 'c', d: 'd', e: 'e' });
        for (const { value, written } of results) expect(written.audit.changes).toEqual([{ kind: 'node', id: fixture.id, before: value, after: expect.anything() }]);
        // In commit order, each batch started from the state the previous one left.
        const entries = results.map(({ written }) => written.audit).sort((x, y) => x.seq - y.seq);
        for (let i = 1; i < entries.length; i++) expect(entries[i]!.changes[0]!.before).toEqual(entries[i - 1]!.changes[0]!.after);
      },
    },
    {
      name: 'writeWith: a plan that throws writes nothing and leaves no audit entry',
      requires: 'writes',
      async run({ freshStore, seeds }) {
        const store = await freshStore();
        const refused = new Error('the plan refuses');
        await expect(
          store.writeWith(async (reads) => {
            await reads.getNodes(['ActionLine:C2']);
            throw refused;
          }),
        ).rejects.toBe(refused);
        expect(await store.getNodes(['ActionLine:C2'])).toEqual([seeds.node('ActionLine:C2')]);
        expect(await store.listAudit({ first: 10 })).toEqual({ entries: [], hasNextPage: false });
      },
    },
    {
      name: "audit: a curator's mutation is one entry naming the curator and the action, with the record before and after",
      requires: 'writes',
      async run({ freshStore, curate }) {
        const store = await freshStore();
        const created = await curate(
          'mutation($input: NodeInput!) { createNode(input: $input) { id } }',
          { input: { type: 'Initiative', code: 'conformance-audit', name: { en: 'Audit fixture' }, provenance: PROV } },
          store,
        );
        expect(created.body).toEqual({ data: { createNode: { id: 'Initiative:conformance-audit' } } });
        const updated = await curate(
          'mutation($input: NodeUpdateInput!) { updateNode(input: $input) { id } }',
          { input: { id: 'Initiative:conformance-audit', props: [{ key: 'status', string: 'active' }] } },
          store,
        );
        expect(updated.body.errors).toBeUndefined();
        const { entries } = await store.listAudit({ first: 10, filter: { recordId: 'Initiative:conformance-audit' } });
        expect(entries.map((e) => ({ seq: e.seq, actor: e.actor, action: e.action }))).toEqual([
          { seq: 1, actor: { keyId: CURATOR_KEY_ID, role: 'curator' }, action: 'createNode' },
          { seq: 2, actor: { keyId: CURATOR_KEY_ID, role: 'curator' }, action: 'updateNode' },
        ]);
        const [createdChange] = entries[0]!.changes;
        const [updatedChange] = entries[1]!.changes;
        expect(createdChange).toMatchObject({ kind: 'node', id: 'Initiative:conformance-audit', before: null });
        expect(updatedChange!.before).toEqual(createdChange!.after);
        expect(updatedChange!.after).toEqual({ ...createdChange!.after!, props: { ...createdChange!.after!.props, status: 'active' } });
        expect(await store.getNodes(['Initiative:conformance-audit'])).toEqual([updatedChange!.after]);
      },
    },
    {
      name: 'payload mutations: nodeCreate, linkCreate and nodeDelete answer their payloads, the audit names them, a refused one writes nothing',
      requires: 'writes',
      async run({ freshStore, curate }) {
        const store = await freshStore();
        const node = { type: 'Initiative', code: 'conformance-payload', name: { en: 'Payload fixture' }, provenance: PROV };
        const link = { type: 'ADDRESSES', from: 'Initiative:conformance-payload', to: 'ActionLine:C2', provenance: PROV };
        const linkId = 'ADDRESSES|Initiative:conformance-payload|ActionLine:C2';
        expect((await curate('mutation($i: NodeInput!) { nodeCreate(input: $i) { node { id code } } }', { i: node }, store)).body).toEqual({
          data: { nodeCreate: { node: { id: 'Initiative:conformance-payload', code: 'conformance-payload' } } },
        });
        expect((await curate('mutation($i: LinkInput!) { linkCreate(input: $i) { link { id from { id } } } }', { i: link }, store)).body).toEqual({
          data: { linkCreate: { link: { id: linkId, from: { id: 'Initiative:conformance-payload' } } } },
        });
        const refused = await curate('mutation($i: LinkInput!) { linkCreate(input: $i) { link { id } } }', { i: { ...link, to: 'ActionLine:C99' } }, store);
        expect(refused.body.data).toBeNull();
        expect(refused.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', id: 'ActionLine:C99', argument: 'input.to' }]);
        expect((await curate('mutation { nodeDelete(id: "Initiative:conformance-payload") { deletedId removedLinkIds } }', {}, store)).body).toEqual({
          data: { nodeDelete: { deletedId: 'Initiative:conformance-payload', removedLinkIds: [linkId] } },
        });
        expect((await store.listAudit({ first: 10 })).entries.map((e) => e.action)).toEqual(['nodeCreate', 'linkCreate', 'nodeDelete']);
        expect(await store.getNodes(['Initiative:conformance-payload'])).toEqual([null]);
      },
    },
    {
      name: 'curation: a batch refused half-way changes nothing and leaves no audit entry',
      requires: 'writes',
      async run({ freshStore, curate }) {
        const store = await freshStore();
        const response = await curate(
          'mutation($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { applied } }',
          {
            changes: [
              { createNode: { type: 'Initiative', code: 'conformance-refused', name: { en: 'Refused fixture' }, provenance: PROV } },
              { createLink: { type: 'ADDRESSES', from: 'Initiative:conformance-refused', to: 'ActionLine:C99', provenance: PROV } },
            ],
          },
          store,
        );
        expect(response.body.data).toBeNull();
        expect(response.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', id: 'ActionLine:C99', argument: 'changes.1.createLink.to' }]);
        expect(await store.getNodes(['Initiative:conformance-refused'])).toEqual([null]);
        expect((await store.listAudit({ first: 10 })).entries).toEqual([]);
      },
    },
    {
      name: 'curation: creating an id that exists answers CONFLICT with that id, through the API and the port',
      requires: 'writes',
      async run({ freshStore, curate, seeds }) {
        const store = await freshStore();
        const existing = seeds.pick('Initiative');
        const response = await curate(
          'mutation($input: NodeInput!) { createNode(input: $input) { id } }',
          { input: { type: 'Initiative', code: existing.code, name: { en: 'Again' }, provenance: PROV } },
          store,
        );
        expect(response.body.errors?.map((e) => ({ code: e.extensions?.code, id: e.extensions?.id }))).toEqual([{ code: 'CONFLICT', id: existing.id }]);
        await expect(store.applyWrites([{ op: 'createNode', node: existing }])).rejects.toMatchObject({ code: 'CONFLICT', details: { id: existing.id } });
        const edge = seeds.edgesOf(['ADDRESSES'])[0]!;
        await expect(store.applyWrites([{ op: 'createEdge', edge }])).rejects.toMatchObject({ code: 'CONFLICT', details: { id: edge.id } });
        expect(await store.getNodes([existing.id])).toEqual([existing]);
      },
    },
    {
      name: 'curation: addMappingAssertions with 2,000 assertions in one call (the allowed maximum) is applied whole',
      requires: 'writes',
      async run({ freshStore, curate, seeds }) {
        const store = await freshStore();
        const lines = seeds.ofType('ActionLine').map((n) => n.code);
        const targets = seeds.ofType('SdgTarget').map((n) => n.code);
        const assertions = lines.flatMap((actionLine) => targets.map((target) => ({ actionLine, target, rationale: 'write-heavy case' }))).slice(0, 2000);
        expect(assertions).toHaveLength(2000);
        const study = await curate(
          'mutation($input: MappingStudyInput!) { createMappingStudy(input: $input) { id } }',
          { input: { slug: 'conformance-heavy', title: { en: 'Write-heavy study' }, authors: ['conformance suite'], sources: [{ document: 'test fixture' }] } },
          store,
        );
        expect(study.body.errors).toBeUndefined();
        const started = Date.now();
        const added = await curate(
          'mutation($study: ID!, $assertions: [MappingAssertionInput!]!) { addMappingAssertions(study: $study, assertions: $assertions) { id assertions { actionLine { code } } } }',
          { study: 'MappingStudy:conformance-heavy/v1', assertions },
          store,
        );
        const ms = Date.now() - started;
        expect(added.body.errors).toBeUndefined();
        expect((added.body.data?.addMappingAssertions as { assertions: unknown[] }).assertions).toHaveLength(2000);
        const links = await store.listEdges({ types: ['STUDY_LINK'] });
        expect(links.filter((edge) => edge.props.study === 'MappingStudy:conformance-heavy/v1')).toHaveLength(2000);
        const [entry] = (await store.listAudit({ first: 10, filter: { action: 'addMappingAssertions' } })).entries;
        expect(entry!.changes.filter((change) => change.kind === 'edge' && change.before === null)).toHaveLength(2000);
        process.stderr.write(`conformance: ${store.kind}: addMappingAssertions with 2,000 assertions: ${ms} ms\n`);
      },
    },
  ],
};
