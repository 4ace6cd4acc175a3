/**
 * What the GraphQL layer learns about a request that the request log and
 * the fairness limits need after it (operation, cost estimate, error code):
 * noted against the fetch `Request` yoga puts in the context, so nothing is
 * threaded through resolvers and nothing outlives the request (a WeakMap).
 */
export interface RequestFacts {
  operationName?: string | null;
  operationType?: string;
  /** The cost limit's estimate (see src/graphql/cost/README.md). */
  costEstimate?: number;
  /** The first error code of the answer, when it failed. */
  errorCode?: string;
  /** Which API key sent it (its id, never the key). */
  keyId?: string;
  /** Frees the request's expensive-query slot (idempotent); called again when the response goes out. */
  releaseSlot?: () => void;
}

const facts = new WeakMap<object, RequestFacts>();

/** The facts noted for `request` so far (a live object: later notes show in it). */
export function factsOf(request: object): RequestFacts {
  let found = facts.get(request);
  if (!found) {
    found = {};
    facts.set(request, found);
  }
  return found;
}

/** Notes facts for `request`, keeping those already noted unless given again. */
export function noteFacts(request: object | undefined, update: RequestFacts): void {
  if (request) Object.assign(factsOf(request), update);
}
