/**
 * The fairness workloads: the most expensive request the default limits let
 * through, and a cheap lookup measured while copies of it run. Kept apart
 * from `workloads.ts` (the throughput table) because they measure the
 * limits, not the service's speed; `run-bench.ts` reports them in their own
 * table, and `test/e2e/query-limits.test.ts` checks that the expensive one is
 * allowed and finishes within the execution deadline.
 */

/**
 * Fifteen aliases of every SDG target with its goal, indicators and action
 * lines: estimated at 96,345, just under the default MAX_COST (100,000).
 * Lists of distinct nodes are where the estimate is closest to the real
 * answer (about 4×; walks that revisit nodes are estimated at 15–60× their
 * size), so this is about the largest answer a query under MAX_COST can get
 * (1.35 MB).
 */
export const EXPENSIVE_QUERY = `{ ${Array.from(
  { length: 15 },
  (_, i) => `t${i}: sdgTargets(first: 500) { nodes { code name goal { code } indicators { code name } actionLines { code name } } }`,
).join(' ')} }`;

/** A cheap lookup by code, as a client looking one node up sends it. */
export const CHEAP_QUERY = '{ actionLine(code: "C7.e-health") { code name parent { code } } }';

/** How many clients send the expensive request at once in the fairness measurement (the figure). */
export const EXPENSIVE_CLIENTS = 10;
