/**
 * The embedded journal under a long stream of writes (issue #11's "done when"):
 * after N journalled write batches (20,000 by default) the snapshot must stay
 * within 2× the graph's own size, and no write may wait on compaction for
 * more than 50 ms.
 *
 *   npm run bench:journal [-- --writes 20000 --compact-every 1000 --writers 4 --keep-tombstones]
 *   npm run bench -- --journal-writes 20000      (the same leg at the end of the full bench; 0 skips it)
 *
 * In process, on the real seeds and a real data folder in the temp dir: the
 * store `createEmbeddedGraphStore` builds for `DATA_DIR`, with every batch
 * fsync'd before it is acknowledged, as in the service. The write mix keeps
 * the graph about the seeds' size, as curation does: per cycle of four
 * batches, an initiative created with two links, a seed node renamed, the
 * initiative of two cycles before deleted (with its links), another seed
 * node renamed; every 1,000th batch also deletes a seed initiative (whose
 * tombstone the snapshot must keep).
 *
 * Figures:
 * - snapshot bytes / graph bytes, where the graph's size is every record it
 *   holds at the end in the snapshot's own encoding (`[id, record]` as JSON);
 * - the longest stretch any compaction held the event loop (the journal's
 *   own measure, `CompactionStats.longestStepMs`): the most a write arriving
 *   during compaction waited on it;
 * - write latency (ready → acknowledged, each writer yielding one turn
 *   before each batch, as a request arriving from a socket would), split
 *   into batches that overlapped a compaction and the others.
 * `--keep-tombstones` opens the journal without `isBaseRecord` (every deleted
 * record stays in the snapshot as `null`: the behaviour before the fix) for
 * the before/after comparison.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EDGE_TYPES } from '../../src/domain/edge-types';
import type { GraphNode } from '../../src/domain/graph-records';
import { NODE_TYPES } from '../../src/domain/node-types';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import { EmbeddedGraphStore } from '../../src/store/embedded/embedded-graph-store';
import { openFileWriteJournal, SNAPSHOT_FILE, type CompactionStats, type FileWriteJournal } from '../../src/store/embedded/file-write-journal';
import type { GraphStore, WriteOp } from '../../src/store/graph-store';
import { testEdge, testNode } from '../support/graph-records';

export interface JournalBenchOptions {
  writes: number;
  compactEvery: number;
  writers: number;
  keepTombstones?: boolean;
  log?: (message: string) => void;
}

export interface JournalBenchResult {
  writes: number;
  compactEvery: number;
  writers: number;
  keepTombstones: boolean;
  seconds: number;
  compactions: number;
  graph: { nodes: number; edges: number; bytes: number };
  snapshot: { bytes: number; records: number; seq: number };
  snapshotOverGraph: number;
  longestCompactionStepMs: number;
  longestCompactionStep: CompactionStats['longestStep'] | null;
  /** Each compaction's longest step, by step: how often each was the longest and its median. */
  longestSteps: Record<string, { count: number; medianMs: number }>;
  longestCompactionMs: number;
  writeLatencyMs: { duringCompaction: Percentiles; otherwise: Percentiles };
}

interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

const SNAPSHOT_LIMIT = 2;
const WAIT_LIMIT_MS = 50;

export async function measureJournalCompaction(options: JournalBenchOptions): Promise<JournalBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'journal-bench-'));
  const log = options.log ?? (() => undefined);
  try {
    const { store, journal } = openStore(dataDir, options);
    const seedInitiatives = (await store.listNodes({ type: 'Initiative', first: 100_000 })).nodes;
    const renamable = [...(await store.listNodes({ type: 'Resolution', first: 100_000 })).nodes, ...seedInitiatives.slice(40)];
    const deletable = seedInitiatives.slice(0, 40).map((node) => node.id);

    const compactions = new Map<number, CompactionStats>();
    const during: number[] = [];
    const otherwise: number[] = [];
    let next = 0;
    const started = performance.now();
    const writer = async () => {
      while (next < options.writes) {
        const i = next++;
        const ready = performance.now();
        const overlapped = journal.compactionRunning;
        await new Promise((resolve) => setImmediate(resolve)); // a request arrives on a later turn of the event loop
        await store.applyWrites(batch(i, renamable, deletable), { actor: { keyId: 'bench', role: 'curator' }, action: 'bench' });
        const ms = performance.now() - ready;
        (overlapped || journal.compactionRunning ? during : otherwise).push(ms);
        const last = journal.compactionStats().last;
        if (last) compactions.set(last.seq, last);
        if ((i + 1) % 5000 === 0) log(`journal: ${i + 1} of ${options.writes} writes`);
      }
    };
    await Promise.all(Array.from({ length: options.writers }, () => writer()));
    await journal.idle();
    const last = journal.compactionStats().last;
    if (last) compactions.set(last.seq, last);
    const seconds = (performance.now() - started) / 1000;

    const graph = await graphSize(store);
    const snapshotBytes = statSync(path.join(dataDir, SNAPSHOT_FILE)).size;
    await store.close();
    const all = [...compactions.values()];
    return {
      writes: options.writes,
      compactEvery: options.compactEvery,
      writers: options.writers,
      keepTombstones: options.keepTombstones ?? false,
      seconds,
      compactions: all.length,
      graph,
      snapshot: { bytes: snapshotBytes, records: last?.records ?? 0, seq: last?.seq ?? 0 },
      snapshotOverGraph: snapshotBytes / graph.bytes,
      longestCompactionStepMs: Math.max(0, ...all.map((c) => c.longestStepMs)),
      longestCompactionStep: all.reduce<CompactionStats | null>((a, c) => (!a || c.longestStepMs > a.longestStepMs ? c : a), null)?.longestStep ?? null,
      longestSteps: Object.fromEntries(
        (['rotate', 'slice', 'install'] as const)
          .map((name) => [name, all.filter((c) => c.longestStep === name).map((c) => c.longestStepMs)] as const)
          .filter(([, ms]) => ms.length > 0)
          .map(([name, ms]) => [name, { count: ms.length, medianMs: percentiles(ms).p50 }]),
      ),
      longestCompactionMs: Math.max(0, ...all.map((c) => c.ms)),
      writeLatencyMs: { duringCompaction: percentiles(during), otherwise: percentiles(otherwise) },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function journalMarkdown(result: JournalBenchResult): string {
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const row = (name: string, p: Percentiles) => `| ${name} | ${p.count} | ${p.p50.toFixed(2)} | ${p.p99.toFixed(2)} | ${p.max.toFixed(2)} |`;
  return [
    `## Journal: ${result.writes.toLocaleString('en')} journalled writes${result.keepTombstones ? ' (every tombstone kept, as before the fix)' : ''}`,
    '',
    `${result.writers} writers in process, every batch fsync'd; a compaction every ${result.compactEvery} batches (${result.compactions} ran); ${result.seconds.toFixed(1)} s.`,
    `Graph at the end: ${result.graph.nodes} nodes, ${result.graph.edges} links, ${result.graph.bytes.toLocaleString('en')} bytes as snapshot records.`,
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| snapshot ≤ ${SNAPSHOT_LIMIT}× the graph's own size | ${result.snapshotOverGraph.toFixed(2)}× (${result.snapshot.bytes.toLocaleString('en')} bytes, ${result.snapshot.records} records, up to seq ${result.snapshot.seq}) | ${verdict(result.snapshotOverGraph <= SNAPSHOT_LIMIT)} |`,
    `| no write waits on compaction > ${WAIT_LIMIT_MS} ms | longest synchronous compaction step ${result.longestCompactionStepMs.toFixed(2)} ms, a \`${result.longestCompactionStep}\` step (per compaction the longest was ${Object.entries(result.longestSteps).map(([name, s]) => `\`${name}\` ${s.count}×, median ${s.medianMs.toFixed(1)} ms`).join('; ')}; a whole compaction took at most ${result.longestCompactionMs.toFixed(0)} ms, yielding) | ${verdict(result.longestCompactionStepMs <= WAIT_LIMIT_MS)} |`,
    '',
    'Write latency, ready → acknowledged (ms):',
    '',
    '| batches | count | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    row('overlapping a compaction', result.writeLatencyMs.duringCompaction),
    row('the others', result.writeLatencyMs.otherwise),
  ].join('\n');
}

// The store as the service opens it for DATA_DIR, with a handle on its journal for the figures.
function openStore(dataDir: string, options: JournalBenchOptions): { store: GraphStore; journal: FileWriteJournal } {
  let journal: FileWriteJournal | undefined;
  if (!options.keepTombstones) {
    const store = createEmbeddedGraphStore({ dataDir, compactEvery: options.compactEvery, onJournal: (opened) => (journal = opened) });
    return { store, journal: journal! };
  }
  const seeds = loadSeeds();
  const opened = openFileWriteJournal({ dir: dataDir, datasetVersion: seeds.version, compactEvery: options.compactEvery });
  const store = new EmbeddedGraphStore({
    nodes: seeds.nodeFiles.flatMap((file) => file.records),
    edges: seeds.edgeFiles.flatMap((file) => file.records),
    dataset: { version: seeds.version, builtAt: seeds.manifest.builtAt },
    recovered: opened.recovered,
    journal: opened.journal,
  });
  return { store, journal: opened.journal };
}

// Batch i of the mix described at the top: the graph stays about the seeds' size.
function batch(i: number, renamable: readonly GraphNode[], deletable: readonly string[]): WriteOp[] {
  const ops: WriteOp[] = [];
  const cycle = Math.floor(i / 4);
  switch (i % 4) {
    case 0: {
      const code = `bench-${cycle}`;
      ops.push(
        { op: 'createNode', node: testNode('Initiative', code) },
        { op: 'createEdge', edge: testEdge('ADDRESSES', `Initiative:${code}`, 'ActionLine:C2') },
        { op: 'createEdge', edge: testEdge('LED_BY', `Initiative:${code}`, 'Entity:ITU') },
      );
      break;
    }
    case 2:
      if (cycle >= 2) ops.push({ op: 'deleteNode', id: `Initiative:bench-${cycle - 2}` });
      else ops.push(rename(renamable, i));
      break;
    default:
      ops.push(rename(renamable, i));
  }
  const seedIndex = i / 1000;
  if (i > 0 && i % 1000 === 0 && seedIndex <= deletable.length) ops.push({ op: 'deleteNode', id: deletable[seedIndex - 1]! });
  return ops;
}

function rename(nodes: readonly GraphNode[], i: number): WriteOp {
  const node = nodes[i % nodes.length]!;
  return { op: 'updateNode', node: { ...node, name: { ...node.name, en: `${node.name.en ?? node.code} (revised ${i})` } } };
}

async function graphSize(store: GraphStore): Promise<JournalBenchResult['graph']> {
  let bytes = 0;
  let nodes = 0;
  for (const type of NODE_TYPES) {
    for (const node of (await store.listNodes({ type, first: 1_000_000 })).nodes) {
      bytes += JSON.stringify([node.id, node]).length + 1;
      nodes++;
    }
  }
  const edges = await store.listEdges({ types: EDGE_TYPES });
  for (const edge of edges) bytes += JSON.stringify([edge.id, edge]).length + 1;
  return { nodes, edges: edges.length, bytes };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      writes: { type: 'string', default: '20000' },
      'compact-every': { type: 'string', default: '1000' },
      writers: { type: 'string', default: '4' },
      'keep-tombstones': { type: 'boolean', default: false },
    },
  });
  measureJournalCompaction({
    writes: Number(values.writes),
    compactEvery: Number(values['compact-every']),
    writers: Number(values.writers),
    keepTombstones: values['keep-tombstones'],
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
  }).then(
    (result) => {
      process.stdout.write(`${journalMarkdown(result)}\n`);
      process.stderr.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
      process.exitCode = 1;
    },
  );
}
