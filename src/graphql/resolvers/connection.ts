import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { z } from 'zod';
import type { NodeType } from '../../domain/node-types';
import type { NodeFilter } from '../../store/graph-store';
import type { GraphQLContext } from '../context';
import { pageArgsOf } from '../connection-args';
import { parseArgs } from '../parse-args';

/**
 * A Relay connection over `store.listNodes`: `first`/`after` forwards, `last`/`before` backwards
 * (see `pageArgsOf`). `totalCount` is computed only when the query selects it, because on Neo4j
 * it costs a second query.
 */
export function connectionOf<F>(
  type: NodeType,
  filterSchema: z.ZodType<F>,
  toFilter: (filter: F | undefined) => NodeFilter | undefined = () => undefined,
) {
  const filterArgs = z.object({ filter: filterSchema.nullish() });
  return async (_root: unknown, args: Record<string, unknown>, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
    const page = pageArgsOf(args, ctx.limits.MAX_PAGE_SIZE);
    const parsed = parseArgs(filterArgs, { filter: args.filter });
    const result = await ctx.store.listNodes({
      type,
      filter: toFilter(parsed.filter ?? undefined),
      ...page,
      withTotal: selects(info, 'totalCount'),
    });
    return {
      nodes: result.nodes,
      edges: result.nodes.map((node, i) => ({ node, cursor: result.cursors[i] })),
      pageInfo: {
        hasNextPage: result.hasNextPage,
        hasPreviousPage: result.hasPreviousPage,
        startCursor: result.cursors[0] ?? null,
        endCursor: result.cursors.at(-1) ?? null,
      },
      totalCount: result.totalCount,
    };
  };
}

/** Drops undefined values so a filter holds only what the user asked for. */
export function definedProps(values: Record<string, string | number | undefined | null>): NodeFilter | undefined {
  const props = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null)) as Record<
    string,
    string | number
  >;
  return Object.keys(props).length > 0 ? { props } : undefined;
}

// Whether the field's selection (through fragments) includes `name` at its top level.
function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((field: FieldNode) => inSelection(field.selectionSet, name, info.fragments));
}

function inSelection(
  set: SelectionSetNode | undefined,
  name: string,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  if (!set) return false;
  return set.selections.some((selection) => {
    if (selection.kind === 'Field') return selection.name.value === name;
    if (selection.kind === 'InlineFragment') return inSelection(selection.selectionSet, name, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? inSelection(fragment.selectionSet, name, fragments) : false;
  });
}
