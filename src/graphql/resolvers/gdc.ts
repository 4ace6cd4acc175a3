import type { GraphNode } from '../../domain/graph-records';
import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { linksVia, nodeVia, nodesVia, prop } from './relations';

/** Resolvers of `GdcObjective`. */
export const GdcObjective = {
  ...nodeFields,
  number: (node: GraphNode) => Number(node.code),
  shortLabel: prop('shortLabel'),
  commitments: nodesVia('in', ['UNDER_OBJECTIVE']),
  wsisCorrespondences: linksVia('out', ['CORRESPONDS_TO']),
};

/** Resolvers of `GdcPrinciple`. */
export const GdcPrinciple = { ...nodeFields };

/** Resolvers of `GdcCommitment`. */
export const GdcCommitment = {
  ...nodeFields,
  paragraph: prop('paragraph'),
  action: prop('action'),
  status: prop('status'),
  draft: prop('draft'),
  objective: nodeVia('out', ['UNDER_OBJECTIVE']),
  mandates: linksVia('out', ['MANDATES', 'ASKS']),
  mandatesConnection: connectionOfLinks(linksVia('out', ['MANDATES', 'ASKS'])),
  named: nodesVia('out', ['NAMES']),
  wsisCorrespondences: linksVia('out', ['CORRESPONDS_TO']),
  sdgs: nodesVia('out', ['CONTRIBUTES_TO']),
};
