import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { z } from 'zod';
import type { NodeType } from '../../domain/node-types';
import type { NodeFilter } from '../../store/graph-store';
import type { GraphQLContext } from '../context';
import { firstArg, parseArgs, perLimit } from '../parse-args';

/**
 * A Relay connection over `store.listNodes`. `totalCount` is computed only
 * when the query selects it, because on Neo4j it costs a second query.
 */
export function connectionOf<F>(
  type: NodeType,
  filterSchema: z.ZodType<F>,
  toFilter: (filter: F | undefined) => NodeFilter | undefined = () => undefined,
) {
  const argsSchema = perLimit((max) =>
    z.object({
      first: firstArg(max),
      after: z.string().max(1000, 'a cursor from a previous page').nullish(),
      filter: filterSchema.nullish(),
    }),
  );
  return async (_root: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
    const parsed = parseArgs(argsSchema(ctx.limits.MAX_PAGE_SIZE), args);
    const page = await ctx.store.listNodes({
      type,
      filter: toFilter(parsed.filter ?? undefined),
      first: parsed.first,
      after: parsed.after ?? undefined,
      withTotal: selects(info, 'totalCount'),
    });
    return {
      nodes: page.nodes,
      edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
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
