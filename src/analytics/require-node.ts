import { BadUserInputError, NotFoundError } from '../domain/errors';
import type { GraphNode } from '../domain/graph-records';
import { NODE_TYPES, parseGlobalId, type NodeType } from '../domain/node-types';
import type { GraphStore } from '../store/graph-store';

export interface NodeArgument {
  /** The argument the id came in, named in the error (`of`, `a`, `from`, `node`). */
  argument: string;
  id: string;
  /** Node types the question accepts; every type when absent. */
  types?: readonly NodeType[];
}

/**
 * Loads the nodes an analytic question is about, in one store call.
 * Throws `BAD_USER_INPUT` (naming the argument) for an id that is not a
 * global id or is of a type the question does not accept, and `NOT_FOUND`
 * for a well-formed id that matches no node: an analysis of nothing would
 * be an empty answer that looks like a finding.
 */
export async function requireNodes(store: Pick<GraphStore, 'getNodes'>, args: readonly NodeArgument[]): Promise<GraphNode[]> {
  for (const { argument, id, types } of args) {
    const parsed = parseGlobalId(id);
    if (!parsed) {
      throw new BadUserInputError(`Argument "${argument}" is invalid: "${id.slice(0, 100)}" is not a global id.`, {
        argument,
        expected: `a global id "<Type>:<code>" with Type one of ${NODE_TYPES.join(', ')}`,
      });
    }
    if (types && !types.includes(parsed.type)) {
      throw new BadUserInputError(`Argument "${argument}" is invalid: a ${parsed.type} cannot be asked about here.`, {
        argument,
        expected: `the id of a ${types.join(', ')}`,
      });
    }
  }
  const nodes = await store.getNodes(args.map((arg) => arg.id));
  return nodes.map((node, i) => {
    if (node) return node;
    const { argument, id } = args[i]!;
    throw new NotFoundError(`Node "${id}" was not found.`, { argument, id });
  });
}
