import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal';
import { noteFacts } from '../graphql/request-facts';
import { errorResponse } from './send-error';

export interface RateLimits {
  /** Requests per window and client address without an API key; 0: no limit. */
  anonymous: number;
  /** Requests per window and API key; 0: no limit. */
  keyed: number;
  windowSeconds: number;
}

/**
 * Per-client rate limits (rate-limiter-flexible, in memory: each copy of the
 * service counts its own clients). A request with an API key counts against
 * its key id, one without against its client address. Past the limit the
 * answer is 429 with `Retry-After` (seconds) and code `RATE_LIMITED`
 * (`limit: "rate"`, `max`, `retryAfter`). Place it after the health routes
 * (probes are never limited) and after auth (it needs the principal).
 * Requests made in-process (`app.fetch`, no socket) have no client address
 * and are not counted.
 */
export function useRateLimit(limits: RateLimits, principalOf: (request: Request) => Principal): RateLimit {
  const anonymous = limits.anonymous > 0 ? new RateLimiterMemory({ points: limits.anonymous, duration: limits.windowSeconds }) : null;
  const keyed = limits.keyed > 0 ? new RateLimiterMemory({ points: limits.keyed, duration: limits.windowSeconds }) : null;
  // Requests the listener counted and refused; yoga answers them without counting them again.
  const refusedAtEdge = new WeakMap<object, RateLimiterRes>();
  // Requests the listener counted and admitted, then gave to yoga (the fast lane's fall-backs): counted once.
  const admittedAtEdge = new WeakSet<object>();

  /** Counts one request; the refusal when it is over its client's limit, else `null`. */
  const count = async (principal: Principal, address: string | null): Promise<RateLimiterRes | null> => {
    const limiter = principal ? keyed : anonymous;
    const client = principal ? `key:${principal.keyId}` : address;
    if (!limiter || !client) return null;
    try {
      await limiter.consume(client);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return refusal;
    }
  };

  const plugin: Plugin = {
    // Not async: a request no limit applies to (a disabled limit) costs yoga no promise here.
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      const principal = principalOf(request);
      if (principal) noteFacts(request, { keyId: principal.keyId });
      const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
      const refuse = (refusal: RateLimiterRes | null) => {
        if (!refusal) return;
        const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        const max = principal ? limits.keyed : limits.anonymous;
        noteFacts(request, { errorCode: 'RATE_LIMITED' });
        endResponse(
          errorResponse(
            429,
            'RATE_LIMITED',
            `More than ${max} requests in ${limits.windowSeconds} s from this ${principal ? 'API key' : 'client'}; retry in ${retryAfter} s.`,
            { extensions: { limit: 'rate', max, retryAfter }, headers: { 'retry-after': String(retryAfter) } },
            fetchAPI.Response,
          ),
        );
      };
      if (req && refusedAtEdge.has(req)) return refuse(refusedAtEdge.get(req)!);
      if (req && admittedAtEdge.has(req)) return;
      if (!(principal ? keyed : anonymous)) return;
      return count(principal, addressOf(req)).then(refuse);
    },
  };

  return {
    plugin,
    async admitAtEdge(req, principal) {
      const refusal = await count(principal, addressOf(req));
      if (refusal) refusedAtEdge.set(req, refusal);
      else admittedAtEdge.add(req);
      return refusal === null;
    },
  };
}

export interface RateLimit {
  /** Place it after the health routes and after auth. */
  plugin: Plugin;
  /**
   * Counts a request the Node listener answers itself (a cache hit, `cache/cache-front.ts`, or the fast
   * lane's run): `true` when it is within its client's limit. A refused one is given to yoga, whose plugin
   * answers the 429 without counting it twice; an admitted one yoga gets after all is not counted again.
   */
  admitAtEdge(req: IncomingMessage, principal: Principal): Promise<boolean>;
}

function addressOf(req: IncomingMessage | undefined): string | null {
  const address = req?.socket?.remoteAddress;
  return address ? `ip:${address}` : null;
}
