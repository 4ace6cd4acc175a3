import type { Plugin } from 'graphql-yoga';
import type { GraphStore } from '../store/graph-store';

/**
 * `/healthz`: the process is alive (always 200).
 * `/readyz`: the store answers (200 with the dataset version) or not (503),
 * for load balancers and orchestrators to route traffic only to ready copies.
 */
export function useHealthRoutes(store: GraphStore): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      try {
        await store.ping();
        const dataset = await store.datasetInfo();
        endResponse(fetchAPI.Response.json({ status: 'ready', store: store.kind, dataset: dataset.version }));
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        endResponse(
          fetchAPI.Response.json(
            { status: 'unavailable', store: store.kind, code: typeof code === 'string' ? code : 'STORE_UNAVAILABLE' },
            { status: 503 },
          ),
        );
      }
    },
  };
}
