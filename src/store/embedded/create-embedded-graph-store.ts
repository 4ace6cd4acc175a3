import type { Logger } from '../../logger';
import { loadSeeds } from '../../seeds/load-seeds';
import { EmbeddedGraphStore, type WriteJournal } from './embedded-graph-store';
import { openFileWriteJournal, type FileWriteJournal, type RecoveryReport } from './file-write-journal';

export interface CreateEmbeddedGraphStoreOptions {
  /** The seeds folder; the project's own `seeds/` when absent. */
  seedsDir?: string;
  /**
   * The data folder of the write journal (`journal.jsonl`, `snapshot.json`):
   * writes acknowledged there before are replayed over the seeds, and new
   * ones are made durable there. Without it (and without `journal`) writes
   * live in memory only, which tests use.
   */
  dataDir?: string;
  journal?: WriteJournal;
  /** Journal batches between two compactions (see `OpenFileWriteJournalOptions.compactEvery`). */
  compactEvery?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Called with the opened journal (tools and the bench read its compaction figures). */
  onJournal?: (journal: FileWriteJournal) => void;
  /** Called with what the journal held at start-up. */
  onRecovered?: (report: RecoveryReport) => void;
}

/**
 * Loads the seeds into a new in-process store, then replays the journal in
 * `dataDir` when given. Throws `SeedFormatError` on a malformed seed file,
 * `JournalCorruptError` / `JournalLockedError` / `ReplayError` when the
 * journal cannot be brought back whole.
 */
export function createEmbeddedGraphStore(options: CreateEmbeddedGraphStoreOptions = {}): EmbeddedGraphStore {
  const seeds = loadSeeds(options.seedsDir);
  const base = {
    nodes: seeds.nodeFiles.flatMap((file) => file.records),
    edges: seeds.edgeFiles.flatMap((file) => file.records),
    dataset: { version: seeds.version, builtAt: seeds.manifest.builtAt },
  };
  if (options.dataDir === undefined) return new EmbeddedGraphStore({ ...base, journal: options.journal });

  // The seeds are what the journal is replayed over: only their records need a tombstone once deleted.
  // Their ids are gathered when a tombstone is first asked about, not at every start (×1000: 544k ids).
  let seedIds: Record<'node' | 'edge', ReadonlySet<string>> | undefined;
  const opened = openFileWriteJournal({
    dir: options.dataDir,
    datasetVersion: seeds.version,
    logger: options.logger,
    compactEvery: options.compactEvery,
    isBaseRecord: (kind, id) => {
      seedIds ??= { node: new Set(base.nodes.map((node) => node.id)), edge: new Set(base.edges.map((edge) => edge.id)) };
      return seedIds[kind].has(id);
    },
  });
  try {
    const store = new EmbeddedGraphStore({ ...base, recovered: opened.recovered, journal: opened.journal });
    options.onRecovered?.(opened.report);
    options.onJournal?.(opened.journal);
    return store;
  } catch (error) {
    opened.journal.close();
    throw error;
  }
}
