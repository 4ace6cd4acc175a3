import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { listAllNodes } from '../../src/analytics/list-all-nodes';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { EDGE_TYPES, EDGE_VOCABULARY, edgePropSpecs } from '../../src/domain/edge-types';
import type { GraphEdge, GraphNode } from '../../src/domain/graph-records';
import { NODE_VOCABULARY } from '../../src/domain/node-vocabulary';
import { NODE_TYPES, type NodeType } from '../../src/domain/node-types';
import type { PropSpec } from '../../src/domain/prop-spec';
import { createSchema } from '../../src/graphql/schema';
import { createRandom, type Random } from '../support/create-random';
import { createTestApp } from './test-app';

/*
 * Curators are trusted to edit, not to know every invariant. This test plays
 * a careless curator: random `applyChanges` batches against the real schema
 * and seeds (codes of every form, props of the vocabulary with right and
 * wrong values, links of every type between fitting and unfitting ends,
 * deletions of nodes others need). Every batch is either accepted or refused
 * with a coded error that changed nothing; after every accepted batch a
 * fixed set of read queries, generated from the SDL so they select every
 * field of every node type, answers without a single error.
 */

const KEY = 'curator-key-0123456789';
// The reads below ask for every field of up to 500 nodes at once, on purpose: the query limits
// (cost estimate, deadline, response cap, rate limit) are set out of their way, since this test
// is about what a write does to reads, not about what a visitor may ask.
const { app, store } = createTestApp({
  API_KEYS: `cur:curator:${hashApiKey(KEY)}`,
  MAX_TOKENS: '1000000',
  MAX_COST: '100000000',
  EXPENSIVE_COST: '100000000',
  MAX_EXECUTION_MS: '120000',
  MAX_RESPONSE_BYTES: '1073741824',
  MAX_DEPTH: '20',
  MAX_ALIASES: '1000',
  RATE_LIMIT_KEYED: '0',
  RATE_LIMIT_ANONYMOUS: '0',
});
afterAll(() => store.close());

async function post(query: string, variables?: Record<string, unknown>) {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
}

// ---- the fixed reads: every field of every node type, two levels deep ----

const schema: GraphQLSchema = createSchema();

const callable = (f: GraphQLField<unknown, unknown>) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/**
 * The selection of every field of `type` callable without arguments, objects
 * `depth` levels down; top-level fields get `alias` as a prefix so that the
 * fragments of several types (whose `kind` or `status` differ in type) do not clash.
 */
function selectAll(type: GraphQLNamedType, depth: number, alias = ''): string {
  if (isLeafType(type)) return '';
  if (isInterfaceType(type)) {
    const own = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && callable(f));
    return `{ __typename ${own.map((f) => f.name).join(' ')} }`;
  }
  if (!isObjectType(type)) return isAbstractType(type) ? '{ __typename }' : '';
  const fields = Object.values(type.getFields()).filter(callable);
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (depth === 0) return isObjectType(named) && named.getFields().id ? [`${field.name} { id }`] : isAbstractType(named) ? [`${field.name} { __typename }`] : [];
    const inner = selectAll(named, depth - 1);
    return inner ? [`${field.name} ${inner}`] : [];
  });
  if (alias) return `{ ${parts.map((part) => `${alias}_${part.split(' ')[0]}: ${part}`).join(' ')} }`;
  return `{ ${parts.join(' ')} }`;
}

const NODE_FRAGMENTS = NODE_TYPES.map((type) => `... on ${type} ${selectAll(schema.getType(type)!, 1, type)}`).join(' ');
const NODES_READ = `query($ids: [ID!]!) { nodes(ids: $ids) { id ${NODE_FRAGMENTS} } }`;
const LISTS_READ = `{
  actionLines(first: 500) { nodes { id code kind facilitators { role } } totalCount }
  entities(first: 500) { nodes { id kind respondentToSgWsisReport2024 nameZhVariants } }
  processes(first: 500) { nodes { id kind } }
  sdgGoals(first: 500) { nodes { id targets { id goal { id } kind } } }
  sdgTargets(first: 500) { nodes { id kind goal { code } indicators { listedAs } } }
  sdgIndicators(first: 500) { nodes { id listedAs targets { goal { id } } } }
  resolutions(first: 500) { nodes { id year mandatesCarried { direct } } }
  initiatives(first: 500) { nodes { id ledBy { id } } }
  gdcCommitments(first: 500) { nodes { id status objective { number } } }
  gdcObjectives { number } gdcPrinciples { id }
  mappingStudies { id slug version status assertions { level } }
  dataset { counts { type count } linkCounts { type count } }
  coverage { unreachedTargets { target { id } } gdcCommitmentsWithoutWsis { id } actionLinesWithoutGdc { id } entities { entity { id } } }
  matrix(rows: ACTION_LINES, columns: SDG_GOALS) { cells { value evidence { id } } }
}`;

/**
 * Every field of the nodes a batch touched (and their neighbours), of one
 * fixed node of each type, and the list and analytics fields over everything.
 * Reading every field of all ~700 nodes after each batch would take minutes.
 */
async function readEverything(touched: readonly string[] = []): Promise<{ message: string; path?: unknown[] }[]> {
  const existing = new Set((await store.getNodes(touched)).filter((n) => n !== null).map((n) => n!.id));
  const around = await store.getNeighbours([...existing].map((id) => ({ id, direction: 'both' as const })));
  const sample = (await Promise.all(NODE_TYPES.map((type) => store.listNodes({ type, first: 1 })))).flatMap((page) => page.nodes.map((n) => n.id));
  const ids = [...new Set([...existing, ...around.flat().map(({ node }) => node.id), ...sample])];
  const pages = [];
  for (let at = 0; at < ids.length; at += 500) pages.push(ids.slice(at, at + 500));
  const answers = await Promise.all([...pages.map((page) => post(NODES_READ, { ids: page })), post(LISTS_READ)]);
  return answers.flatMap((answer) => answer.errors ?? []).map(({ message, path }) => ({ message, path }));
}

// ---- the careless curator ----

const PROV = { sources: [{ document: 'Generated curation test' }], confidence: 'SOURCE' };
const EXPECTED_REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

type PropIn = { key: string; string?: string; number?: number; boolean?: boolean; strings?: string[] };

function valueFor(random: Random, spec: PropSpec, right: boolean): Omit<PropIn, 'key'> {
  const kind = right ? spec.kind : random.pick(['string', 'int', 'boolean', 'strings', 'float'] as const);
  switch (kind) {
    case 'enum':
      return { string: random.pick(spec.kind === 'enum' ? spec.values : ['x']) };
    case 'string':
      return { string: random.pick(['x', 'pillar', 'lead_facilitator', '9', 'secretariat']) };
    case 'int':
      return { number: random.int(-5, 3000) };
    case 'float':
      return { number: random.int(0, 100) + 0.5 };
    case 'boolean':
      return { boolean: random.next() < 0.5 };
    case 'strings':
      return { strings: random.pick([[], ['x'], ['9.c.1', 'x']]) };
    case 'partialDate':
      return { string: random.pick(['2015', '2008-05', '2024-02-29']) };
  }
}

function randomProps(random: Random, specs: Readonly<Record<string, PropSpec>>, base: Record<string, PropIn> = {}): PropIn[] {
  const props = { ...base };
  const keys = Object.keys(specs);
  for (let i = random.int(0, 3); i > 0 && keys.length > 0; i--) {
    const key = random.pick(keys);
    props[key] = { key, ...valueFor(random, specs[key]!, random.next() < 0.7) };
  }
  if (random.next() < 0.2) props.note = { key: 'note', string: 'free text' };
  return Object.values(props);
}

const CODE_MAKERS: Record<NodeType, (random: Random, n: number) => string> = {
  ActionLine: (r, n) => r.pick([`C7.e-gen${'abcdefgh'[n % 8]}`, `C${12 + n}`, 'C2']),
  Theme: (r, n) => r.pick([`T-GEN${'ABCDEFGH'[n % 8]}`, 'T-IG', 'theme']),
  SdgGoal: (r) => r.pick(['9', '18', '17']),
  SdgTarget: (r) => `${r.pick(['9', '4', '17'])}.${r.pick(['u', 'v', 'w', 'x', 'y', 'z', 'Z', '1'])}`,
  SdgIndicator: (r) => `${r.pick(['9.c', '4.1', '9.z'])}.${r.int(5, 9)}`,
  Entity: (r, n) => r.pick([`GEN${n}`, 'ITU', '1bad']),
  Resolution: (r, n) => r.pick([`GEN/RES/${n}`, 'A/RES/70/125']),
  Paragraph: (r, n) => r.pick([`A/RES/70/125#${900 + n}`, `A/RES/80/173#${900 + n}`, 'A/RES/70/125']),
  Initiative: (r, n) => r.pick([`gen-${n}`, 'giga', 'Bad Code']),
  GdcObjective: (r, n) => r.pick([String(6 + (n % 4)), 'three', '3']),
  GdcPrinciple: (r, n) => r.pick([String(20 + n), 'a']),
  GdcCommitment: (r, n) => r.pick([String(100 + n), '29(a)']),
  Process: (r, n) => r.pick([`GEN-${n}`, 'IGF']),
  Meeting: (r, n) => r.pick([`GEN-${n}`, 'IGF-2023-Kyoto', 'bad code']),
  MappingStudy: () => 'gen/v1', // refused: made through the mapping-study mutations only
};

// The props that tie a code to its node (a target's goal, a paragraph's text), right most of the time.
function tiedProps(random: Random, type: NodeType, code: string): Record<string, PropIn> {
  if (random.next() < 0.2) return {};
  if (type === 'SdgTarget') return { goal: { key: 'goal', string: code.split('.')[0]! } };
  if (type === 'SdgIndicator') return { listedAs: { key: 'listedAs', strings: [code] } };
  if (type === 'Paragraph') return { document: { key: 'document', string: code.slice(0, code.lastIndexOf('#')) } };
  if (type === 'ActionLine' && code.includes('.')) return { parent: { key: 'parent', string: 'C7' } };
  return {};
}

interface World {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function randomBatch(random: Random, world: World, serial: { n: number }): Record<string, unknown>[] {
  const changes: Record<string, unknown>[] = [];
  const pickNode = (types?: readonly string[]) => {
    const fitting = types ? world.nodes.filter((n) => types.includes(n.type)) : world.nodes;
    return random.pick(fitting.length > 0 && random.next() < 0.9 ? fitting : world.nodes);
  };
  for (let i = random.int(1, 4); i > 0; i--) {
    const kind = random.pick(['createNode', 'createNode', 'updateNode', 'deleteNode', 'createLink', 'createLink', 'updateLink', 'deleteLink'] as const);
    serial.n++;
    if (kind === 'createNode') {
      const type = random.pick(NODE_TYPES);
      const code = CODE_MAKERS[type](random, serial.n);
      changes.push({ createNode: { type, code, name: { en: `Generated ${type} ${code}` }, props: randomProps(random, NODE_VOCABULARY[type].props, tiedProps(random, type, code)), provenance: PROV } });
      // The link a node of this type needs, most of the time in the same batch.
      const needed = NODE_VOCABULARY[type].requiredLinks?.[0];
      if (needed && random.next() < 0.7) {
        const to = type === 'SdgTarget' && random.next() < 0.8 ? `SdgGoal:${code.split('.')[0]}` : pickNode(EDGE_VOCABULARY[needed.type].to).id;
        changes.push({ createLink: { type: needed.type, from: `${type}:${code}`, to, provenance: PROV } });
      }
    } else if (kind === 'updateNode') {
      const node = pickNode();
      changes.push({
        updateNode: {
          id: node.id,
          props: randomProps(random, NODE_VOCABULARY[node.type].props),
          ...(random.next() < 0.3 ? { removeProps: [random.pick([...Object.keys(NODE_VOCABULARY[node.type].props), 'note'])] } : {}),
        },
      });
    } else if (kind === 'deleteNode') {
      changes.push({ deleteNode: pickNode(random.next() < 0.5 ? ['SdgGoal', 'SdgTarget', 'Initiative', 'Entity'] : undefined).id });
    } else if (kind === 'createLink') {
      const type = random.pick(EDGE_TYPES);
      const rule = EDGE_VOCABULARY[type];
      const from = pickNode(rule.from).id;
      const to = pickNode(rule.to).id;
      changes.push({ createLink: { type, from, to, discriminator: random.next() < 0.3 ? `g${serial.n}` : null, props: randomProps(random, edgePropSpecs(type)), provenance: PROV } });
    } else if (world.edges.length > 0) {
      const edge = random.pick(world.edges);
      if (kind === 'updateLink') changes.push({ updateLink: { id: edge.id, props: randomProps(random, edgePropSpecs(edge.type)), ...(random.next() < 0.3 ? { removeProps: ['role'] } : {}) } });
      else changes.push({ deleteLink: edge.id });
    }
  }
  return changes;
}

// The node ids a batch names, as written or as the ends of its links.
function touchedBy(changes: readonly Record<string, unknown>[]): string[] {
  return changes.flatMap((change) => {
    const [kind, input] = Object.entries(change)[0] as [string, Record<string, string> | string];
    if (typeof input === 'string') return kind === 'deleteLink' ? input.split('|').slice(1, 3) : [input];
    if (kind === 'createNode') return [`${input.type}:${input.code}`];
    if (kind === 'createLink') return [input.from!, input.to!];
    return input.id!.includes('|') ? input.id!.split('|').slice(1, 3) : [input.id!];
  });
}

const APPLY = 'mutation($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { applied outcomes { op id } } }';

describe('curation: no accepted write makes a read fail', () => {
  it('on 3 seeds × 40 random batches: each batch is applied or refused with a coded error, and every read answers without errors', async () => {
    // Before any write, every field of every node reads without errors (the seeds included).
    const all = (await Promise.all(NODE_TYPES.map((type) => listAllNodes(store, type)))).flat().map((n) => n.id);
    expect(await readEverything(all)).toEqual([]);
    const tally: Record<string, number> = { accepted: 0 };
    for (const seed of [11, 12, 13]) {
      const random = createRandom(seed);
      const serial = { n: seed * 1000 };
      for (let batch = 0; batch < 40; batch++) {
        const world: World = {
          nodes: (await Promise.all(NODE_TYPES.map((type) => listAllNodes(store, type)))).flat(),
          edges: await store.listEdges({ types: EDGE_TYPES.filter((t) => t !== 'STUDY_LINK') }),
        };
        const changes = randomBatch(random, world, serial);
        if (changes.length === 0) continue;
        const auditBefore = (await store.listAudit({ first: 1_000_000 })).entries.length;
        const answer = await post(APPLY, { changes });
        const context = `seed ${seed} batch ${batch}: ${JSON.stringify(changes)}`;
        if (answer.errors) {
          const codes = answer.errors.map((e) => e.extensions?.code ?? 'none');
          expect({ context, codes: codes.filter((code) => !EXPECTED_REFUSALS.has(code)) }).toEqual({ context, codes: [] });
          for (const code of codes) tally[code] = (tally[code] ?? 0) + 1;
          // A refused batch changes nothing: no audit entry, so no write.
          expect((await store.listAudit({ first: 1_000_000 })).entries.length).toBe(auditBefore);
          continue;
        }
        tally.accepted!++;
        expect({ context, errors: await readEverything(touchedBy(changes)) }).toEqual({ context, errors: [] });
      }
    }
    // The generator must exercise both sides: enough accepted batches, and refusals of each kind.
    expect(tally.accepted).toBeGreaterThanOrEqual(15);
    expect(tally.BAD_USER_INPUT).toBeGreaterThanOrEqual(15);
    expect(tally.CONFLICT ?? 0).toBeGreaterThan(0);
    process.stdout.write(`curation-reads property test: ${JSON.stringify(tally)}\n`);
  }, 240_000);
});
