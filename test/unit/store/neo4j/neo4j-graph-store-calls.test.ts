import neo4j, { type Driver } from 'neo4j-driver';
import { findCypherDir, readCypherFolder } from '../../../../src/store/neo4j/cypher-files';
import { Neo4jGraphStore } from '../../../../src/store/neo4j/neo4j-graph-store';
import type { GraphNode } from '../../../../src/domain/graph-records';
import type { WriteOp } from '../../../../src/store/graph-store';
import { toNodeProperties } from '../../../../src/store/neo4j/record-mapping';

/**
 * What the Neo4j adapter sends to the driver, without a database: a
 * recording fake of the driver's session and transaction that answers each
 * query file from a small script. It is not Neo4j and checks no Cypher; it
 * pins the calls (which files, which parameters, how often) that the
 * adapter's correctness on a real server depends on.
 */
const queryNames = new Map(Object.entries(readCypherFolder(findCypherDir(), 'queries')).map(([name, file]) => [file.text, name]));

interface Call {
  name: string;
  params: Record<string, unknown>;
}

type Script = (call: Call) => Record<string, unknown>[];

/** One transaction attempt: records every `run` by query file name and answers from `script`. */
class RecordingTransaction {
  readonly calls: Call[] = [];
  constructor(private readonly script: Script) {}
  async run(text: string, params: Record<string, unknown>) {
    const call = { name: queryNames.get(text) ?? `<unknown query>`, params };
    this.calls.push(call);
    return { records: this.script(call).map((values) => ({ get: (key: string) => values[key] })) };
  }
}

/**
 * A driver whose sessions run each transaction function once, except that
 * `rerunWrites` makes every write run twice, the second time after the first
 * attempt "committed" (its audit entry kept): what neo4j-driver does when the
 * commit succeeded on the server but its answer was lost (a retriable error
 * raised by `tx.commit()` re-runs the function; see TransactionExecutor).
 */
function recordingDriver(options: { rerunWrites?: boolean; stored?: Map<string, GraphNode> } = {}) {
  const attempts: RecordingTransaction[] = [];
  const committedEntries = new Map<string, string>(); // batchId -> entry_json
  let seq = 0;
  const script: Script = (call) => {
    switch (call.name) {
      case 'count-nodes':
        return [{ total: neo4j.int(0) }];
      case 'next-audit-seq':
        return [{ seq: neo4j.int(seq + 1) }];
      // The batched writes answer how many rows they wrote (all of them) and that none existed.
      case 'create-nodes':
      case 'create-edges':
        return [{ existing: [], written: neo4j.int((call.params.rows as unknown[]).length) }];
      case 'update-nodes':
      case 'update-edges':
        return [{ written: neo4j.int((call.params.rows as unknown[]).length) }];
      case 'get-nodes-for-update':
        return (call.params.ids as string[]).filter((id) => options.stored?.has(id)).map((id) => ({ n: { properties: toNodeProperties(options.stored!.get(id)!) } }));
      case 'find-audit-batch': {
        const entry = committedEntries.get(call.params.batchId as string);
        return entry === undefined ? [] : [{ entry }];
      }
      default:
        return [];
    }
  };
  const commit = (tx: RecordingTransaction) => {
    for (const call of tx.calls) {
      if (call.name !== 'create-audit-entry') continue;
      const props = call.params.props as { batchId: string; entry_json: string };
      committedEntries.set(props.batchId, props.entry_json);
      seq += 1;
    }
  };
  const attempt = async <T>(work: (tx: RecordingTransaction) => Promise<T>): Promise<T> => {
    const tx = new RecordingTransaction(script);
    attempts.push(tx);
    const result = await work(tx);
    commit(tx);
    return result;
  };
  const driver = {
    session: () => ({
      executeRead: attempt,
      executeWrite: async <T>(work: (tx: RecordingTransaction) => Promise<T>) => {
        const first = await attempt(work);
        return options.rerunWrites ? attempt(work) : first;
      },
      close: async () => undefined,
    }),
    close: async () => undefined,
  };
  return { driver: driver as unknown as Driver, attempts };
}

const node: GraphNode = {
  id: 'Initiative:test-1',
  type: 'Initiative',
  code: 'test-1',
  name: { en: 'A test initiative' },
  props: {},
  provenance: { sources: [{ url: 'https://example.org/test' }], confidence: 'source' },
};

const fixedNow = () => new Date('2025-01-02T03:04:05.000Z');

describe('neo4j store: what applyWrites sends', () => {
  it('applies a batch once when the driver re-runs its transaction after a lost commit answer', async () => {
    const { driver, attempts } = recordingDriver({ rerunWrites: true });
    const store = new Neo4jGraphStore({ driver, database: 'neo4j', timeoutMs: 1000, now: fixedNow });
    const result = await store.applyWrites([{ op: 'createNode', node }], { actor: { keyId: 'k1', role: 'curator' }, action: 'createNode' });

    expect(attempts.map((tx) => tx.calls.map((call) => call.name))).toEqual([
      ['find-audit-batch', 'get-nodes-for-update', 'create-nodes', 'next-audit-seq', 'create-audit-entry'],
      ['find-audit-batch'],
    ]);
    const batchIds = attempts.map((tx) => tx.calls[0]!.params.batchId);
    expect(typeof batchIds[0]).toBe('string');
    expect(batchIds[1]).toBe(batchIds[0]);
    expect((attempts[0]!.calls[4]!.params.props as { batchId: unknown }).batchId).toBe(batchIds[0]);
    expect(result).toEqual({
      applied: 1,
      audit: {
        seq: 1,
        at: '2025-01-02T03:04:05.000Z',
        actor: { keyId: 'k1', role: 'curator' },
        action: 'createNode',
        ops: [{ op: 'createNode', node }],
        changes: [{ kind: 'node', id: node.id, before: null, after: node }],
      },
    });
    expect(Object.isFrozen(result.audit) && Object.isFrozen(result.audit.changes)).toBe(true);
  });

  it('uses a new batch id for every call', async () => {
    const { driver, attempts } = recordingDriver();
    const store = new Neo4jGraphStore({ driver, database: 'neo4j', timeoutMs: 1000, now: fixedNow });
    const first = await store.applyWrites([]);
    const second = await store.applyWrites([]);
    expect([first.audit.seq, second.audit.seq]).toEqual([1, 2]);
    const ids = attempts.map((tx) => tx.calls.find((call) => call.name === 'find-audit-batch')!.params.batchId);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('neo4j store: round trips of a batch', () => {
  const nodeNumbered = (i: number): GraphNode => ({ ...node, id: `Initiative:test-${i}`, code: `test-${i}` });
  const names = (attempts: RecordingTransaction[]) => attempts.flatMap((tx) => tx.calls.map((call) => call.name));

  it('sends one query per run of one kind of operation, whatever the run length', async () => {
    const sent = async (ops: WriteOp[]) => {
      const { driver, attempts } = recordingDriver();
      await new Neo4jGraphStore({ driver, database: 'neo4j', timeoutMs: 1000, now: fixedNow }).applyWrites(ops);
      return names(attempts);
    };
    const one = await sent([{ op: 'createNode', node: nodeNumbered(0) }]);
    const many = await sent(Array.from({ length: 500 }, (_, i) => ({ op: 'createNode' as const, node: nodeNumbered(i) })));
    expect(many).toEqual(one);
    expect(one).toEqual(['find-audit-batch', 'get-nodes-for-update', 'create-nodes', 'next-audit-seq', 'create-audit-entry']);
  });

  it('reads, locked, inside the write transaction, and does not read again what the plan read', async () => {
    const stored = new Map([[node.id, node]]);
    const { driver, attempts } = recordingDriver({ stored });
    const store = new Neo4jGraphStore({ driver, database: 'neo4j', timeoutMs: 1000, now: fixedNow });
    const updated: GraphNode = { ...node, props: { status: 'active' } };
    const { value, written } = await store.writeWith(async (reads) => {
      const [current] = await reads.getNodes([node.id]);
      return { ops: [{ op: 'updateNode', node: updated }], value: current };
    });
    expect(attempts.map((tx) => tx.calls.map((call) => call.name))).toEqual([
      ['find-audit-batch', 'get-nodes-for-update', 'update-nodes', 'next-audit-seq', 'create-audit-entry'],
    ]);
    expect(value).toEqual(node);
    expect(written.audit.changes).toEqual([{ kind: 'node', id: node.id, before: node, after: updated }]);
  });
});

describe('neo4j store: parameters Cypher needs as integers', () => {
  // neo4j-driver sends a JavaScript number as a FLOAT; LIMIT and integer properties need INTEGER.
  it('sends LIMIT, the audit position and the audit seq as driver Integers', async () => {
    const { driver, attempts } = recordingDriver();
    const store = new Neo4jGraphStore({ driver, database: 'neo4j', timeoutMs: 1000, now: fixedNow });
    await store.listNodes({ type: 'ActionLine', first: 5, withTotal: true });
    await store.listAudit({ first: 3, afterSeq: 7 });
    await store.applyWrites([]);
    const params = (name: string) => attempts.flatMap((tx) => tx.calls).find((call) => call.name === name)!.params;
    const auditProps = params('create-audit-entry').props as Record<string, unknown>;
    expect({
      listLimit: neo4j.isInt(params('list-nodes').limit) && (params('list-nodes').limit as { toNumber(): number }).toNumber(),
      auditLimit: neo4j.isInt(params('list-audit').limit) && (params('list-audit').limit as { toNumber(): number }).toNumber(),
      afterSeq: neo4j.isInt(params('list-audit').afterSeq) && (params('list-audit').afterSeq as { toNumber(): number }).toNumber(),
      seq: neo4j.isInt(auditProps.seq) && (auditProps.seq as { toNumber(): number }).toNumber(),
    }).toEqual({ listLimit: 6, auditLimit: 4, afterSeq: 7, seq: 1 });
  });
});
