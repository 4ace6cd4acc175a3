import { edgePropSpecs, isAllowedEdge, isEdgeType, type EdgeType } from '../domain/edge-types';
import { CONFIDENCES, type GraphEdge, type GraphNode, type PropValue, type Provenance, type SourceRef } from '../domain/graph-records';
import { LANGS } from '../domain/lang';
import { NODE_VOCABULARY, nodePropSpecs } from '../domain/node-vocabulary';
import { isNodeType, parseGlobalId, toGlobalId, type NodeType } from '../domain/node-types';
import { checkProps, type PropSpecs } from '../domain/prop-spec';

/**
 * The seeds' record schemas (`graphNodeSchema`, `graphEdgeSchema`) for the
 * records that pass them, without zod: the same output (strings trimmed,
 * `props` defaulted to `{}`, keys in the schema's order), or `undefined`
 * for anything this path does not accept, which the caller then parses with
 * the schema for its answer and its exact message. Records come out
 * deep-frozen, built so (the seeds are read-only, and the embedded store
 * keeps a frozen record without copying it). So a record is never
 * accepted here that the schema refuses (the unit test feeds both every real
 * record and thousands of broken ones), while a valid one costs a few
 * property reads: at ×1000 (198k nodes, 346k links) zod's parse was 26 s of
 * a 195 s start-up on the loaded machine.
 */
export function quickParseNode(value: unknown): GraphNode | undefined {
  if (!isPlainObject(value) || !hasOnly(value, NODE_KEYS)) return undefined;
  const id = nonEmpty(value.id);
  const type = value.type;
  const code = nonEmpty(value.code);
  if (id === undefined || code === undefined || typeof type !== 'string' || !isNodeType(type)) return undefined;
  if (id !== toGlobalId(type, code)) return undefined;
  const name = localized(value.name);
  const props = value.props === undefined ? Object.freeze({}) : propsOf(value.props);
  const provenance = provenanceOf(value.provenance);
  if (name === undefined || props === undefined || provenance === undefined) return undefined;
  const spec = NODE_VOCABULARY[type];
  if (!spec.code.test(code) || checkProps(nodeSpecs(type), props).length > 0) return undefined;
  for (const rule of spec.rules ?? []) if (rule({ code, props })) return undefined;
  return Object.freeze({ id, type, code, name, props, provenance });
}

/** {@link quickParseNode} for link records (`graphEdgeSchema`). */
export function quickParseEdge(value: unknown): GraphEdge | undefined {
  if (!isPlainObject(value) || !hasOnly(value, EDGE_KEYS)) return undefined;
  const id = nonEmpty(value.id);
  const type = value.type;
  const from = nonEmpty(value.from);
  const to = nonEmpty(value.to);
  if (id === undefined || from === undefined || to === undefined || typeof type !== 'string' || !isEdgeType(type)) return undefined;
  const props = value.props === undefined ? Object.freeze({}) : propsOf(value.props);
  const provenance = provenanceOf(value.provenance);
  if (props === undefined || provenance === undefined) return undefined;
  const fromId = parseGlobalId(from);
  const toId = parseGlobalId(to);
  if (!fromId || !toId || !isAllowedEdge(type, fromId.type, toId.type)) return undefined;
  if (checkProps(edgeSpecs(type), props).length > 0) return undefined;
  return Object.freeze({ id, type, from, to, props, provenance });
}

const NODE_KEYS: ReadonlySet<string> = new Set(['id', 'type', 'code', 'name', 'props', 'provenance']);
const EDGE_KEYS: ReadonlySet<string> = new Set(['id', 'type', 'from', 'to', 'props', 'provenance']);
const PROVENANCE_KEYS: ReadonlySet<string> = new Set(['sources', 'confidence', 'method', 'flags', 'notes']);
const SOURCE_KEYS: ReadonlySet<string> = new Set(['document', 'paragraph', 'url']);
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

function nonEmptyList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: string[] = [];
  for (const item of value) {
    const text = nonEmpty(item);
    if (text === undefined) return undefined;
    list.push(text);
  }
  return Object.freeze(list) as string[];
}

// The names in the schema's order (LANGS), English required.
function localized(value: unknown): GraphNode['name'] | undefined {
  if (!isPlainObject(value) || !hasOnly(value, LANG_KEYS)) return undefined;
  const name: Record<string, string> = {};
  for (const lang of LANGS) {
    if (value[lang] === undefined) {
      if (lang === 'en') return undefined;
      continue;
    }
    const text = nonEmpty(value[lang]);
    if (text === undefined) return undefined;
    name[lang] = text;
  }
  return Object.freeze(name) as GraphNode['name'];
}

// `propsSchema`: keys as written, each value a scalar or an array of one scalar type (copied).
function propsOf(value: unknown): Record<string, PropValue> | undefined {
  if (!isPlainObject(value)) return undefined;
  const props: Record<string, PropValue> = {};
  for (const key of Object.keys(value)) {
    if (!PROP_KEY.test(key)) return undefined;
    const item = value[key];
    if (typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) props[key] = item;
    else if (Array.isArray(item) && isHomogeneous(item)) props[key] = Object.freeze([...item]) as PropValue;
    else return undefined;
  }
  return Object.freeze(props);
}

function isHomogeneous(items: readonly unknown[]): boolean {
  if (items.length === 0) return true;
  const kind = typeof items[0];
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  return items.every((item) => typeof item === kind && (kind !== 'number' || Number.isFinite(item)));
}

function provenanceOf(value: unknown): Provenance | undefined {
  if (!isPlainObject(value) || !hasOnly(value, PROVENANCE_KEYS)) return undefined;
  if (!Array.isArray(value.sources) || value.sources.length === 0) return undefined;
  const sources: SourceRef[] = [];
  for (const item of value.sources) {
    const source = sourceOf(item);
    if (!source) return undefined;
    sources.push(source);
  }
  Object.freeze(sources);
  const confidence = value.confidence;
  if (typeof confidence !== 'string' || !(CONFIDENCES as readonly string[]).includes(confidence)) return undefined;
  const provenance: Provenance = { sources, confidence: confidence as Provenance['confidence'] };
  if (value.method !== undefined) {
    const method = nonEmpty(value.method);
    if (method === undefined) return undefined;
    provenance.method = method;
  }
  for (const key of ['flags', 'notes'] as const) {
    if (value[key] === undefined) continue;
    const list = nonEmptyList(value[key]);
    if (list === undefined) return undefined;
    provenance[key] = list;
  }
  if (provenance.confidence === 'derived' && provenance.method === undefined) return undefined;
  return Object.freeze(provenance);
}

function sourceOf(value: unknown): SourceRef | undefined {
  if (!isPlainObject(value) || !hasOnly(value, SOURCE_KEYS)) return undefined;
  const source: SourceRef = {};
  for (const key of ['document', 'paragraph', 'url'] as const) {
    if (value[key] === undefined) continue;
    const text = nonEmpty(value[key]);
    if (text === undefined) return undefined;
    source[key] = text;
  }
  return source.document !== undefined || source.url !== undefined ? Object.freeze(source) : undefined;
}
