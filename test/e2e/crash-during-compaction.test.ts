import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditLength, BATCH, batchFor, CURATOR_KEY, graphql, killHard, presence, readiness, startService, type Service } from './service-process';

/**
 * `kill -9` while the journal compacts: the real service, compacting every
 * few batches under a stream of writes, is killed the moment a compaction
 * file appears: in turn `journal.next.jsonl` (the file the journal is about
 * to switch to: a kill during the rotation) and `snapshot.json.tmp` (the
 * unfinished snapshot: after the rotation, before the new snapshot is in
 * place). The next
 * start must work and hold every acknowledged batch whole; a last start then
 * compacts again and stays ready. Kills are timed by the folder's own events
 * (inotify through `fs.watch`), not by sleeps, so machine load only makes the
 * compaction window longer. A round whose kill landed after the rename is
 * not counted, and another round is run (up to MAX_ROUNDS).
 */
const COMPACT_EVERY = 20;
const WRITERS = 4;
const MAX_ROUNDS = 10;
// What each round waits for before the kill, in turn; each must have landed at least once.
const TRIGGERS = ['journal.next.jsonl', 'snapshot.json.tmp'] as const;

// The last seq of the snapshot on disk (0 without one), and of the newest audit segment.
function folderState(dataDir: string): { snapshotSeq: number; segmentSeq: number; unfinishedSnapshot: boolean; nextJournal: boolean } {
  const snapshotFile = path.join(dataDir, 'snapshot.json');
  const snapshotSeq = existsSync(snapshotFile) ? (JSON.parse(readFileSync(snapshotFile, 'utf8')) as { seq: number }).seq : 0;
  const auditDir = path.join(dataDir, 'audit');
  const segments = existsSync(auditDir) ? readdirSync(auditDir).filter((name) => name.startsWith('segment-')).sort() : [];
  const last = segments.at(-1);
  const lines = last ? readFileSync(path.join(auditDir, last), 'utf8').trim().split('\n') : [];
  const segmentSeq = lines.length > 0 ? (JSON.parse(lines.at(-1)!) as { seq: number }).seq : 0;
  return {
    snapshotSeq,
    segmentSeq,
    unfinishedSnapshot: existsSync(path.join(dataDir, 'snapshot.json.tmp')),
    nextJournal: existsSync(path.join(dataDir, 'journal.next.jsonl')),
  };
}

describe('store/embedded: kill -9 during compaction loses no acknowledged write, and the next start works', () => {
  let dataDir: string;
  let service: Service | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'crash-compaction-'));
  });
  afterAll(async () => {
    await killHard(service);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is killed mid-compaction, restarts whole, and compacts again', async () => {
    const env = { JOURNAL_COMPACT_EVERY: String(COMPACT_EVERY) };
    const acknowledged: string[] = [];
    const inFlightAtKill: string[] = [];
    const midCompaction: ({ round: number; trigger: string } & ReturnType<typeof folderState>)[] = [];
    const landed = (trigger: string) => midCompaction.some((kill) => kill.trigger === trigger);
    let round = 0;

    for (; round < MAX_ROUNDS && !TRIGGERS.every(landed); round++) {
      const trigger = TRIGGERS.find((t) => !landed(t))!;
      service = await startService(dataDir, { env });
      const { url, child } = service;
      const held = await presence(url, [...acknowledged, ...inFlightAtKill]);
      expect([...held].filter(([code, state]) => state === 'partial' || (acknowledged.includes(code) && state !== 'whole'))).toEqual([]);

      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        child.kill('SIGKILL');
      };
      // The moment the file is created, the compaction is at that step.
      const watcher = watch(dataDir, (_event, name) => {
        if (name === trigger && existsSync(path.join(dataDir, trigger))) kill();
      });
      const inFlight = new Set<string>();
      let roundAcks = 0;
      const writer = async (w: number) => {
        // Bounded: compactions must have started long before this many batches.
        for (let i = 0; !killed && roundAcks < COMPACT_EVERY * 30; i++) {
          const code = `k${round}-w${w}-${i}`;
          inFlight.add(code);
          try {
            const { data, errors } = await graphql(url, CURATOR_KEY, BATCH, { c: batchFor(code) });
            expect(errors).toBeUndefined();
            expect(data).toEqual({ applyChanges: { applied: 3 } });
            acknowledged.push(code);
            roundAcks++;
            inFlight.delete(code);
          } catch (error) {
            if (!killed) throw error;
            return; // the connection died with the service: this batch's fate is unknown
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      } finally {
        watcher.close();
        kill();
        await killHard(service);
      }
      inFlightAtKill.push(...inFlight);
      expect(roundAcks).toBeLessThan(COMPACT_EVERY * 30); // a compaction started (and the kill came from it)
      const state = folderState(dataDir);
      // The kill landed mid-compaction when the file it waited for is still there.
      if (trigger === 'snapshot.json.tmp' ? state.unfinishedSnapshot : state.nextJournal) midCompaction.push({ round, trigger, ...state });
    }
    expect(TRIGGERS.filter((t) => !landed(t))).toEqual([]);

    // The last start: everything acknowledged is there whole, the audit log has one entry per batch,
    // and the service is ready and compacts again.
    service = await startService(dataDir, { env });
    // Start-up removed or finished what a kill left.
    expect(folderState(dataDir)).toMatchObject({ unfinishedSnapshot: false, nextJournal: false });
    const held = await presence(service.url, [...acknowledged, ...inFlightAtKill]);
    expect([...held].filter(([, state]) => state === 'partial')).toEqual([]);
    expect(acknowledged.filter((code) => held.get(code) !== 'whole')).toEqual([]);
    expect(await auditLength(service.url)).toBe([...held.values()].filter((state) => state === 'whole').length);
    expect(await readiness(service.url)).toMatchObject({ status: 200, body: { status: 'ready' } });
    const before = folderState(dataDir).snapshotSeq;
    for (let i = 0; i < COMPACT_EVERY + 1; i++) {
      const { errors } = await graphql(service.url, CURATOR_KEY, BATCH, { c: batchFor(`after-${i}`) });
      expect(errors).toBeUndefined();
    }
    await waitFor(() => /"msg":"journal compacted"/.test(service!.output()));
    expect(folderState(dataDir).snapshotSeq).toBeGreaterThan(before);
    expect(await readiness(service.url)).toMatchObject({ status: 200 });
    process.stdout.write(
      `crash-during-compaction: ${round} rounds, killed mid-compaction in ${midCompaction.length} (${JSON.stringify(midCompaction)}), ${acknowledged.length} acknowledged batches, all recovered\n`,
    );
  }, 240_000);
});

// Waits on a condition (the service's own log), polling; the test's timeout bounds it.
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
