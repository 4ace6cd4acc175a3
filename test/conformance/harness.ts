import type { App } from '../../src/http/create-app';
import type { GraphStore } from '../../src/store/graph-store';
import type { SeedModel } from './seed-model';

/**
 * What a conformance case receives. Cases never build a store themselves:
 * the suite's factory does, so the same case runs against every adapter.
 */
export interface Harness {
  /** A store shared by the read-only cases of one suite run; cases must leave it as they found it. */
  store(): GraphStore;
  /** A new store, seeded, for a case that writes (closed by the suite afterwards). */
  freshStore(): Promise<GraphStore>;
  /** The HTTP app over `store` (default: the shared store), as `npm start` builds it. */
  app(store?: GraphStore): App;
  /** POSTs a GraphQL request to `app` in-process; returns status and parsed body. */
  graphql(query: string, variables?: Record<string, unknown>, store?: GraphStore): Promise<GraphQLResponse>;
  /** As `graphql`, with the API key of a curator (key id `CURATOR_KEY_ID`): for the mutations. */
  curate(query: string, variables?: Record<string, unknown>, store?: GraphStore): Promise<GraphQLResponse>;
  /** The seed files, with the reference computations expectations are derived from. */
  seeds: SeedModel;
}

/** The key id of the curator `Harness.curate` posts as (what audit entries name as the actor). */
export const CURATOR_KEY_ID = 'conformance-curator';

export interface GraphQLResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
}

/**
 * Optional behaviour a store may lack; a case that needs one is skipped (and
 * shown as skipped) for a store whose manifest does not claim it.
 */
export interface Capabilities {
  /** `applyWrites` is supported (a read-only replica would say false). */
  writes: boolean;
}

export interface ConformanceCase {
  name: string;
  requires?: keyof Capabilities;
  run(harness: Harness): Promise<void>;
}

/** One area of behaviour: a file under `cases/`, shown as one `describe` block. */
export interface CaseGroup {
  area: string;
  cases: ConformanceCase[];
}
