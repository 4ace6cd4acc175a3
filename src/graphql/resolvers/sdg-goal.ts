import type { GraphNode } from '../../domain/graph-records';
import type { Lang } from '../../domain/lang';
import type { GraphQLContext } from '../context';
import { nodeFields } from './node-fields';
import { distinctNodes, linksVia, nodesAt, nodesVia, prop } from './relations';

/** Resolvers of `SdgGoal`. */
export const SdgGoal = {
  ...nodeFields,
  shortName: (node: GraphNode, args: { lang: Lang }) => node.props[`shortName_${args.lang}`] ?? node.props.shortName_en ?? null,
  colour: prop('colour'),
  colourBrand: prop('colourBrand'),
  targets: nodesVia('in', ['TARGET_OF']),
  matrixLinks: linksVia('in', ['MATRIX_LINK']),
  actionLines: goalActionLines,
  contributors: linksVia('in', ['CONTRIBUTES_TO']),
};

// Lines linked to the goal itself or to any of its targets.
async function goalActionLines(node: GraphNode, _args: unknown, ctx: GraphQLContext): Promise<GraphNode[]> {
  const [direct, targets] = await Promise.all([
    nodesAt(ctx, node.id, 'in', ['MATRIX_LINK']),
    nodesAt(ctx, node.id, 'in', ['TARGET_OF']),
  ]);
  const viaTargets = await Promise.all(targets.map((target) => nodesAt(ctx, target.id, 'in', ['MATRIX_LINK'])));
  return distinctNodes([...direct, ...viaTargets.flat()]);
}
