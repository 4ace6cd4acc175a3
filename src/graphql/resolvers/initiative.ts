import { nodeFields } from './node-fields';
import { nodesVia, prop } from './relations';

/** Resolvers of `Initiative`. */
export const Initiative = {
  ...nodeFields,
  kind: prop('kind'),
  start: prop('start'),
  status: prop('status'),
  ledBy: nodesVia('out', ['LED_BY']),
  partners: nodesVia('out', ['PARTNER']),
  actionLines: nodesVia('out', ['ADDRESSES']),
  sdgs: nodesVia('out', ['CONTRIBUTES_TO']),
  related: nodesVia('out', ['RELATED_TO']),
};
