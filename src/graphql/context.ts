import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { ReleaseHistory } from '../seeds/releases/release-history';
import type { GraphStore } from '../store/graph-store';
import { createTimeSlice, TIME_SLICE_MS, type TimeSlice } from './time-slices';

/** What every resolver receives: the store port, this request's loaders, and the limits. */
export interface GraphQLContext {
  store: GraphStore;
  loaders: Loaders;
  limits: Pick<Config, 'MAX_PAGE_SIZE' | 'MAX_PATH_HOPS'>;
  /** Who sent the request (`null`: no API key); mutations and the audit log check its role. */
  principal?: Principal;
  /** The seeds' release history (`seeds/releases/`), for `dataset.releases` and `dataset.changes`. */
  releases?: ReleaseHistory;
  /** When this request's resolvers give way to others (see time-slices.ts). */
  timeSlice?: TimeSlice;
}

export function createContext(
  store: GraphStore,
  limits: GraphQLContext['limits'],
  principal: Principal = null,
  releases?: ReleaseHistory,
): GraphQLContext {
  return { store, loaders: createLoaders(store), limits, principal, releases, timeSlice: createTimeSlice(TIME_SLICE_MS) };
}
