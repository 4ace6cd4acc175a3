import type { Config } from '../config';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { GraphStore } from '../store/graph-store';

/** What every resolver receives: the store port, this request's loaders, and the limits. */
export interface GraphQLContext {
  store: GraphStore;
  loaders: Loaders;
  limits: Pick<Config, 'MAX_PAGE_SIZE' | 'MAX_PATH_HOPS'>;
}

export function createContext(store: GraphStore, limits: GraphQLContext['limits']): GraphQLContext {
  return { store, loaders: createLoaders(store), limits };
}
