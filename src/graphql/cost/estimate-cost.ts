import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';
import { axisOf, MATRIX_AXES, type MatrixAxis } from '../../analytics/build-matrix';
import { operationOf } from '../operation-of';
import type { FanOutTable } from './fan-out-bounds';
import { DEFAULT_PAGE_SIZE } from '../connection-args';

/**
 * An upper bound on how many values (objects and fields) a query's answer
 * can hold, computed from the document before anything runs. Each selected
 * field counts 1 per parent it is resolved for; a list field multiplies what
 * is selected inside it by how long the list can be:
 *
 * - a list with a `first` argument (given, from a variable, or its default):
 *   `first`, or the data's bound when that is smaller;
 * - a connection (`…Connection` with `first`): its `nodes` and `edges` by
 *   `first`, at most the number of nodes of that type;
 * - `nodes(ids:)`: the number of ids;
 * - any other list: the largest fan-out of that field in the loaded graph
 *   ({@link FanOutTable}): the relationship's own maximum, else the number of
 *   nodes of the element type, else the most links at one node;
 *   introspection lists by the schema's own sizes.
 *
 * Fragments and inline fragments are added up (the bound of both branches);
 * a fragment's cost is computed once per type it is spread into.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  bounds: FanOutTable,
  variables: Readonly<Record<string, unknown>> = {},
  operationName?: string | null,
  textWeight = 1,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const estimator = new Estimator(schema, bounds, variables, fragments, introspectionBounds(schema), textWeight);
  return estimator.selections(operation.selectionSet, root, null);
}

class Estimator {
  private readonly memo = new Map<string, number>();
  /** How many `__Type.ofType` levels the selections being estimated are inside. */
  private ofTypeDepth = 0;
  /**
   * Inside `__schema { types { fields { args … } } }` only: there a list
   * covers every type (every field), so the average length times the count is
   * the exact total. Anywhere else (`__type(name:)`, `type { fields }`) one
   * type is reached, which may be the largest.
   */
  private everyType = false;
  /** The node types of the rows and columns of the `matrix` being estimated. */
  private matrixAxes: [Axis | null, Axis | null] = [null, null];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly bounds: FanOutTable,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly introspection: ReadonlyMap<string, number>,
    /** What a text leaf counts (see TEXT_WEIGHT); 1 for the cost limit itself. */
    private readonly textWeight: number,
  ) {}

  /** `pageSize`: the `first` of the connection these selections are inside, for its `nodes`/`edges`. */
  selections(set: SelectionSetNode, parent: GraphQLNamedType, pageSize: number | null): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, parent, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total += this.selections(selection.selectionSet, type, pageSize);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type) continue;
        const key = `${fragment.name.value}@${parent.name}@${pageSize}@${this.ofTypeDepth}@${this.everyType}`;
        let cost = this.memo.get(key);
        if (cost === undefined) {
          // Cycles are refused by validation before this runs; the placeholder keeps a bad document finite anyway.
          this.memo.set(key, 0);
          cost = this.selections(fragment.selectionSet, type, pageSize);
          this.memo.set(key, cost);
        }
        total += cost;
      }
    }
    return saturate(total);
  }

  private field(node: FieldNode, parent: GraphQLNamedType, pageSize: number | null): number {
    if (node.name.value === '__typename') return 1;
    const definition = this.fieldDefinition(parent, node.name.value);
    if (!definition) return 1;
    const element = getNamedType(definition.type);
    // A type reference unwraps at most as many list and non-null wrappers as the schema has: deeper `ofType` is null.
    const unwrapping = parent.name === '__Type' && node.name.value === 'ofType';
    if (unwrapping && this.ofTypeDepth >= this.introspection.get('wrappers')!) return 1;
    const first = this.pageSize(node, definition);
    const multiplier = isListType(getNullableType(definition.type)) ? this.listLength(node, definition, parent, element, first, pageSize) : 1;
    const outerAxes = this.matrixAxes;
    if (parent.name === 'Query' && node.name.value === 'matrix') {
      this.matrixAxes = [axisType(this.argumentValue(node, definition, 'rows')), axisType(this.argumentValue(node, definition, 'columns'))];
    }
    const outer = this.everyType;
    this.everyType = EVERY_TYPE_PATH.has(`${parent.name}.${node.name.value}`) && (outer || node.name.value === 'types');
    if (unwrapping) this.ofTypeDepth++;
    const inner = node.selectionSet
      ? this.selections(node.selectionSet, element, isConnection(element) ? Math.min(first ?? Infinity, this.connectionBound(parent, node.name.value, element)) : null)
      : 0;
    if (unwrapping) this.ofTypeDepth--;
    this.everyType = outer;
    this.matrixAxes = outerAxes;
    if (!node.selectionSet && this.textWeight !== 1 && isText(definition)) return saturate(multiplier * this.textWeight);
    return saturate(multiplier * (1 + inner));
  }

  private listLength(
    node: FieldNode,
    definition: GraphQLField<unknown, unknown>,
    parent: GraphQLNamedType,
    element: GraphQLNamedType,
    first: number | null,
    pageSize: number | null,
  ): number {
    if (!isObjectType(element) && !isAbstractType(element)) return 1; // a list of scalars is one value here
    if (pageSize !== null && isConnection(parent) && (node.name.value === 'nodes' || node.name.value === 'edges')) return pageSize;
    if (parent.name === 'Query' && node.name.value === 'nodes') {
      const ids = this.argumentValue(node, definition, 'ids');
      return Array.isArray(ids) ? ids.length : this.bounds.totalNodes;
    }
    const bound = this.dataBound(parent, node.name.value, element);
    return first === null ? bound : Math.min(first, bound);
  }

  private dataBound(parent: GraphQLNamedType, field: string, element: GraphQLNamedType): number {
    const key = `${parent.name}.${field}`;
    const introspected = this.introspection.get(this.everyType ? `${key}:average` : key);
    if (introspected !== undefined) return introspected;
    const walked = this.bounds.fields.get(key);
    if (walked !== undefined) return Math.max(1, walked);
    if (key.startsWith('Matrix')) {
      const matrix = this.matrixBound(key);
      if (matrix !== null) return matrix;
    }
    if (key === 'Path.nodes' || key === 'Path.links') return this.bounds.pathLength;
    const counted = COUNTED_AS[key];
    if (counted) return this.count(counted);
    // A field of the Node interface: the largest bound among the types implementing it.
    if (isInterfaceType(parent)) {
      const bounds = this.schema.getPossibleTypes(parent).map((type) => this.bounds.fields.get(`${type.name}.${field}`));
      if (bounds.every((b) => b !== undefined)) return Math.max(1, ...(bounds as number[]));
    }
    if (element.name === 'LocalizedText') return this.bounds.langs;
    if (element.name === 'Source') return this.bounds.maxSources;
    if (element.name === 'Node') return this.bounds.totalNodes;
    if (element.name === 'Tally') return this.bounds.vocabulary;
    const count = this.bounds.counts.get(element.name);
    if (count !== undefined) return count;
    return this.bounds.maxDegree;
  }

  /**
   * A matrix's lists, by the axes asked for: rows and columns by their node
   * counts, cells by their product; a cell's evidence by the links of one
   * node of an axis that does not roll up (its links are the cell's only
   * candidates); its shared targets by one goal's targets, one target, or one
   * node's matrix-linked targets, whichever an axis gives.
   */
  private matrixBound(key: string): number | null {
    const [rows, columns] = this.matrixAxes;
    const count = (axis: Axis | null) => this.count(axis?.type ?? null);
    switch (key) {
      case 'Matrix.rows':
        return count(rows);
      case 'Matrix.columns':
        return count(columns);
      case 'Matrix.cells':
        return count(rows) * count(columns);
      case 'MatrixCell.evidence': {
        const plain = [rows, columns].filter((axis) => axis && !axis.rollUp).map((axis) => this.bounds.fields.get(`${axis!.type}.links`));
        const known = plain.filter((b): b is number => b !== undefined);
        return known.length > 0 ? Math.max(1, Math.min(...known)) : this.bounds.maxDegree;
      }
      case 'MatrixCell.sharedTargets': {
        const candidates = [this.count('SdgTarget')];
        for (const axis of [rows, columns]) {
          if (axis?.type === 'SdgTarget') candidates.push(1);
          if (axis?.type === 'SdgGoal') candidates.push(this.bounds.fields.get('SdgGoal.targets') ?? Infinity);
          const linked = axis && this.bounds.fields.get(`${axis.type}.sdgTargets`);
          if (linked !== undefined && linked !== null) candidates.push(linked);
        }
        return Math.max(1, Math.min(...candidates));
      }
      default:
        return null;
    }
  }

  private count(type: string | null): number {
    if (type === null) return this.bounds.totalNodes;
    return this.bounds.counts.get(type) ?? this.bounds.maxDegree;
  }

  private fieldDefinition(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__schema' || name === '__type') return introspectionField(name, this.schema);
    if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
    return parent.getFields()[name];
  }

  /**
   * How many items a list or connection field can return at most by its arguments: `first`, or
   * `last` (Relay's backward paging), or, for a connection that takes `last` and so has no default
   * `first`, the page size it serves when given neither; null when the field takes none of them.
   */
  private pageSize(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | null {
    const first = this.argument(node, definition, 'first');
    const last = this.argument(node, definition, 'last');
    if (first !== null || last !== null) return Math.max(first ?? 0, last ?? 0);
    return definition.args.some((a) => a.name === 'last') ? DEFAULT_PAGE_SIZE : null;
  }

  /** A connection's most items: a relationship's largest fan-out (`linksConnection`, `mandatedByConnection`), else the nodes of its type. */
  private connectionBound(parent: GraphQLNamedType, field: string, connection: GraphQLNamedType): number {
    const walked = this.bounds.fields.get(`${parent.name}.${field}`);
    if (walked !== undefined) return Math.max(1, walked);
    if (isInterfaceType(parent)) {
      const bounds = this.schema.getPossibleTypes(parent).map((type) => this.bounds.fields.get(`${type.name}.${field}`));
      if (bounds.length > 0 && bounds.every((b) => b !== undefined)) return Math.max(1, ...(bounds as number[]));
    }
    const element = connectionElement(connection);
    // A search can hit any node.
    if (element === 'SearchHit') return this.bounds.totalNodes;
    return this.count(element);
  }

  /** An integer argument's value (literal, variable or default), or null when absent. */
  private argument(node: FieldNode, definition: GraphQLField<unknown, unknown>, name: string): number | null {
    const value = this.argumentValue(node, definition, name);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : null;
  }

  private argumentValue(node: FieldNode, definition: GraphQLField<unknown, unknown>, name: string): unknown {
    const argument = definition.args.find((a) => a.name === name);
    if (!argument) return undefined;
    const given = node.arguments?.find((a) => a.name.value === name);
    if (!given) return argument.defaultValue;
    if (given.value.kind === Kind.VARIABLE) return this.variables[given.value.name.value] ?? argument.defaultValue;
    return valueFromAST(given.value, argument.type, this.variables as Record<string, unknown>);
  }
}

/**
 * Analytics lists that list nodes of one type (or one row per such node):
 * never longer than the number of those nodes.
 */
const COUNTED_AS: Record<string, string> = {
  'Coverage.unreachedTargets': 'SdgTarget',
  'Coverage.entities': 'Entity',
  'Overlap.sharedTargets': 'SdgTarget',
  'Overlap.sharedGoals': 'SdgGoal',
  'Overlap.sharedEntities': 'Entity',
  'MatrixCell.sharedTargets': 'SdgTarget',
  'Query.mandates': 'Resolution',
  'MandateTrace.chain': 'Resolution',
  'Resolution.mandatesCarried': 'Resolution',
  'Query.mappingStudies': 'MappingStudy',
};

type Axis = { type: string; rollUp: boolean };

function axisType(value: unknown): Axis | null {
  return typeof value === 'string' && (MATRIX_AXES as readonly string[]).includes(value) ? axisOf(value as MatrixAxis) : null;
}

// `SdgTargetConnection` → `SdgTarget` (null when the element is not a node type).
function connectionElement(type: GraphQLNamedType): string | null {
  return type.name.endsWith('Connection') ? type.name.slice(0, -'Connection'.length) : null;
}

function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'nodes' in type.getFields();
}

// Keeps absurd estimates finite and comparable (a 12-deep fan-out overflows nothing, but Infinity compares badly in logs).
function saturate(value: number): number {
  return Math.min(value, Number.MAX_SAFE_INTEGER);
}

/**
 * Introspection lists bounded by the schema itself: `Type.field` the largest
 * such list of one type (or field), `Type.field:average` the mean over all,
 * used where a list covers every type (see `everyType`); `wrappers` the most
 * list and non-null wrappers around one type.
 */
const EVERY_TYPE_PATH = new Set(['__Schema.types', '__Type.fields', '__Type.inputFields', '__Type.enumValues', '__Field.args']);
const introspectionCache = new WeakMap<GraphQLSchema, Map<string, number>>();
function introspectionBounds(schema: GraphQLSchema): Map<string, number> {
  let bounds = introspectionCache.get(schema);
  if (bounds) return bounds;
  const types = Object.values(schema.getTypeMap());
  const fieldsOf = types.map((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []));
  const allFields = fieldsOf.flat();
  const inputFieldsOf = types.map((t) => (isInputObjectType(t) ? Object.values(t.getFields()) : []));
  const wrappers = (type: GraphQLType): number => ('ofType' in type ? 1 + wrappers(type.ofType as GraphQLType) : 0);
  bounds = new Map([
    ['wrappers', Math.max(0, ...[...allFields, ...inputFieldsOf.flat()].flatMap((f) => [wrappers(f.type), ...('args' in f ? f.args.map((a) => wrappers(a.type)) : [])]))],
    ['__Schema.types', types.length],
    ['__Schema.directives', schema.getDirectives().length],
    ['__Directive.args', Math.max(0, ...schema.getDirectives().map((d) => d.args.length))],
  ]);
  const lists: [string, number[]][] = [
    ['__Type.fields', fieldsOf.map((f) => f.length)],
    ['__Type.inputFields', inputFieldsOf.map((f) => f.length)],
    ['__Type.enumValues', types.map((t) => (isEnumType(t) ? t.getValues().length : 0))],
    ['__Type.interfaces', types.map((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))],
    ['__Type.possibleTypes', types.map((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0))],
    ['__Field.args', allFields.map((f) => f.args.length)],
  ];
  for (const [key, counts] of lists) {
    bounds.set(key, Math.max(0, ...counts));
    bounds.set(`${key}:average`, counts.length === 0 ? 0 : Math.ceil(counts.reduce((a, b) => a + b, 0) / counts.length));
  }
  introspectionCache.set(schema, bounds);
  return bounds;
}

function introspectionField(name: '__schema' | '__type', schema: GraphQLSchema): GraphQLField<unknown, unknown> {
  const type = schema.getType(name === '__schema' ? '__Schema' : '__Type')!;
  return { name, type, args: [] } as unknown as GraphQLField<unknown, unknown>;
}


/**
 * How much more a text value (a name, a description, a name in each language) weighs than any other
 * value when the gate decides whether a query is expensive (use-query-limits.ts): the cost counts
 * values, not their length, and every name of every SDG target, 20 aliases, was estimated at 43,960,
 * under EXPENSIVE_COST, for a 4.3-million-character answer built and serialised between the cheap
 * requests (their p99 751 ms in the fairness bench). Codes and ids are short and count 1.
 */
export const TEXT_WEIGHT = 4;

function isText(definition: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(definition.type).name === 'String' && definition.name !== 'code';
}
