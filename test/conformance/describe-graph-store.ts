import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { loadConfig } from '../../src/config';
import { FanOutBounds, relationSpecsOf } from '../../src/graphql/cost/fan-out-bounds';
import { resolvers } from '../../src/graphql/resolvers';
import { createApp, type App } from '../../src/http/create-app';
import { createLogger } from '../../src/logger';
import type { GraphStore } from '../../src/store/graph-store';
import { conformanceCases } from './cases';
import { CURATOR_KEY_ID, type Capabilities, type CaseGroup, type GraphQLResponse, type Harness } from './harness';
import { SeedModel } from './seed-model';

export interface DescribeGraphStoreOptions {
  /** Shown in the test names: `conformance: <name>`. */
  name: string;
  /** Makes a new store holding exactly the seeds. Called once for the shared store and once per writing case. */
  create: () => Promise<GraphStore>;
  /** Optional behaviour the store has; everything is assumed supported unless set to false. */
  supports?: Partial<Capabilities>;
  /** When set, the whole suite is registered as skipped with this reason in its name (e.g. no database configured). */
  skip?: string;
  /** Jest timeout of each case and of opening the shared store, in ms (a database store seeds first). */
  timeoutMs?: number;
  /**
   * Runs before every case (within the case's timeout), e.g. to put a shared database back to the
   * seeds when the previous case wrote to it.
   */
  beforeEachCase?: () => Promise<void>;
  /** The case groups to run; default: every group in `cases/index.ts`. */
  groups?: readonly CaseGroup[];
}

const CURATOR_KEY = 'conformance-curator-key-0123456789';

async function post(app: App, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

/**
 * The one conformance suite of the store port, in the style of
 * abstract-level's test suite: every adapter calls this with a factory, and
 * every case runs against it through the port and through the GraphQL app
 * in-process. Add a behaviour by adding a file under `cases/` and listing it
 * in `cases/index.ts`; it then runs against every store.
 */
export function describeGraphStore(options: DescribeGraphStoreOptions): void {
  const supports: Capabilities = { writes: true, ...options.supports };
  const title = `conformance: ${options.name}${options.skip ? ` (skipped: ${options.skip})` : ''}`;
  (options.skip ? describe.skip : describe)(title, () => {
    const seeds = new SeedModel();
    // One service copy owns each test database, so the response cache's check for other copies'
    // writes (a datasetInfo and listAudit read per HTTP_CACHE_SYNC_MS on Neo4j) is off: it would add
    // its own store calls to the requests whose store calls the batching cases count.
    // A curator's key for the curation cases. The body limit is the default: the write-heavy case
    // (2,000 assertions, ~150 kB of JSON) must go through it as a curator would send it.
    const config = loadConfig({
      HTTP_CACHE_SYNC_MS: '0',
      API_KEYS: `${CURATOR_KEY_ID}:curator:${hashApiKey(CURATOR_KEY)}`,
    });
    const logger = createLogger('silent');
    const opened: GraphStore[] = [];
    const apps = new WeakMap<GraphStore, App>();
    let shared: GraphStore | undefined;
    let bounds: FanOutBounds | undefined;

    const open = async (): Promise<GraphStore> => {
      const store = await options.create();
      opened.push(store);
      return store;
    };
    const appOf = (store: GraphStore): App => {
      let app = apps.get(store);
      // The cost limit's bounds come from the shared store: a case counting its request's store calls sees only those.
      bounds ??= new FanOutBounds(harness.store(), relationSpecsOf(resolvers), config.MAX_PATH_HOPS);
      if (!app) apps.set(store, (app = createApp({ store, config, logger, bounds })));
      return app;
    };

    const harness: Harness = {
      seeds,
      store: () => {
        if (!shared) throw new Error('the shared store is opened in beforeAll');
        return shared;
      },
      freshStore: open,
      app: (store) => appOf(store ?? harness.store()),
      graphql: (query, variables, store) => post(appOf(store ?? harness.store()), {}, query, variables),
      curate: (query, variables, store) => post(appOf(store ?? harness.store()), { authorization: `Bearer ${CURATOR_KEY}` }, query, variables),
    };

    beforeAll(async () => {
      shared = await open();
    }, options.timeoutMs);

    afterAll(async () => {
      await Promise.all(opened.map((store) => store.close()));
    });

    if (options.beforeEachCase) beforeEach(options.beforeEachCase, options.timeoutMs);

    for (const group of options.groups ?? conformanceCases) {
      describe(group.area, () => {
        for (const testCase of group.cases) {
          const supported = testCase.requires === undefined || supports[testCase.requires];
          (supported ? it : it.skip)(testCase.name, () => testCase.run(harness), options.timeoutMs);
        }
      });
    }
  });
}
