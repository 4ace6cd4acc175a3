import { edgePropSpecs, isAllowedEdge, isEdgeType, type EdgeType } from '../domain/edge-types';
import { CONFIDENCES, type GraphEdge, type GraphNode, type PropValue, type Provenance, type SourceRef } from '../domain/graph-records';
import { LANGS } from '../domain/lang';
import { NODE_VOCABULARY, nodePropSpecs } from '../domain/node-vocabulary';
import { isNodeType, parseGlobalId, toGlobalId, type NodeType } from '../domain/node-types';
import { checkProps, type PropSpecs } from '../domain/prop-spec';
import type { RecordPool } from './record-pool';

/**
 * The seeds' record schemas (`graphNodeSchema`, `graphEdgeSchema`) for the
 * records that pass them, without zod: the same output (strings trimmed,
 * `props` defaulted to `{}`, keys in the schema's order), or `undefined`
 * for anything this path does not accept, which the caller then parses with
 * the schema for its answer and its exact message. So a record is never
 * accepted here that the schema refuses (the unit test feeds both every real
 * record and thousands of broken ones), while a valid one costs a few
 * property reads: at ×1000 (198k nodes, 346k links) zod's parse was 26 s of
 * a 195 s start-up on the loaded machine.
 *
 * Records come out deep-frozen (the seeds are read-only, and the embedded
 * store keeps a frozen record without copying it). A record from JSON.parse
 * that is already in the output's form (keys in order, nothing to trim) is
 * that output: it is frozen where it is, not copied, so a load does not hold
 * a parsed file and its copy at once (at ×1000 the copies were most of the
 * start-up's garbage collection). Only an accepted record is touched: one
 * refused is left as it was for the schema's message. With a `pool`, the
 * strings and source lists the records repeat are kept once (`RecordPool`).
 */
export function quickParseNode(value: unknown, pool?: RecordPool): GraphNode | undefined {
  if (!isPlainObject(value) || !hasOnly(value, NODE_KEYS)) return undefined;
  const id = nonEmpty(value.id);
  const type = value.type;
  const code = nonEmpty(value.code);
  if (id === undefined || code === undefined || typeof type !== 'string' || !isNodeType(type)) return undefined;
  if (id !== toGlobalId(type, code)) return undefined;
  const name = localized(value.name);
  const props = value.props === undefined ? EMPTY_PROPS : propsOf(value.props);
  const provenance = provenanceOf(value.provenance);
  if (name === undefined || props === undefined || provenance === undefined) return undefined;
  const spec = NODE_VOCABULARY[type];
  if (!spec.code.test(code) || checkProps(nodeSpecs(type), props).length > 0) return undefined;
  for (const rule of spec.rules ?? []) if (rule({ code, props })) return undefined;
  const record = { id: pool ? pool.text(id) : id, type, code, name, props, provenance: pooled(provenance, pool) };
  return frozen(value.props !== undefined && inOrder(value, NODE_ORDER) ? Object.assign(value, record) : record) as GraphNode;
}

/** {@link quickParseNode} for link records (`graphEdgeSchema`). */
export function quickParseEdge(value: unknown, pool?: RecordPool): GraphEdge | undefined {
  if (!isPlainObject(value) || !hasOnly(value, EDGE_KEYS)) return undefined;
  const id = nonEmpty(value.id);
  const type = value.type;
  const from = nonEmpty(value.from);
  const to = nonEmpty(value.to);
  if (id === undefined || from === undefined || to === undefined || typeof type !== 'string' || !isEdgeType(type)) return undefined;
  const props = value.props === undefined ? EMPTY_PROPS : propsOf(value.props);
  const provenance = provenanceOf(value.provenance);
  if (props === undefined || provenance === undefined) return undefined;
  const fromId = parseGlobalId(from);
  const toId = parseGlobalId(to);
  if (!fromId || !toId || !isAllowedEdge(type, fromId.type, toId.type)) return undefined;
  if (checkProps(edgeSpecs(type), props).length > 0) return undefined;
  const record = { id, type, from: pool ? pool.text(from) : from, to: pool ? pool.text(to) : to, props, provenance: pooled(provenance, pool) };
  return frozen(value.props !== undefined && inOrder(value, EDGE_ORDER) ? Object.assign(value, record) : record) as GraphEdge;
}

// The output's keys, in the schema's order: a parsed record with exactly these, in this order, is kept.
const NODE_ORDER = ['id', 'type', 'code', 'name', 'props', 'provenance'] as const;
const EDGE_ORDER = ['id', 'type', 'from', 'to', 'props', 'provenance'] as const;
const PROVENANCE_ORDER = ['sources', 'confidence', 'method', 'flags', 'notes'] as const;
const SOURCE_ORDER = ['document', 'paragraph', 'url'] as const;

// What zod's `.default({})` gives a record without props; frozen, so one object serves them all.
const EMPTY_PROPS: Record<string, PropValue> = Object.freeze({});

// An accepted record frozen all the way down, part by part (what deepFreeze does, without a list of
// values per object: 2.7M objects at ×1000).
function frozen<R extends { name?: object; props: Record<string, PropValue>; provenance: Provenance }>(record: R): R {
  if ('name' in record) Object.freeze(record.name);
  for (const key in record.props) {
    const value = record.props[key];
    if (typeof value === 'object') Object.freeze(value);
  }
  Object.freeze(record.props);
  const { provenance } = record;
  if (!Object.isFrozen(provenance.sources)) for (const source of provenance.sources) Object.freeze(source);
  Object.freeze(provenance.sources);
  if (provenance.flags) Object.freeze(provenance.flags);
  if (provenance.notes) Object.freeze(provenance.notes);
  Object.freeze(provenance);
  return Object.freeze(record);
}

// An accepted record's provenance with the pool's list of its sources (frozen) in place of its own.
function pooled(provenance: Provenance, pool: RecordPool | undefined): Provenance {
  if (pool) provenance.sources = pool.sources(provenance.sources) as SourceRef[];
  return provenance;
}

// Whether `value`'s own keys are some of `order`'s, in that order, none of them undefined: as the output.
function inOrder(value: Record<string, unknown>, order: readonly string[]): boolean {
  let at = 0;
  for (const key in value) {
    if (value[key] === undefined) return false;
    while (at < order.length && order[at] !== key) at++;
    if (at === order.length) return false;
    at++;
  }
  return true;
}

const NODE_KEYS: ReadonlySet<string> = new Set(NODE_ORDER);
const EDGE_KEYS: ReadonlySet<string> = new Set(EDGE_ORDER);
const PROVENANCE_KEYS: ReadonlySet<string> = new Set(PROVENANCE_ORDER);
const SOURCE_KEYS: ReadonlySet<string> = new Set(SOURCE_ORDER);
const LANG_KEYS: ReadonlySet<string> = new Set(LANGS);
const PROP_KEY = /^[a-z][a-zA-Z0-9_]*$/;

// The vocabulary's specs are constants; nodePropSpecs/edgePropSpecs build a new object on each call.
const nodeSpecsByType = new Map<NodeType, PropSpecs>();
function nodeSpecs(type: NodeType): PropSpecs {
  let specs = nodeSpecsByType.get(type);
  if (!specs) nodeSpecsByType.set(type, (specs = nodePropSpecs(type)));
  return specs;
}
const edgeSpecsByType = new Map<EdgeType, PropSpecs>();
function edgeSpecs(type: EdgeType): PropSpecs {
  let specs = edgeSpecsByType.get(type);
  if (!specs) edgeSpecsByType.set(type, (specs = edgePropSpecs(type)));
  return specs;
}

// As zod's object check; records come from JSON.parse, so every object is a plain one.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnly(value: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

// `z.string().trim().min(1)`: the trimmed text, if anything is left.
function nonEmpty(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

// A list of `nonEmpty` texts: `value` itself when nothing needed trimming.
function nonEmptyList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  let list: string[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const text = nonEmpty(value[i]);
    if (text === undefined) return undefined;
    if (text !== value[i]) list ??= value.slice(0, i);
    list?.push(text);
  }
  return list ?? (value as string[]);
}

// The names in the schema's order (LANGS), English required: `value` itself when already so.
function localized(value: unknown): GraphNode['name'] | undefined {
  if (!isPlainObject(value) || !hasOnly(value, LANG_KEYS)) return undefined;
  const name: Record<string, string> = {};
  let same = true;
  for (const lang of LANGS) {
    if (value[lang] === undefined) {
      if (lang === 'en') return undefined;
      continue;
    }
    const text = nonEmpty(value[lang]);
    if (text === undefined) return undefined;
    if (text !== value[lang]) same = false;
    name[lang] = text;
  }
  return (same && inOrder(value, LANGS) ? value : name) as GraphNode['name'];
}

// `propsSchema`: keys as written, each value a scalar or an array of one scalar type; `value` itself.
function propsOf(value: unknown): Record<string, PropValue> | undefined {
  if (!isPlainObject(value)) return undefined;
  let empty = true;
  for (const key in value) {
    empty = false;
    if (!PROP_KEY.test(key)) return undefined;
    const item = value[key];
    if (typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) continue;
    if (!Array.isArray(item) || !isHomogeneous(item)) return undefined;
  }
  return empty ? EMPTY_PROPS : (value as Record<string, PropValue>);
}

function isHomogeneous(items: readonly unknown[]): boolean {
  if (items.length === 0) return true;
  const kind = typeof items[0];
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  return items.every((item) => typeof item === kind && (kind !== 'number' || Number.isFinite(item)));
}

// `value` itself when already in the output's form, else the output built.
function provenanceOf(value: unknown): Provenance | undefined {
  if (!isPlainObject(value) || !hasOnly(value, PROVENANCE_KEYS)) return undefined;
  if (!Array.isArray(value.sources) || value.sources.length === 0) return undefined;
  let sources: SourceRef[] | undefined;
  for (let i = 0; i < value.sources.length; i++) {
    const source = sourceOf(value.sources[i]);
    if (!source) return undefined;
    if (source !== value.sources[i]) sources ??= value.sources.slice(0, i);
    sources?.push(source);
  }
  const confidence = value.confidence;
  if (typeof confidence !== 'string' || !(CONFIDENCES as readonly string[]).includes(confidence)) return undefined;
  const provenance: Provenance = { sources: sources ?? (value.sources as SourceRef[]), confidence: confidence as Provenance['confidence'] };
  let same = sources === undefined;
  if (value.method !== undefined) {
    const method = nonEmpty(value.method);
    if (method === undefined) return undefined;
    if (method !== value.method) same = false;
    provenance.method = method;
  }
  for (const key of ['flags', 'notes'] as const) {
    if (value[key] === undefined) continue;
    const list = nonEmptyList(value[key]);
    if (list === undefined) return undefined;
    if (list !== value[key]) same = false;
    provenance[key] = list;
  }
  if (provenance.confidence === 'derived' && provenance.method === undefined) return undefined;
  return same && inOrder(value, PROVENANCE_ORDER) ? (value as Provenance) : provenance;
}

function sourceOf(value: unknown): SourceRef | undefined {
  if (!isPlainObject(value) || !hasOnly(value, SOURCE_KEYS)) return undefined;
  const source: SourceRef = {};
  let same = true;
  for (const key of SOURCE_ORDER) {
    if (value[key] === undefined) continue;
    const text = nonEmpty(value[key]);
    if (text === undefined) return undefined;
    if (text !== value[key]) same = false;
    source[key] = text;
  }
  if (source.document === undefined && source.url === undefined) return undefined;
  return same && inOrder(value, SOURCE_ORDER) ? (value as SourceRef) : source;
}
