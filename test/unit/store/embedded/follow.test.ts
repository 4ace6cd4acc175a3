import { createEmbeddedGraphStore } from '../../../../src/store/embedded/create-embedded-graph-store';
import { ReplayError } from '../../../../src/store/embedded/embedded-graph-store';
import type { GraphNode } from '../../../../src/domain/graph-records';
import type { AuditEntry } from '../../../../src/store/graph-store';

// A read replica (the execution worker's) follows the store that takes the writes by its audit log.
describe('embedded store: a replica following the audit log', () => {
  async function writtenPrimary() {
    const primary = createEmbeddedGraphStore();
    const itu = (await primary.getNodes(['Entity:ITU']))[0]!;
    await primary.applyWrites([{ op: 'updateNode', node: { ...itu, name: { ...itu.name, en: 'Renamed by a curator' } } as GraphNode }]);
    const edge = (await primary.listEdges({ types: ['FACILITATES'] }))[0]!;
    await primary.applyWrites([{ op: 'deleteEdge', id: edge.id }]);
    const { entries } = await primary.listAudit({ first: 100 });
    return { primary, entries: entries as AuditEntry[], edgeId: edge.id };
  }

  it('answers as the primary does once it has applied every entry', async () => {
    const { primary, entries, edgeId } = await writtenPrimary();
    const replica = createEmbeddedGraphStore();
    replica.follow(entries);
    expect(await replica.getNodes(['Entity:ITU'])).toEqual(await primary.getNodes(['Entity:ITU']));
    expect(await replica.getEdges([edgeId])).toEqual([null]);
    expect(await replica.counts()).toEqual(await primary.counts());
    expect((await replica.search({ text: 'Renamed by a curator', first: 1 }))[0]?.node.id).toBe('Entity:ITU');
    expect(await replica.listAudit({ first: 100 })).toEqual(await primary.listAudit({ first: 100 }));
  });

  it('skips entries it already holds, so a feed may repeat itself', async () => {
    const { entries } = await writtenPrimary();
    const replica = createEmbeddedGraphStore();
    replica.follow(entries.slice(0, 1));
    replica.follow(entries);
    replica.follow(entries);
    expect((await replica.listAudit({ first: 100 })).entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('refuses an entry that does not follow the last one it holds, and changes nothing', async () => {
    const { entries } = await writtenPrimary();
    const replica = createEmbeddedGraphStore();
    const before = await replica.getEdges(entries[1]!.changes.map((c) => c.id));
    expect(() => replica.follow(entries.slice(1))).toThrow(ReplayError);
    expect(await replica.getEdges(entries[1]!.changes.map((c) => c.id))).toEqual(before);
    expect((await replica.listAudit({ first: 100 })).entries).toEqual([]);
  });
});
