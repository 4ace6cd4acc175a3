import { loadSeeds } from '../../seeds/load-seeds';
import { EmbeddedGraphStore, type WriteJournal } from './embedded-graph-store';

export interface CreateEmbeddedGraphStoreOptions {
  /** The seeds folder; the project's own `seeds/` when absent. */
  seedsDir?: string;
  journal?: WriteJournal;
}

/** Loads the seeds into a new in-process store. Throws `SeedFormatError` on a malformed seed file. */
export function createEmbeddedGraphStore(options: CreateEmbeddedGraphStoreOptions = {}): EmbeddedGraphStore {
  const seeds = loadSeeds(options.seedsDir);
  return new EmbeddedGraphStore({
    nodes: seeds.nodeFiles.flatMap((file) => file.records),
    edges: seeds.edgeFiles.flatMap((file) => file.records),
    dataset: { version: seeds.version, builtAt: seeds.manifest.builtAt },
    journal: options.journal,
  });
}
