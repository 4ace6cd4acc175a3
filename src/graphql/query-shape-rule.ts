import { GraphQLError, type ASTVisitor, type FieldNode, type ValidationContext, type ValidationRule } from 'graphql';

/** The shape limits checked while a document is validated. */
export interface ShapeLimits {
  /** Deepest nesting of fields (`{ a { b } }` is 2); fragments add no level of their own. */
  maxDepth: number;
  /** Most aliases in one operation, a fragment's counted at each spread; `__typename` aliases are free. */
  maxAliases: number;
}

/**
 * One validation rule for the shape of a query: its depth and its aliases,
 * counted in the single traversal graphql-js makes for all validation rules
 * (yoga caches the result with the document), not in a walk of its own per
 * limit. Each definition (operation or fragment) records, as it is visited,
 * its deepest field, its aliases and the fragments it spreads at which
 * depth; when the document has been visited each operation's totals are
 * resolved through its fragments (once per fragment; a fragment cycle, which
 * graphql-js's own NoFragmentCyclesRule reports, counts as nothing).
 *
 * An operation over a limit gets `QUERY_TOO_COMPLEX` with `limit` (`depth`
 * or `aliases`), `max` and nothing else, as the API documents. Introspection
 * (`__schema`, deep by nature: `ofType { ofType { … } }`) adds no depth.
 */
export function queryShapeRule(limits: ShapeLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const operations: Shape[] = [];
    const fragments = new Map<string, Shape>();
    let current: Shape | null = null;
    let depth = 0;

    const begin = (shape: Shape) => {
      current = shape;
      depth = 0;
    };
    return {
      OperationDefinition: { enter: () => begin(pushed(operations, newShape())) },
      FragmentDefinition: { enter: (node) => begin(set(fragments, node.name.value, newShape())) },
      Field: {
        enter(node: FieldNode) {
          // Skipped by this rule only, leave included; the other rules still visit it.
          if (node.name.value === '__schema') return false;
          depth += 1;
          const shape = current!; // a field is always inside an operation or a fragment
          if (depth > shape.depth) shape.depth = depth;
          if (node.alias && node.alias.value !== '__typename' && node.name.value !== '__typename') shape.aliases += 1;
          return undefined;
        },
        leave() {
          depth -= 1;
        },
      },
      FragmentSpread(node) {
        current?.spreads.push({ name: node.name.value, depth });
      },
      Document: {
        leave() {
          const resolved = new Map<string, Totals | 'resolving'>();
          const totalsOf = (shape: Shape): Totals => {
            let total = { depth: shape.depth, aliases: shape.aliases };
            for (const spread of shape.spreads) {
              const inner = fragmentTotals(spread.name);
              total = { depth: Math.max(total.depth, spread.depth + inner.depth), aliases: total.aliases + inner.aliases };
            }
            return total;
          };
          const fragmentTotals = (name: string): Totals => {
            const known = resolved.get(name);
            if (known === 'resolving') return NOTHING; // a cycle: reported by NoFragmentCyclesRule
            if (known) return known;
            const shape = fragments.get(name);
            if (!shape) return NOTHING; // unknown fragment: reported by KnownFragmentNamesRule
            resolved.set(name, 'resolving');
            const totals = totalsOf(shape);
            resolved.set(name, totals);
            return totals;
          };
          for (const operation of operations) {
            const { depth: found, aliases } = totalsOf(operation);
            if (found > limits.maxDepth) {
              context.reportError(tooComplex(`Query depth limit of ${limits.maxDepth} exceeded, found ${found}.`, 'depth', limits.maxDepth));
            }
            if (aliases > limits.maxAliases) {
              context.reportError(tooComplex(`Aliases limit of ${limits.maxAliases} exceeded, found ${aliases}.`, 'aliases', limits.maxAliases));
            }
          }
        },
      },
    };
  };
}

/** What one definition holds by itself, and where it spreads fragments. */
interface Shape {
  depth: number;
  aliases: number;
  spreads: { name: string; depth: number }[];
}

interface Totals {
  depth: number;
  aliases: number;
}

const NOTHING: Totals = { depth: 0, aliases: 0 };

const newShape = (): Shape => ({ depth: 0, aliases: 0, spreads: [] });

function pushed<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

function set<T>(map: Map<string, T>, key: string, value: T): T {
  map.set(key, value);
  return value;
}

function tooComplex(message: string, limit: 'depth' | 'aliases', max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit, max } });
}
