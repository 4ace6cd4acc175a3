import type { GraphNode } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import type { GraphStore } from '../store/graph-store';
import { listAllNodes } from '../analytics/list-all-nodes';
import { LINKED_TYPES, NameDictionary } from './name-dictionary';
import { linkText, type DocumentLinkResult } from './link-text';

/** Types whose nodes the linker resolves: named ones, and those found by number (SDG goals and targets, GDC parts). */
const DICTIONARY_TYPES: readonly NodeType[] = [...LINKED_TYPES, 'SdgGoal', 'SdgTarget', 'GdcObjective', 'GdcCommitment'];

/**
 * The dictionary of the store's current nodes. Built on each call (some
 * tens of milliseconds for the seeded graph, far less than a request's
 * budget) rather than cached, so a name added by a curator a moment ago is
 * found at once, on either store.
 */
export async function buildNameDictionary(store: GraphStore): Promise<NameDictionary> {
  const lists = await Promise.all(DICTIONARY_TYPES.map((type) => listAllNodes(store, type)));
  return new NameDictionary(lists.flat() as GraphNode[]);
}

/** Links `text` to the graph in `store`: see `linkText` for what is found and proposed. */
export async function linkDocument(store: GraphStore, text: string): Promise<DocumentLinkResult> {
  return linkText(text, await buildNameDictionary(store));
}
