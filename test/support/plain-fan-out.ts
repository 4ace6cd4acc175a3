import type { GraphEdge } from '../../src/domain/graph-records';
import type { RelationSpec } from '../../src/graphql/resolvers/relations';

/**
 * The list bounds by their definition, for tests of `computeFanOut`: one pass over every link per field,
 * counting at each node of the field's type the links of the spec's types and far node types.
 */
export function plainFanOuts(edges: readonly GraphEdge[], specs: ReadonlyMap<string, RelationSpec>): Map<string, number> {
  return new Map([...specs].map(([key, spec]) => [key, plainFanOut(edges, key.slice(0, key.indexOf('.')), spec)]));
}

function plainFanOut(edges: readonly GraphEdge[], parentType: string, spec: RelationSpec): number {
  const per = new Map<string, number>();
  const typeOf = (id: string) => id.slice(0, id.indexOf(':'));
  const fits = (type: string) => !spec.nodeTypes || (spec.nodeTypes as readonly string[]).includes(type);
  for (const edge of edges) {
    if (spec.types.length > 0 && !spec.types.includes(edge.type)) continue;
    if (spec.direction !== 'in' && typeOf(edge.from) === parentType && fits(typeOf(edge.to))) per.set(edge.from, (per.get(edge.from) ?? 0) + 1);
    if (spec.direction !== 'out' && typeOf(edge.to) === parentType && fits(typeOf(edge.from))) per.set(edge.to, (per.get(edge.to) ?? 0) + 1);
  }
  let max = 0;
  for (const count of per.values()) if (count > max) max = count;
  return max;
}
