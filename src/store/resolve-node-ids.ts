import type { GraphNode } from '../domain/graph-records';
import { parseGlobalId } from '../domain/node-types';
import type { GraphStore } from './graph-store';

/**
 * Nodes by global id, where an id may also be an **alias**: the id of a
 * record that was merged into another node (e.g. `Initiative:iawg_ai`, now
 * `Entity:IAWG_AI`), kept in the surviving node's `props.aliases`. Each id is
 * looked up as a node id first; only well-formed ids that match no node are
 * looked up as aliases, all in one `getNodesByAlias`, so a known id costs
 * nothing more. Same length and order as `ids`; `null` where neither matches.
 */
export async function resolveNodeIds(store: GraphStore, ids: readonly string[]): Promise<(GraphNode | null)[]> {
  const direct = await store.getNodes(ids);
  const misses = [...new Set(ids.filter((id, i) => direct[i] === null && parseGlobalId(id) !== null))];
  if (misses.length === 0) return direct;
  const found = await store.getNodesByAlias(misses);
  const byAlias = new Map(misses.map((alias, i) => [alias, found[i] ?? null]));
  return ids.map((id, i) => direct[i] ?? byAlias.get(id) ?? null);
}
