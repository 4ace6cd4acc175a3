import net, { type AddressInfo } from 'node:net';
import { testNode } from '../support/graph-records';
import { liveNeo4jSkip, useLiveNeo4j } from './use-live-neo4j';

/**
 * applyWrites against the live Neo4j when the connection is cut while the
 * transaction commits: a TCP proxy between the store and the server passes
 * Bolt through and, once armed, cuts both sockets at the client's COMMIT
 * message — either after handing it to the server (the server commits, the
 * answer is lost) or before (nothing is committed). The driver re-runs the
 * transaction on a new connection; either way the batch must be applied
 * exactly once: one audit entry, the node there, the answer that entry.
 */

// A Bolt COMMIT message as the driver sends it: a chunk of 2 bytes (struct of 0 fields, tag 0x12), then the end marker.
const COMMIT = Buffer.from([0x00, 0x02, 0xb0, 0x12, 0x00, 0x00]);

type Cut = 'after the server has the COMMIT' | 'before the server has the COMMIT';

interface CuttingProxy {
  port: number;
  /** Cut the next COMMIT's connection, this way. */
  arm(cut: Cut): void;
  /** How many connections were cut. */
  cuts(): number;
  close(): Promise<void>;
}

async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let armed: Cut | null = null;
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => {
      if (armed && data.includes(COMMIT)) {
        const way = armed;
        armed = null;
        cuts += 1;
        if (way === 'before the server has the COMMIT') return cut();
        // Hand the COMMIT over, and cut as soon as the server answers it (it has committed by then).
        upstream.removeAllListeners('data');
        upstream.once('data', cut);
        upstream.write(data);
        return;
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arm: (cut) => {
      armed = cut;
    },
    cuts: () => cuts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

(liveNeo4jSkip ? describe.skip : describe)(`neo4j: applyWrites when the connection drops during COMMIT${liveNeo4jSkip ? ` (skipped: ${liveNeo4jSkip})` : ''}`, () => {
  const live = useLiveNeo4j();
  let proxy: CuttingProxy;

  beforeAll(async () => {
    await live.reseed();
    proxy = await startCuttingProxy(Number(new URL(live.config().NEO4J_URI!).port));
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
  });

  const cases: [Cut, string][] = [
    ['after the server has the COMMIT', 'RetryAfterCommit'],
    ['before the server has the COMMIT', 'RetryBeforeCommit'],
  ];
  for (const [cut, code] of cases) {
    it(`applies the batch exactly once when the connection is cut ${cut}`, async () => {
      const store = live.openStore({ NEO4J_URI: `bolt://127.0.0.1:${proxy.port}` });
      const node = testNode('Entity', code);
      try {
        await store.ping();
        const cutsBefore = proxy.cuts();
        proxy.arm(cut);
        const result = await store.applyWrites([{ op: 'createNode', node }], { action: `retry-test:${code}` });
        expect(proxy.cuts()).toBe(cutsBefore + 1);

        const audit = await store.listAudit({ first: 100, filter: { action: `retry-test:${code}` } });
        expect(audit.entries).toEqual([result.audit]);
        expect(result).toEqual({
          applied: 1,
          audit: expect.objectContaining({ changes: [{ kind: 'node', id: node.id, before: null, after: node }] }),
        });
        expect(await store.getNodes([node.id])).toEqual([node]);
      } finally {
        await store.close();
      }
    }, 120_000);
  }
});
