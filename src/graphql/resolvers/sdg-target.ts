import type { GraphNode } from '../../domain/graph-records';
import { nodeFields } from './node-fields';
import { linksVia, nodeVia, nodesVia } from './relations';

/** Resolvers of `SdgTarget`. */
export const SdgTarget = {
  ...nodeFields,
  kind: (node: GraphNode) => node.props.kind ?? (/\.\d+$/.test(node.code) ? 'outcome' : 'means_of_implementation'),
  goal: nodeVia('out', ['TARGET_OF']),
  indicators: nodesVia('in', ['INDICATOR_OF']),
  matrixLinks: linksVia('in', ['MATRIX_LINK']),
  actionLines: nodesVia('in', ['MATRIX_LINK']),
  contributors: linksVia('in', ['CONTRIBUTES_TO']),
};
