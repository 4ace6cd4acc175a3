import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRandom } from '../support/create-random';
import { auditLength, BATCH, batchFor, CURATOR_KEY as KEY, exited, graphql, presence, startService, type Service } from './service-process';

/**
 * The durability guarantee, tested as users meet it: the real service
 * process with a data folder, a stream of multi-operation write batches from
 * several clients, `kill -9` at a random moment, a restart on the same
 * folder. Every acknowledged batch must be there whole; a batch in flight at
 * the kill may be there or not, but never in part. Seeded (CRASH_SEED) so a
 * failure reproduces. (Kills during compaction: crash-during-compaction.test.ts;
 * a full disk: disk-full.test.ts.)
 */
const SEED = Number(process.env.CRASH_SEED ?? 7);
const ROUNDS = 3;
const WRITERS = 4;

describe('store/embedded: a crash loses no acknowledged write and leaves none half-applied', () => {
  let dataDir: string;
  let service: Service | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'crash-'));
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await exited(service.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`survives ${ROUNDS} rounds of kill -9 during a stream of write batches`, async () => {
    const random = createRandom(SEED);
    const acknowledged: string[] = [];
    const inFlightAtKill: string[] = [];
    const figures = { attempted: 0, acknowledged: 0, recovered: 0, inFlightRecovered: 0, inFlightAbsent: 0, tornTails: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      service = await startService(dataDir);
      const { url, child } = service;
      if (round > 0) {
        // Everything acknowledged in earlier rounds is back, whole.
        const held = await presence(url, [...acknowledged, ...inFlightAtKill]);
        expect([...held].filter(([code, state]) => state === 'partial' || (acknowledged.includes(code) && state !== 'whole'))).toEqual([]);
      }

      let killed = false;
      const inFlight = new Set<string>();
      // The kill timer starts at this round's first acknowledgement, so that a loaded machine (slow
      // start, slow first write) cannot kill the service before it acknowledged anything.
      let firstAck!: () => void;
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAck = resolve));
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const code = `r${round}-w${w}-${i}`;
          inFlight.add(code);
          figures.attempted++;
          try {
            const { data, errors } = await graphql(url, KEY, BATCH, { c: batchFor(code) });
            expect(errors).toBeUndefined();
            expect(data).toEqual({ applyChanges: { applied: 3 } });
            acknowledged.push(code);
            figures.acknowledged++;
            firstAck();
            inFlight.delete(code);
          } catch (error) {
            if (!killed) throw error;
            return; // the connection died with the service: this batch's fate is unknown
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await Promise.race([acknowledgedOnce, Promise.all(writers)]); // a writer that fails before any ack fails the test
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random.next() * 1200)));
      killed = true;
      child.kill('SIGKILL');
      await exited(child);
      await Promise.all(writers);
      inFlightAtKill.push(...inFlight);
      expect(acknowledged.length).toBeGreaterThan(0);
    }

    // A last start: check everything, then the audit log holds one entry per batch applied.
    service = await startService(dataDir);
    const held = await presence(service.url, [...acknowledged, ...inFlightAtKill]);
    expect([...held].filter(([, state]) => state === 'partial')).toEqual([]);
    expect(acknowledged.filter((code) => held.get(code) !== 'whole')).toEqual([]);
    const wholeBatches = [...held.values()].filter((state) => state === 'whole').length;
    expect(await auditLength(service.url)).toBe(wholeBatches);

    figures.recovered = acknowledged.filter((code) => held.get(code) === 'whole').length;
    figures.inFlightRecovered = inFlightAtKill.filter((code) => held.get(code) === 'whole').length;
    figures.inFlightAbsent = inFlightAtKill.filter((code) => held.get(code) === 'none').length;
    figures.tornTails = (service.output().match(/cut off a torn last line/g) ?? []).length;
    service.child.kill('SIGTERM');
    await exited(service.child);
    process.stdout.write(`crash-recovery: seed ${SEED}, ${ROUNDS} kills, ${JSON.stringify(figures)}\n`);
  }, 120_000);
});
