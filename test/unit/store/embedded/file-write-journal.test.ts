import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
// The module object itself (the namespace import's properties cannot be spied on): the journal reads its functions from it.
import nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreUnavailableError } from '../../../../src/domain/errors';
import type { GraphEdge, GraphNode } from '../../../../src/domain/graph-records';
import { EmbeddedGraphStore, ReplayError } from '../../../../src/store/embedded/embedded-graph-store';
import {
  JOURNAL_FILE,
  JournalCorruptError,
  NEXT_JOURNAL_FILE,
  JournalLockedError,
  openFileWriteJournal,
  SNAPSHOT_FILE,
  type RecoveryReport,
} from '../../../../src/store/embedded/file-write-journal';
import type { WriteOp } from '../../../../src/store/graph-store';
import { testEdge, testNode } from '../../../support/graph-records';

// A tiny seed graph (an action line and a target) and writes that add initiatives linked to it.
const node = (type: GraphNode['type'], code: string) => testNode(type, code);
const edge = (type: GraphEdge['type'], from: string, to: string) => testEdge(type, from, to);
const SEED_NODES = [node('ActionLine', 'C1'), node('SdgTarget', '9.c')];
const SEED_EDGES = [edge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:9.c')];

/** A batch that creates initiative `code` and its ADDRESSES link to C1: half of it applied would show. */
const createInitiative = (code: string): WriteOp[] => [
  { op: 'createNode', node: node('Initiative', code) },
  { op: 'createEdge', edge: edge('ADDRESSES', `Initiative:${code}`, 'ActionLine:C1') },
];

// A helper process that opens the journal of a folder and holds it until killed (see journal-holder.ts).
const HOLDER = path.join(__dirname, 'journal-holder.ts');
// Each holder is a tsx process: seconds to start on a loaded machine (jest's 5 s default failed at load average 17).
const SPAWN_TIMEOUT_MS = 60_000;
const TSX = ['--import', 'tsx'];
function spawnHolder(command: string[]) {
  const child = spawn(command[0] === 'node' ? process.execPath : command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => (data.toString().includes('opened') ? resolve() : reject(new Error(data.toString()))));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited };
}

let dir: string;
const open: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(tmpdir(), 'journal-test-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function openStore(
  options: { compactEvery?: number; seedNodes?: GraphNode[]; dataset?: string; tombstonesForSeedsOnly?: boolean; retryCompactionMs?: number } = {},
) {
  const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
  const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
  const seedIds = new Set([...(options.seedNodes ?? SEED_NODES).map((n) => n.id), ...(options.seedNodes ? [] : SEED_EDGES).map((e) => e.id)]);
  const opened = openFileWriteJournal({
    dir,
    datasetVersion: options.dataset ?? '1.0.0+test',
    compactEvery: options.compactEvery,
    retryCompactionMs: options.retryCompactionMs,
    isBaseRecord: options.tombstonesForSeedsOnly ? (_kind, id) => seedIds.has(id) : undefined,
    logger: { info: () => undefined, warn: (msg, fields) => warnings.push({ msg, fields }), error: (msg, fields) => errors.push({ msg, fields }) },
  });
  let store: EmbeddedGraphStore;
  try {
    store = new EmbeddedGraphStore({
      nodes: options.seedNodes ?? SEED_NODES,
      edges: options.seedNodes ? [] : SEED_EDGES,
      dataset: { version: options.dataset ?? '1.0.0+test', builtAt: '2025-01-01T00:00:00.000Z' },
      recovered: opened.recovered,
      journal: opened.journal,
    });
  } catch (error) {
    opened.journal.close();
    throw error;
  }
  open.push(store);
  return { store, journal: opened.journal, report: opened.report, warnings, errors };
}

async function closeAll(): Promise<void> {
  for (const store of open.splice(0)) await store.close();
}

async function initiativeCodes(store: EmbeddedGraphStore): Promise<string[]> {
  return (await store.listNodes({ type: 'Initiative', first: 1000 })).nodes.map((n) => n.code);
}

async function auditSeqs(store: EmbeddedGraphStore): Promise<number[]> {
  return (await store.listAudit({ first: 1000 })).entries.map((e) => e.seq);
}

const journalPath = () => path.join(dir, JOURNAL_FILE);
const NO_TAIL: RecoveryReport['truncatedTail'] = null;

describe('store/embedded: FileWriteJournal replays acknowledged writes', () => {
  it('brings back every acknowledged batch, its links and its audit entry after a restart', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'), { actor: { keyId: 'alice', role: 'curator' }, action: 'applyChanges' });
    await first.store.applyWrites(createInitiative('b'));
    await first.store.applyWrites([{ op: 'deleteNode', id: 'Initiative:a' }]);
    const before = await first.store.listAudit({ first: 100 });
    await closeAll();

    const second = openStore();
    expect(second.report).toEqual({ snapshotSeq: 0, replayed: 3, alreadyInSnapshot: 0, truncatedTail: NO_TAIL, datasetChanged: false });
    expect(await initiativeCodes(second.store)).toEqual(['b']);
    expect(await second.store.getEdges(['ADDRESSES|Initiative:a|ActionLine:C1', 'ADDRESSES|Initiative:b|ActionLine:C1'])).toEqual([
      null,
      edge('ADDRESSES', 'Initiative:b', 'ActionLine:C1'),
    ]);
    expect(await second.store.listAudit({ first: 100 })).toEqual(before);
    // The deletion's entry lists the link that went with the node, so replay needs no knowledge of cascades.
    expect(before.entries[2]!.changes.map((c) => [c.kind, c.id, c.after])).toEqual([
      ['edge', 'ADDRESSES|Initiative:a|ActionLine:C1', null],
      ['node', 'Initiative:a', null],
    ]);
    // New writes continue the sequence.
    expect((await second.store.applyWrites(createInitiative('c'))).audit.seq).toBe(4);
  });

  it('writes one checksummed JSON line per batch, with its seq and the seeds version', async () => {
    const { store } = openStore();
    await store.applyWrites(createInitiative('a'));
    await store.applyWrites(createInitiative('b'));
    const lines = fs.readFileSync(journalPath(), 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    const parsed = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => [p.seq, p.dataset, Object.keys(p)])).toEqual([
      [1, '1.0.0+test', ['seq', 'dataset', 'entry', 'sha256']],
      [2, '1.0.0+test', ['seq', 'dataset', 'entry', 'sha256']],
    ]);
  });

  it('refuses a batch that fails, writing nothing for it', async () => {
    const { store } = openStore();
    await store.applyWrites(createInitiative('a'));
    const size = fs.statSync(journalPath()).size;
    await expect(store.applyWrites(createInitiative('a'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(store.applyWrites([...createInitiative('b'), { op: 'deleteNode', id: 'Initiative:none' }])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(fs.statSync(journalPath()).size).toBe(size);
    expect(await initiativeCodes(store)).toEqual(['a']);
    expect(await auditSeqs(store)).toEqual([1]);
  });

  it('refuses with STORE_UNAVAILABLE and takes the batch back when the disk refuses the line', async () => {
    const { store, journal } = openStore();
    await store.applyWrites(createInitiative('a'));
    // Pull the file from under the journal: the next write cannot be made durable.
    fs.closeSync((journal as unknown as { fd: number }).fd);
    await expect(store.applyWrites(createInitiative('b'))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await initiativeCodes(store)).toEqual(['a']);
    expect(await auditSeqs(store)).toEqual([1]);
    // After a failed fsync the file's state is unknown: later writes are refused too, until a restart.
    await expect(store.applyWrites(createInitiative('c'))).rejects.toBeInstanceOf(StoreUnavailableError);
    (journal as unknown as { fd: number | null }).fd = null;
  });

  it('refuses a write the disk has no room for with disk_full, loses nothing, reports it, and takes writes again once there is room', async () => {
    const { store, journal, errors } = openStore();
    await store.applyWrites(createInitiative('a'));
    const size = fs.statSync(journalPath()).size;
    // The disk takes part of the line, then is full: what a real ENOSPC does to a write.
    const realWriteSync = fs.writeSync;
    const partThenFull = (fd: number, buffer: Buffer, offset = 0, length = buffer.length - offset): number => {
      if (offset === 0 && length > 10) return realWriteSync(fd, buffer, 0, 10);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    };
    const full = jest.spyOn(nodeFs, 'writeSync').mockImplementation(partThenFull as unknown as typeof fs.writeSync);
    try {
      await expect(store.applyWrites(createInitiative('b'))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        details: { reason: 'disk_full' },
        message: 'The write could not be made durable: the disk is full. Nothing was changed.',
      });
      await expect(store.applyWrites(createInitiative('c'))).rejects.toMatchObject({ details: { reason: 'disk_full' } });
    } finally {
      full.mockRestore();
    }
    // Nothing of the refused batches is in memory or on disk; readiness reports the failure.
    expect(fs.statSync(journalPath()).size).toBe(size);
    expect(await initiativeCodes(store)).toEqual(['a']);
    expect(await auditSeqs(store)).toEqual([1]);
    expect(journal.problem()).toMatch(/^the disk refused a write at .*ENOSPC/);
    await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: 'journal' } });
    expect(errors.map((e) => e.msg)).toEqual([
      'journal: the disk refused a write; it was taken back, later writes are tried again',
      'journal: the disk refused a write; it was taken back, later writes are tried again',
    ]);

    // Room again (no restart): the next write is taken and the failure clears.
    await store.applyWrites(createInitiative('d'));
    expect(journal.problem()).toBeNull();
    await expect(store.ping()).resolves.toBeUndefined();
    await closeAll();
    const reopened = openStore();
    expect(reopened.report).toMatchObject({ replayed: 2, truncatedTail: NO_TAIL });
    expect(await initiativeCodes(reopened.store)).toEqual(['a', 'd']);
    expect(await auditSeqs(reopened.store)).toEqual([1, 2]);
  });

  it('refuses every later write until a restart when the fsync of a line fails (the file state is then unknown)', async () => {
    const { store, journal } = openStore();
    await store.applyWrites(createInitiative('a'));
    const failing = jest.spyOn(nodeFs, 'fsyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    try {
      await expect(store.applyWrites(createInitiative('b'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: 'journal' } });
    } finally {
      failing.mockRestore();
    }
    await expect(store.applyWrites(createInitiative('c'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(journal.problem()).toMatch(/^the journal failed: .*EIO/);
    expect(await initiativeCodes(store)).toEqual(['a']);
    await closeAll();
    expect(await initiativeCodes(openStore().store)).toEqual(['a']);
  });
});

describe('store/embedded: FileWriteJournal after a crash', () => {
  it('reports and cuts a torn last line (no newline), keeps the cut bytes, and keeps every earlier batch', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'));
    await first.store.applyWrites(createInitiative('b'));
    await closeAll();
    const whole = fs.readFileSync(journalPath());
    // A crash in the middle of the third append: half a line on disk, never acknowledged.
    const torn = '{"seq":3,"dataset":"1.0.0+test","entry":{"seq":3,"at":"2025-';
    fs.appendFileSync(journalPath(), torn);

    const second = openStore();
    expect(second.report.truncatedTail).toEqual({
      offset: whole.length,
      bytes: Buffer.byteLength(torn),
      reason: 'no newline at the end (a write stopped mid-line)',
      savedTo: path.join(fs.realpathSync(dir), `${JOURNAL_FILE}.torn-at-${whole.length}`),
    });
    expect(second.warnings.map((w) => [w.msg, w.fields?.offset])).toEqual([
      ['journal: cut off a torn last line that was never acknowledged', whole.length],
    ]);
    expect(fs.readFileSync(journalPath())).toEqual(whole);
    expect(fs.readFileSync(second.report.truncatedTail!.savedTo, 'utf8')).toBe(torn);
    expect(await initiativeCodes(second.store)).toEqual(['a', 'b']);
    // The next write takes the place of the torn one.
    expect((await second.store.applyWrites(createInitiative('c'))).audit.seq).toBe(3);
    await closeAll();
    expect(await initiativeCodes(openStore().store)).toEqual(['a', 'b', 'c']);
  });

  it('reports and cuts a complete last line whose checksum does not match', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'));
    await first.store.applyWrites(createInitiative('b'));
    await closeAll();
    const text = fs.readFileSync(journalPath(), 'utf8');
    const secondLineAt = text.indexOf('\n') + 1;
    fs.writeFileSync(journalPath(), text.slice(0, secondLineAt) + text.slice(secondLineAt).replace('Initiative b', 'Initiative X'));

    const second = openStore();
    expect(second.report.truncatedTail).toMatchObject({ offset: Buffer.byteLength(text.slice(0, secondLineAt)), reason: 'checksum mismatch' });
    expect(await initiativeCodes(second.store)).toEqual(['a']);
  });

  it('refuses to start when a line before the last is corrupt, naming the byte offset, and changes no file', async () => {
    const first = openStore();
    for (const code of ['a', 'b', 'c']) await first.store.applyWrites(createInitiative(code));
    await closeAll();
    const text = fs.readFileSync(journalPath(), 'utf8');
    const secondLineAt = Buffer.byteLength(text.slice(0, text.indexOf('\n') + 1));
    const damaged = text.replace('Initiative b', 'Initiative X');
    fs.writeFileSync(journalPath(), damaged);

    expect(() => openStore()).toThrow(JournalCorruptError);
    expect(() => openStore()).toThrow(new RegExp(`corrupt at byte ${secondLineAt} \\(line 2 of 3\\): checksum mismatch`));
    expect(fs.readFileSync(journalPath(), 'utf8')).toBe(damaged);
    expect(fs.readdirSync(dir).filter((f) => f.includes('torn'))).toEqual([]);
  });

  it('refuses to start when entries are missing between lines', async () => {
    const first = openStore();
    for (const code of ['a', 'b', 'c']) await first.store.applyWrites(createInitiative(code));
    await closeAll();
    const lines = fs.readFileSync(journalPath(), 'utf8').split('\n');
    fs.writeFileSync(journalPath(), [lines[0], lines[2], ''].join('\n'));
    expect(() => openStore()).toThrow(/entry 3 follows entry 1/);
  });

  it('stops start-up when a replayed write no longer applies over changed seeds, rather than drop it', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'));
    await closeAll();
    // The seeds no longer have C1, which the recovered link joins.
    expect(() => openStore({ seedNodes: [node('SdgTarget', '9.c')], dataset: '2.0.0+other' })).toThrow(ReplayError);
    expect(() => openStore({ seedNodes: [node('SdgTarget', '9.c')], dataset: '2.0.0+other' })).toThrow(
      /journal entry 1: edge "ADDRESSES\|Initiative:a\|ActionLine:C1" joins a node that is in neither the seeds nor the journal/,
    );
    // The journal is left as it was, and the lock released, for the operator.
    const again = openStore();
    expect(await initiativeCodes(again.store)).toEqual(['a']);
  });

  it('replays over changed seeds when the writes still apply, and says the seeds changed', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'));
    await closeAll();
    const second = openStore({ dataset: '1.1.0+newer' });
    expect(second.report.datasetChanged).toBe(true);
    expect(second.warnings.map((w) => w.msg)).toContain(
      'journal: replaying writes made over other seeds; a write that no longer applies stops start-up',
    );
    expect(await initiativeCodes(second.store)).toEqual(['a']);
  });
});

describe('store/embedded: FileWriteJournal compaction', () => {
  it('folds the journal into a snapshot every compactEvery batches, and restarts from snapshot plus journal', async () => {
    const first = openStore({ compactEvery: 3 });
    for (const code of ['a', 'b', 'c', 'd', 'e']) await first.store.applyWrites(createInitiative(code));
    await first.store.applyWrites([{ op: 'deleteNode', id: 'Initiative:b' }]);
    const audit = await first.store.listAudit({ first: 100 });
    await closeAll();
    expect(fs.readFileSync(journalPath(), 'utf8')).toBe('');
    expect((JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { seq: number }).seq).toBe(6);

    const second = openStore({ compactEvery: 3 });
    expect(second.report).toEqual({ snapshotSeq: 6, replayed: 0, alreadyInSnapshot: 0, truncatedTail: NO_TAIL, datasetChanged: false });
    expect(await initiativeCodes(second.store)).toEqual(['a', 'c', 'd', 'e']);
    expect(await second.store.listAudit({ first: 100 })).toEqual(audit);
    await second.store.applyWrites(createInitiative('f'));
    await closeAll();
    const third = openStore({ compactEvery: 3 });
    expect(third.report).toMatchObject({ snapshotSeq: 6, replayed: 1 });
    expect(await initiativeCodes(third.store)).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(await auditSeqs(third.store)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is safe when a crash stops it before the rename: the unfinished snapshot is removed, the journal replayed', async () => {
    const first = openStore();
    for (const code of ['a', 'b']) await first.store.applyWrites(createInitiative(code));
    await closeAll();
    fs.writeFileSync(path.join(dir, `${SNAPSHOT_FILE}.tmp`), '{"format":"wsis-graph-snapshot/1","seq":2,"nod');

    const second = openStore();
    expect(fs.existsSync(path.join(dir, `${SNAPSHOT_FILE}.tmp`))).toBe(false);
    expect(second.report).toMatchObject({ snapshotSeq: 0, replayed: 2 });
    expect(await initiativeCodes(second.store)).toEqual(['a', 'b']);
  });

  it('is safe when a crash stops it after the rename, before the journal is emptied: nothing is applied twice', async () => {
    const first = openStore();
    for (const code of ['a', 'b', 'c']) await first.store.applyWrites(createInitiative(code));
    const journalBefore = fs.readFileSync(journalPath());
    first.journal.compact();
    await closeAll();
    // Put back the journal as it was before step (3).
    fs.writeFileSync(journalPath(), journalBefore);

    const second = openStore();
    expect(second.report).toMatchObject({ snapshotSeq: 3, replayed: 0, alreadyInSnapshot: 3 });
    expect(await initiativeCodes(second.store)).toEqual(['a', 'b', 'c']);
    expect(await auditSeqs(second.store)).toEqual([1, 2, 3]);
    await second.store.applyWrites(createInitiative('d'));
    await closeAll();
    const third = openStore();
    // The second open dropped the lines already in the audit segment from the journal.
    expect(third.report).toMatchObject({ snapshotSeq: 3, replayed: 1, alreadyInSnapshot: 0 });
    expect(await auditSeqs(third.store)).toEqual([1, 2, 3, 4]);
  });

  it('leaves no journal.next.jsonl behind a background compaction, and the journal goes on after it', async () => {
    const first = openStore({ compactEvery: 3 });
    for (const code of ['a', 'b', 'c']) await first.store.applyWrites(createInitiative(code));
    await first.journal.idle();
    for (const code of ['d', 'e']) await first.store.applyWrites(createInitiative(code));
    await closeAll();
    expect(fs.existsSync(path.join(dir, NEXT_JOURNAL_FILE))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'audit'))).toEqual(['segment-000000000001.jsonl']);
    const second = openStore({ compactEvery: 3 });
    expect(second.report).toMatchObject({ snapshotSeq: 3, replayed: 2 });
    expect(await initiativeCodes(second.store)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  describe('finishes a rotation a crash interrupted, whatever step it stopped at', () => {
    // Five batches in the journal, then the folder rearranged as a crash at each step of a rotation leaves it.
    async function fiveBatches(): Promise<string[]> {
      const first = openStore();
      for (const code of ['a', 'b', 'c', 'd', 'e']) await first.store.applyWrites(createInitiative(code));
      await closeAll();
      return fs.readFileSync(journalPath(), 'utf8').split('\n').filter(Boolean).map((line) => `${line}\n`);
    }
    const next = () => path.join(dir, NEXT_JOURNAL_FILE);

    it('prepared but not switched to: the empty file is removed', async () => {
      await fiveBatches();
      fs.writeFileSync(next(), '');
      const second = openStore();
      expect(fs.existsSync(next())).toBe(false);
      expect(second.report).toMatchObject({ replayed: 5, truncatedTail: NO_TAIL });
      expect(await initiativeCodes(second.store)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('switched, no rename yet: the old journal becomes the segment, the next file the journal', async () => {
      const lines = await fiveBatches();
      fs.writeFileSync(journalPath(), lines.slice(0, 3).join(''));
      fs.writeFileSync(next(), lines.slice(3).join(''));
      const second = openStore();
      expect(fs.existsSync(next())).toBe(false);
      expect(fs.readFileSync(path.join(dir, 'audit', 'segment-000000000001.jsonl'), 'utf8')).toBe(lines.slice(0, 3).join(''));
      expect(fs.readFileSync(journalPath(), 'utf8')).toBe(lines.slice(3).join(''));
      expect(await initiativeCodes(second.store)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await auditSeqs(second.store)).toEqual([1, 2, 3, 4, 5]);
    });

    it('switched, the old journal already a segment: the next file becomes the journal, a torn tail in it is cut', async () => {
      const lines = await fiveBatches();
      fs.mkdirSync(path.join(dir, 'audit'));
      fs.writeFileSync(path.join(dir, 'audit', 'segment-000000000001.jsonl'), lines.slice(0, 3).join(''));
      fs.rmSync(journalPath());
      fs.writeFileSync(next(), `${lines.slice(3).join('')}{"seq":6,"datas`);
      const second = openStore();
      expect(second.report).toMatchObject({ replayed: 5, truncatedTail: { offset: lines[3]!.length + lines[4]!.length } });
      expect(await initiativeCodes(second.store)).toEqual(['a', 'b', 'c', 'd', 'e']);
      await second.store.applyWrites(createInitiative('f'));
      await closeAll();
      expect(await auditSeqs(openStore().store)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  it('keeps a tombstone only for a deleted seed record, so created-then-deleted records do not grow the snapshot', async () => {
    const first = openStore({ tombstonesForSeedsOnly: true });
    for (let i = 0; i < 30; i++) {
      await first.store.applyWrites(createInitiative(`t${i}`));
      await first.store.applyWrites([{ op: 'deleteNode', id: `Initiative:t${i}` }]);
    }
    await first.store.applyWrites(createInitiative('kept'));
    await first.store.applyWrites([{ op: 'deleteEdge', id: SEED_EDGES[0]!.id }]);
    first.journal.compact();
    await closeAll();
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { seq: number; nodes: unknown[]; edges: unknown[] };
    expect(snapshot.seq).toBe(62);
    expect(snapshot.nodes).toEqual([['Initiative:kept', expect.objectContaining({ code: 'kept' })]]);
    expect(snapshot.edges).toEqual([
      ['ADDRESSES|Initiative:kept|ActionLine:C1', expect.objectContaining({ type: 'ADDRESSES' })],
      [SEED_EDGES[0]!.id, null],
    ]);

    const second = openStore({ tombstonesForSeedsOnly: true });
    expect(second.report).toMatchObject({ snapshotSeq: 62, replayed: 0 });
    expect(await initiativeCodes(second.store)).toEqual(['kept']);
    expect(await second.store.getEdges([SEED_EDGES[0]!.id])).toEqual([null]);
    expect(await auditSeqs(second.store)).toHaveLength(62);
  });

  it('does not retry a failed compaction on every write: reports it, retries once after the delay, then writes the snapshot it owes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'performance', 'Date'] });
    try {
      const { store, journal, errors } = openStore({ compactEvery: 3, retryCompactionMs: 60_000 });
      // A folder where the unfinished snapshot must go: opening it for writing fails (EISDIR), as a full or broken disk would.
      const obstacle = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
      fs.mkdirSync(obstacle);
      for (const code of ['a', 'b', 'c']) await store.applyWrites(createInitiative(code));
      await journal.idle();
      expect(journal.compactionStats().attempts).toBe(1);
      expect(journal.problem()).toMatch(/^compaction failed at .*EISDIR/);
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: 'journal' } });

      // Writes go on, durable in the journal and its segments, without a compaction attempt each.
      for (const code of ['d', 'e', 'f', 'g', 'h', 'i', 'j']) await store.applyWrites(createInitiative(code));
      await journal.idle();
      expect(journal.compactionStats().attempts).toBe(1);
      expect(errors.filter((e) => e.msg.startsWith('journal compaction failed'))).toHaveLength(1);
      expect(fs.existsSync(path.join(dir, SNAPSHOT_FILE))).toBe(false);

      fs.rmdirSync(obstacle);
      jest.advanceTimersByTime(60_000);
      await journal.idle();
      expect(journal.compactionStats()).toMatchObject({ attempts: 2, last: { seq: 10 } });
      expect(journal.problem()).toBeNull();
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
    await closeAll();
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { seq: number };
    expect(snapshot.seq).toBe(10);
    const reopened = openStore({ compactEvery: 3 });
    expect(reopened.report).toMatchObject({ snapshotSeq: 10, replayed: 0 });
    expect(await initiativeCodes(reopened.store)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  });

  it('writes the snapshot it owes on the retry even when no batch came after the failure', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'performance', 'Date'] });
    try {
      const { store, journal } = openStore({ compactEvery: 2, retryCompactionMs: 1000 });
      const obstacle = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
      fs.mkdirSync(obstacle);
      for (const code of ['a', 'b']) await store.applyWrites(createInitiative(code));
      await journal.idle();
      expect(journal.problem()).not.toBeNull();
      fs.rmdirSync(obstacle);
      jest.advanceTimersByTime(1000);
      await journal.idle();
      expect(journal.problem()).toBeNull();
      expect(journal.compactionStats().last).toMatchObject({ seq: 2, records: 4 });
    } finally {
      jest.useRealTimers();
    }
    await closeAll();
    expect((JSON.parse(fs.readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { seq: number }).seq).toBe(2);
  });

  it('refuses to start on a damaged snapshot', async () => {
    const first = openStore();
    await first.store.applyWrites(createInitiative('a'));
    first.journal.compact();
    await closeAll();
    const file = path.join(dir, SNAPSHOT_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Initiative a', 'Initiative X'));
    expect(() => openStore()).toThrow(/snapshot.json is corrupt: checksum mismatch/);
  });
});

describe('store/embedded: FileWriteJournal has one writer per data folder', () => {
  it('refuses a second open of the same folder in one process', () => {
    openStore();
    expect(() => openStore()).toThrow(JournalLockedError);
  });

  it('takes the folder over from a holder killed with -9, and refuses it while the holder runs', async () => {
    const holder = spawnHolder(['node', ...TSX, HOLDER, dir]);
    await holder.ready;
    expect(() => openStore()).toThrow(new RegExp(`${dir} is in use by host \\S+ pid \\d+`));
    holder.child.kill('SIGKILL');
    await holder.exited;
    const { store } = openStore();
    await store.applyWrites(createInitiative('a'));
    expect(await initiativeCodes(store)).toEqual(['a']);
  }, SPAWN_TIMEOUT_MS);

  it('refuses a second process in another PID namespace on the same folder (where unshare works)', async () => {
    const probe = spawnSync('unshare', ['-p', '-f', '--mount-proc', 'true']);
    if (probe.status !== 0) {
      // Not root, or no user namespaces: the CI machine is root and runs this.
      if (process.env.CI === 'true') throw new Error(`unshare -p -f --mount-proc does not work here: ${probe.stderr.toString()}`);
      return;
    }
    const first = spawnHolder(['unshare', '-p', '-f', '--kill-child', '--mount-proc', process.execPath, ...TSX, HOLDER, dir]);
    await first.ready;
    // The pid file this replaces let this one in: both holders had pid 1 in their own namespace.
    const second = spawnSync('unshare', ['-p', '-f', '--mount-proc', process.execPath, ...TSX, HOLDER, dir, '--once'], { encoding: 'utf8' });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(second.stdout).toMatch(/^refused: .* is in use by host \S+ pid \d+ /);
  }, SPAWN_TIMEOUT_MS);
});
