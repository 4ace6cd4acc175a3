import type { Config } from '../config';
import type { Logger } from '../logger';
import { createEmbeddedGraphStore } from './embedded/create-embedded-graph-store';
import type { GraphStore } from './graph-store';

/** The only module that knows every adapter: picks one by `STORE`. */
export async function createGraphStore(config: Config, logger: Logger): Promise<GraphStore> {
  switch (config.STORE) {
    case 'embedded': {
      const store = createEmbeddedGraphStore({
        seedsDir: config.SEEDS_DIR,
        dataDir: config.DATA_DIR,
        compactEvery: config.JOURNAL_COMPACT_EVERY,
        logger,
        onRecovered: (report) => logger.info('journal replayed', { dataDir: config.DATA_DIR, ...report }),
      });
      const dataset = await store.datasetInfo();
      logger.info('embedded store loaded', { dataset: dataset.version });
      return store;
    }
    case 'neo4j': {
      // Starts even when the database is down: /readyz reports 503 until it answers.
      // Imported here, not at the top: neo4j-driver and rxjs are 11 % of an embedded start that never uses them.
      const { createNeo4jGraphStore } = await import('./neo4j/create-neo4j-graph-store');
      const store = createNeo4jGraphStore(config);
      await store.ping().then(
        () => logger.info('neo4j store connected', { database: config.NEO4J_DATABASE }),
        (error: unknown) => logger.warn('neo4j store not reachable yet', { code: (error as { code?: unknown }).code }),
      );
      return store;
    }
  }
}
