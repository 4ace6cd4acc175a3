import { int, isDuration, isInt, isDate, isDateTime, isLocalDateTime, isLocalTime, isTime } from 'neo4j-driver';
import type { EdgeType } from '../../domain/edge-types';
import type { GraphEdge, GraphNode, PropValue, Provenance } from '../../domain/graph-records';
import { LANGS } from '../../domain/lang';
import type { NodeType } from '../../domain/node-types';
import { toSortKey } from '../../domain/sort-key';
import { normaliseText, searchNamesOf } from '../text-index';

/**
 * The flat property layout of graph records in Neo4j, and its inverse.
 * Neo4j properties hold scalars and homogeneous lists, never maps, so:
 *
 *   node      :Node:<type> { id, type, code, sortKey, name_<lang>…, p_<key>…, provenance_json, searchText }
 *   edge      -[:<type> { id, p_<key>…, provenance_json }]->
 *
 * `sortKey` (toSortKey(code)) gives list order to ORDER BY; `searchText`
 * holds the code and every name, each normalised as search normalises
 * queries, one per line, so CONTAINS finds candidates. Record props keep
 * their name after the `p_` prefix (props keys start with a lower-case
 * letter, so no prefix clash with the fixed keys).
 */
export type Neo4jProperties = Record<string, unknown>;

export const PROP_PREFIX = 'p_';
const NAME_PREFIX = 'name_';

/** A node's properties as stored (labels are `:Node` plus `node.type`). */
export function toNodeProperties(node: GraphNode): Neo4jProperties {
  const properties: Neo4jProperties = {
    id: node.id,
    type: node.type,
    code: node.code,
    sortKey: toSortKey(node.code),
    provenance_json: JSON.stringify(node.provenance),
    searchText: toSearchText(node),
  };
  for (const lang of LANGS) {
    const name = node.name[lang];
    if (name !== undefined) properties[`${NAME_PREFIX}${lang}`] = name;
  }
  for (const [key, value] of Object.entries(node.props)) properties[`${PROP_PREFIX}${key}`] = toStoredValue(value);
  return properties;
}

/** Reads back the node a `toNodeProperties` wrote; values the driver returns as Integers or temporals become numbers and ISO strings. */
export function fromNodeProperties(stored: Neo4jProperties): GraphNode {
  const name: Record<string, string> = {};
  for (const lang of LANGS) {
    const value = stored[`${NAME_PREFIX}${lang}`];
    if (value !== undefined && value !== null) name[lang] = String(value);
  }
  return deepFreeze({
    id: requireString(stored, 'id'),
    type: requireString(stored, 'type') as NodeType,
    code: requireString(stored, 'code'),
    name: name as GraphNode['name'],
    props: propsOf(stored),
    provenance: parseProvenance(stored),
  });
}

/** A relationship's properties as stored (its type is `edge.type`, its ends the nodes `edge.from`, `edge.to`). */
export function toEdgeProperties(edge: GraphEdge): Neo4jProperties {
  const properties: Neo4jProperties = { id: edge.id, provenance_json: JSON.stringify(edge.provenance) };
  for (const [key, value] of Object.entries(edge.props)) properties[`${PROP_PREFIX}${key}`] = toStoredValue(value);
  return properties;
}

export function fromEdgeProperties(type: string, from: string, to: string, stored: Neo4jProperties): GraphEdge {
  return deepFreeze({
    id: requireString(stored, 'id'),
    type: type as EdgeType,
    from,
    to,
    props: propsOf(stored),
    provenance: parseProvenance(stored),
  });
}

/** The texts search matches: the code and each name and name variant (`searchNamesOf`), normalised, one per line (a query token never holds a newline). */
export function toSearchText(node: GraphNode): string {
  return [node.code, ...searchNamesOf(node)].map(normaliseText).join('\n');
}

/**
 * A driver value as a plain JavaScript value: Integers become numbers
 * (exact up to 2^53, beyond which they are refused rather than rounded),
 * temporal values their ISO 8601 strings, lists element by element.
 */
export function fromNeo4jValue(value: unknown): unknown {
  if (isInt(value)) {
    if (!value.inSafeRange()) throw new RangeError(`Integer ${value.toString()} does not fit a JavaScript number.`);
    return value.toNumber();
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (Array.isArray(value)) return value.map(fromNeo4jValue);
  return value;
}

/**
 * A prop value as stored. neo4j-driver sends every JavaScript number as a FLOAT, so integral
 * numbers (`year`, `version`, `number` …) become Neo4j Integers, and so do lists of them; a list
 * with a fraction in it stays a list of floats (a Neo4j list holds one type). Read back, both are
 * JavaScript numbers again (`fromNeo4jValue`), so a record round-trips unchanged.
 */
export function toStoredValue(value: PropValue): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? int(value) : value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) {
    return (value as number[]).map((v) => int(v));
  }
  return value;
}

function propsOf(stored: Neo4jProperties): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const key of Object.keys(stored).sort()) {
    if (!key.startsWith(PROP_PREFIX)) continue;
    const value = stored[key];
    if (value === null || value === undefined) continue;
    props[key.slice(PROP_PREFIX.length)] = fromNeo4jValue(value) as PropValue;
  }
  return props;
}

function parseProvenance(stored: Neo4jProperties): Provenance {
  return JSON.parse(requireString(stored, 'provenance_json')) as Provenance;
}

// A record without these was not written by this adapter or db:seed: say which key is missing.
function requireString(stored: Neo4jProperties, key: string): string {
  const value = stored[key];
  if (typeof value !== 'string') {
    throw new TypeError(`Stored record ${JSON.stringify(stored.id ?? '?')} has no string property "${key}".`);
  }
  return value;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
