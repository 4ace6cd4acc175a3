import type { Plugin } from 'graphql-yoga';
import { isErrorCode, type ErrorCode } from '../domain/errors';
import type { GraphStore } from '../store/graph-store';
import { errorBody } from './send-error';

export interface HealthRouteOptions {
  /**
   * Whether `/readyz` may say more than ready / not ready. Off when anonymous reading is off: the
   * probes stay open without a key (load balancers send none), so they must not tell a caller
   * without one which store serves which dataset version.
   */
  detailed: boolean;
}

/**
 * `/healthz`: the process is alive (always 200).
 * `/readyz`: the store answers (200, with the store kind and dataset version when `detailed`) or
 * not (503, with the coded error body and, when `detailed`, for the embedded journal,
 * `reason: "journal"`), for load balancers and orchestrators to route traffic only to ready copies.
 */
export function useHealthRoutes(store: GraphStore, { detailed }: HealthRouteOptions = { detailed: true }): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      try {
        await store.ping();
        const dataset = detailed ? (await store.datasetInfo()).version : undefined;
        endResponse(fetchAPI.Response.json(detailed ? { status: 'ready', store: store.kind, dataset } : { status: 'ready' }));
      } catch (error) {
        const given = (error as { code?: unknown }).code;
        const code: ErrorCode = detailed && typeof given === 'string' && isErrorCode(given) ? given : 'STORE_UNAVAILABLE';
        // A coded reason (`journal`: the embedded journal failed, e.g. the disk is full) tells an operator where to look.
        const reason = (error as { details?: { reason?: unknown } }).details?.reason;
        // `code` at the top as before this body had `errors` (kept for the probes that read it).
        const body = {
          status: 'unavailable',
          ...(detailed ? { store: store.kind } : {}),
          code,
          ...(detailed && typeof reason === 'string' && /^[a-z_]+$/.test(reason) ? { reason } : {}),
          ...errorBody(code, 'The store does not answer; retry later.'),
        };
        endResponse(fetchAPI.Response.json(body, { status: 503 }));
      }
    },
  };
}
