import type { Plugin } from 'graphql-yoga';
import type { GraphStore } from '../store/graph-store';

/**
 * `/healthz`: the process is alive (always 200).
 * `/readyz`: the store answers (200 with the dataset version) or not (503,
 * with the error code and, for the embedded journal, `reason: "journal"`),
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
        // A coded reason (`journal`: the embedded journal failed, e.g. the disk is full) tells an operator where to look.
        const reason = (error as { details?: { reason?: unknown } }).details?.reason;
        endResponse(
          fetchAPI.Response.json(
            {
              status: 'unavailable',
              store: store.kind,
              code: typeof code === 'string' ? code : 'STORE_UNAVAILABLE',
              ...(typeof reason === 'string' && /^[a-z_]+$/.test(reason) ? { reason } : {}),
            },
            { status: 503 },
          ),
        );
      }
    },
  };
}
