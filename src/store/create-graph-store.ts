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
        logger,
        onRecovered: (report) => logger.info('journal replayed', { dataDir: config.DATA_DIR, ...report }),
      });
      const dataset = await store.datasetInfo();
      logger.info('embedded store loaded', { dataset: dataset.version });
      return store;
    }
    case 'neo4j':
      throw new Error('STORE=neo4j is not available in this build yet.');
  }
}
