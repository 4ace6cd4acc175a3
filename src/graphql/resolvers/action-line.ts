import type { GraphNode } from '../../domain/graph-records';
import type { GraphQLContext } from '../context';
import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { distinctNodes, linksVia, nodeVia, nodesAt, nodesVia, prop } from './relations';

/** Resolvers of `ActionLine`. */
export const ActionLine = {
  ...nodeFields,
  nameGenevaPlan2003: prop('nameGenevaPlan2003'),
  nameZhItu: prop('nameZhItu'),
  kind: (node: GraphNode) => node.props.kind ?? (node.props.parent ? 'sub_line' : 'action_line'),
  parent: nodeVia('out', ['SUB_LINE_OF']),
  subLines: nodesVia('in', ['SUB_LINE_OF']),
  facilitators: linksVia('in', ['FACILITATES']),
  matrixLinks: linksVia('out', ['MATRIX_LINK']),
  sdgTargets: nodesVia('out', ['MATRIX_LINK'], ['SdgTarget']),
  sdgGoals: actionLineGoals,
  mandatedBy: linksVia('in', ['MANDATES', 'ASKS']),
  mandatedByConnection: connectionOfLinks(linksVia('in', ['MANDATES', 'ASKS'])),
  initiatives: nodesVia('in', ['ADDRESSES']),
  activities: linksVia('in', ['REPORTS_ACTIVITY']),
  activitiesConnection: connectionOfLinks(linksVia('in', ['REPORTS_ACTIVITY'])),
  gdcCorrespondences: linksVia('in', ['CORRESPONDS_TO']),
};

// Goals linked at goal level, plus the goals of linked targets: the matrix links most lines at target level.
async function actionLineGoals(node: GraphNode, _args: unknown, ctx: GraphQLContext): Promise<GraphNode[]> {
  const linked = await nodesAt(ctx, node.id, 'out', ['MATRIX_LINK']);
  const goalsOfTargets = await Promise.all(
    linked.filter((n) => n.type === 'SdgTarget').map((target) => nodesAt(ctx, target.id, 'out', ['TARGET_OF'])),
  );
  return distinctNodes([...linked.filter((n) => n.type === 'SdgGoal'), ...goalsOfTargets.flat()]);
}
