import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSeeds } from '../../../../src/seeds/load-seeds';
import { createEmbeddedGraphStore } from '../../../../src/store/embedded/create-embedded-graph-store';
import { SNAPSHOT_FILE, type FileWriteJournal } from '../../../../src/store/embedded/file-write-journal';
import { testEdge, testNode } from '../../../support/graph-records';

// The store over the project's seeds tells its journal which records are the seeds' (their ids are
// gathered only when a tombstone is first asked about): only a deleted seed record keeps a tombstone.
describe('embedded store: the seeds are what the journal keeps tombstones for', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'wsis-seed-tombstones-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the tombstone of a deleted seed link, not of a node created then deleted', async () => {
    const seedEdge = loadSeeds().edgeFiles[0]!.records[0]!;
    let journal: FileWriteJournal | undefined;
    const store = createEmbeddedGraphStore({ dataDir: dir, onJournal: (opened) => (journal = opened) });
    const created = testNode('Initiative', 'tombstone_probe');
    await store.applyWrites([
      { op: 'createNode', node: created },
      { op: 'createEdge', edge: testEdge('ADDRESSES', created.id, 'ActionLine:C1') },
    ]);
    await store.applyWrites([{ op: 'deleteNode', id: created.id }]);
    await store.applyWrites([{ op: 'deleteEdge', id: seedEdge.id }]);
    journal!.compact();
    await store.close();
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { nodes: unknown[]; edges: unknown[] };
    expect(snapshot.nodes).toEqual([]);
    expect(snapshot.edges).toEqual([[seedEdge.id, null]]);

    const reopened = createEmbeddedGraphStore({ dataDir: dir });
    expect(await reopened.getEdges([seedEdge.id])).toEqual([null]);
    expect(await reopened.getNodes([created.id])).toEqual([null]);
    await reopened.close();
  });
});
