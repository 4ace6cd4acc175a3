import { liveNeo4jSkip, useLiveNeo4j } from '../neo4j/use-live-neo4j';
import { describeGraphStore } from './describe-graph-store';

/**
 * The conformance suite against a real Neo4j 5.26: the test Neo4j that jest's
 * global set-up starts (test/neo4j/), or the database NEO4J_URI names
 * (THE DATABASE IS WIPED: a test database only).
 *
 * Every case starts from a graph holding exactly the seeds. The database is
 * wiped and seeded (`db:seed --wipe`, with its count check) before the
 * suite, and again before a case or a `freshStore()` whenever the graph may
 * have changed since: when the audit log exists (every committed
 * `applyWrites` writes it; the seeds hold none) or the node or relationship
 * total differs from the seeds. Reseeding only then, rather than before every
 * case, keeps the leg to a few reseeds; their count and time are printed at the end.
 */
const live = useLiveNeo4j();
let seeded = false;

async function ensureSeeded(): Promise<void> {
  if (seeded && !(await graphMayHaveChanged())) return;
  await live.reseed();
  seeded = true;
}

async function graphMayHaveChanged(): Promise<boolean> {
  const { records } = await live.driver().executeQuery(
    `OPTIONAL MATCH (l:AuditLog) WITH count(l) AS logs
     OPTIONAL MATCH (n:Node) WITH logs, count(n) AS nodes
     OPTIONAL MATCH (:Node)-[r]->(:Node) RETURN logs, nodes, count(r) AS edges`,
    {},
    { database: live.config().NEO4J_DATABASE },
  );
  const [record] = records;
  return (
    Number(record!.get('logs')) > 0 ||
    Number(record!.get('nodes')) !== live.seeds().nodes ||
    Number(record!.get('edges')) !== live.seeds().edges
  );
}

describeGraphStore({
  name: 'neo4j',
  timeoutMs: 180_000,
  skip: liveNeo4jSkip,
  create: async () => {
    await ensureSeeded();
    const store = live.openStore();
    await store.ping();
    return store;
  },
  beforeEachCase: ensureSeeded,
});

afterAll(() => {
  if (liveNeo4jSkip) return;
  process.stderr.write(`conformance: neo4j: ${live.reseeds.count} wipe+seed runs, ${(live.reseeds.ms / 1000).toFixed(1)} s in total\n`);
});
