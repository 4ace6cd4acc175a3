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
  /**
   * What the service is still building since it started (the store's word index, the cost limit's
   * list bounds), by name; `/readyz` answers "starting" until it is empty. None: nothing.
   */
  warmingUp?: () => readonly string[];
}

/**
 * How long `/readyz` waits for the start-up's background work before answering "starting": long
 * enough for a small graph's (the list bounds at ×1: milliseconds; on Neo4j a few round trips) so that
 * a probe right after start sees it ready, within a probe's usual timeout (1 s). A million nodes' word
 * index takes tens of seconds.
 */
const WARM_UP_WAIT_MS = 500;

/**
 * `/healthz`: the process is alive (always 200).
 * `/readyz`: the store answers (200, with the store kind and dataset version when `detailed`) or
 * not (503, with the coded error body and, when `detailed`, for the embedded journal,
 * `reason: "journal"`), for load balancers and orchestrators to route traffic only to ready copies;
 * or, while what start-up builds in the background is not done, 503 `status: "starting"`, code
 * `SERVICE_UNAVAILABLE`, `reason: "warming_up"` (and, when `detailed`, `waitingFor`): such a copy
 * answers lookups already, but a search waits for its word index and every query for its first list
 * bounds.
 */
export function useHealthRoutes(store: GraphStore, { detailed, warmingUp }: HealthRouteOptions = { detailed: true }): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      try {
        await store.ping();
        const waitingFor = await warmedUp(warmingUp);
        if (waitingFor.length > 0) {
          const body = {
            status: 'starting',
            code: 'SERVICE_UNAVAILABLE',
            reason: 'warming_up',
            ...(detailed ? { waitingFor } : {}),
            ...errorBody('SERVICE_UNAVAILABLE', 'The service is still building its indexes; retry in a few seconds.'),
          };
          endResponse(fetchAPI.Response.json(body, { status: 503, headers: { 'retry-after': '5' } }));
          return;
        }
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

/** What is still being built, after waiting up to WARM_UP_WAIT_MS for it to be done. */
async function warmedUp(warmingUp: (() => readonly string[]) | undefined): Promise<readonly string[]> {
  if (!warmingUp) return [];
  const until = performance.now() + WARM_UP_WAIT_MS;
  let left = warmingUp();
  while (left.length > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    left = warmingUp();
  }
  return left;
}
